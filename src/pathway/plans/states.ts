/** A service line's life: proposed → approved → in place → ended; cancelled before it starts. */
export const lineStates = ['proposed', 'approved', 'in_place', 'ended', 'cancelled'] as const;
export type LineState = (typeof lineStates)[number];
export type LineAction = 'approve' | 'start' | 'end' | 'cancel';

const transitions: Record<LineAction, { from: readonly LineState[]; to: LineState; words: string }> = {
  approve: { from: ['proposed'], to: 'approved', words: 'approved' },
  start: { from: ['approved'], to: 'in_place', words: 'put in place' },
  end: { from: ['in_place'], to: 'ended', words: 'ended' },
  cancel: { from: ['proposed', 'approved'], to: 'cancelled', words: 'cancelled' },
};

export const stateWords: Record<LineState, string> = {
  proposed: 'proposed',
  approved: 'approved',
  in_place: 'in place',
  ended: 'ended',
  cancelled: 'cancelled',
};

export type Transition = { ok: true; to: LineState } | { ok: false; message: string };

export function transition(state: string, action: LineAction): Transition {
  const t = transitions[action];
  if ((t.from as readonly string[]).includes(state)) return { ok: true, to: t.to };
  const from = t.from.map((s) => stateWords[s]).join(' or ');
  const now = stateWords[state as LineState] ?? state;
  return { ok: false, message: `This line is ${now}: only a line that is ${from} can be ${t.words}.` };
}
