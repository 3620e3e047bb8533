import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { FormErrorSummary, FormField, type FormProblem } from '../components/common';
import { formatPounds, parsePounds } from '../format';
import { agreementApi, streamLabels, type FundingStream, type Schedule } from './agreementApi';

/** Forms a finance officer or the pooled fund manager records a receipt or a variation with. */

type Kind = 'receipt' | 'variation';
type Draft = { partnerId: string; stream: string; amount: string; day: string; reference: string; reason: string; boardDecisionRef: string };

const labels: Record<string, string> = {
  partnerId: 'Partner',
  stream: 'Funding stream',
  amountPence: 'Amount',
  receivedOn: 'Date received',
  onDate: 'Date it takes effect',
  reference: 'Remittance reference',
  reason: 'Reason',
  note: 'Note',
  boardDecisionRef: 'Board decision reference',
};
const fieldOf: Record<string, keyof Draft> = { partnerId: 'partnerId', stream: 'stream', amountPence: 'amount', receivedOn: 'day', onDate: 'day', reference: 'reference', note: 'reason', reason: 'reason', boardDecisionRef: 'boardDecisionRef' };

/** "−1,000.50", "-1000.5" or "£12" → pence (signed for a variation); null when not money. */
function pence(text: string, signed: boolean): number | null {
  const t = text.trim().replace(/^[−-]/, '');
  const negative = signed && t !== text.trim();
  const p = parsePounds(t);
  return p === null ? null : negative ? -p : p;
}


function MovementForm({ kind, fy, schedule }: { kind: Kind; fy: string; schedule: Schedule }) {
  const first = schedule.partners[0];
  const empty: Draft = { partnerId: first?.partnerId ?? '', stream: first?.contributions[0]?.stream ?? '', amount: '', day: '', reference: '', reason: '', boardDecisionRef: '' };
  const [d, setD] = useState<Draft>(empty);
  const [attempt, setAttempt] = useState(0);
  const [local, setLocal] = useState<FormProblem[]>([]);
  const [done, setDone] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (amountPence: number) => {
      const common = { partnerId: d.partnerId, stream: d.stream as FundingStream, amountPence };
      return kind === 'receipt'
        ? agreementApi.recordReceipt(fy, { ...common, receivedOn: d.day, reference: d.reference, ...(d.reason.trim() ? { note: d.reason } : {}) })
        : agreementApi.recordVariation(fy, { ...common, onDate: d.day, reason: d.reason, boardDecisionRef: d.boardDecisionRef });
    },
    onSuccess: async (m) => {
      const again = 'alreadyRecorded' in m && m.alreadyRecorded;
      setDone(
        again
          ? `Receipt ${m.reference ?? ''} was already recorded; nothing was posted twice.`
          : kind === 'receipt'
            ? `Recorded ${formatPounds(m.amountPence)} received from ${m.partnerName} (${m.reference ?? ''}) and posted to the ledger.`
            : `Recorded a variation of ${formatPounds(m.amountPence)} to ${m.partnerName}’s contribution.`,
      );
      setD(empty);
      await queryClient.invalidateQueries({ queryKey: ['finance', 'contributions', fy] });
    },
  });
  const id = (f: keyof Draft) => `${kind}-${f}`;
  const problems: FormProblem[] = [
    ...local,
    ...(save.error instanceof ApiError
      ? save.error.details.length > 0
        ? save.error.details.map((p) => ({ href: `#${id(fieldOf[p.field] ?? 'amount')}`, text: save.error instanceof ApiError ? (save.error.problemWith(p.field, labels[p.field]) ?? p.problem) : p.problem }))
        : [{ text: save.error.message }]
      : save.error
        ? [{ text: 'Something went wrong. Try again later.' }]
        : []),
  ];
  const errorOf = (f: keyof Draft) => {
    const l = local.find((p) => p.href === `#${id(f)}`)?.text;
    if (l) return l;
    if (!(save.error instanceof ApiError)) return undefined;
    const field = Object.entries(fieldOf).find(([api, form]) => form === f && save.error instanceof ApiError && save.error.details.some((p) => p.field === api))?.[0];
    return field ? save.error.problemWith(field, labels[field]) : undefined;
  };
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const partner = schedule.partners.find((p) => p.partnerId === d.partnerId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    setDone('');
    const amount = pence(d.amount, kind === 'variation');
    if (amount === null) {
      setLocal([{ href: `#${id('amount')}`, text: `Amount must be pounds and pence, like 1250.00${kind === 'variation' ? ' (a reduction starts with a minus sign)' : ''}` }]);
      save.reset();
      return;
    }
    setLocal([]);
    save.mutate(amount);
  };
  const heading = kind === 'receipt' ? 'Record a contribution received' : 'Record an in-year variation';
  return (
    <section aria-labelledby={`${kind}-heading`} data-testid={`${kind}-form`}>
      <h3 id={`${kind}-heading`}>{heading}</h3>
      {done ? (
        <p role="status" data-testid={`${kind}-done`}>
          {done}
        </p>
      ) : null}
      <FormErrorSummary problems={problems} attempt={attempt} />
      <form onSubmit={submit} noValidate>
        <FormField id={id('partnerId')} label="Partner" error={errorOf('partnerId')}>
          <select className="nhsuk-select" id={id('partnerId')} value={d.partnerId} onChange={(e) => set({ partnerId: e.target.value, stream: schedule.partners.find((p) => p.partnerId === e.target.value)?.contributions[0]?.stream ?? '' })}>
            {schedule.partners.map((p) => (
              <option key={p.partnerId} value={p.partnerId}>
                {p.partnerName}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={id('stream')} label="Funding stream" error={errorOf('stream')}>
          <select className="nhsuk-select" id={id('stream')} value={d.stream} onChange={(e) => set({ stream: e.target.value })}>
            {(partner?.contributions ?? []).map((c) => (
              <option key={c.stream} value={c.stream}>
                {streamLabels[c.stream]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={id('amount')} label="Amount in pounds" hint={kind === 'variation' ? 'A reduction starts with a minus sign, like -250000.00' : 'For example, 1250000.00'} error={errorOf('amount')}>
          <input className="nhsuk-input nhsuk-input--width-10" id={id('amount')} inputMode="decimal" value={d.amount} onChange={(e) => set({ amount: e.target.value })} />
        </FormField>
        <FormField id={id('day')} label={kind === 'receipt' ? 'Date received' : 'Date it takes effect'} hint="As YYYY-MM-DD, within the financial year" error={errorOf('day')}>
          <input className="nhsuk-input nhsuk-input--width-10" id={id('day')} value={d.day} onChange={(e) => set({ day: e.target.value })} />
        </FormField>
        {kind === 'receipt' ? (
          <FormField id={id('reference')} label="Remittance reference" hint="Sending the same reference again records the receipt once" error={errorOf('reference')}>
            <input className="nhsuk-input nhsuk-input--width-20" id={id('reference')} value={d.reference} onChange={(e) => set({ reference: e.target.value })} />
          </FormField>
        ) : (
          <FormField id={id('boardDecisionRef')} label="Board decision reference" hint="The minute that approved the variation" error={errorOf('boardDecisionRef')}>
            <input className="nhsuk-input nhsuk-input--width-20" id={id('boardDecisionRef')} value={d.boardDecisionRef} onChange={(e) => set({ boardDecisionRef: e.target.value })} />
          </FormField>
        )}
        <FormField id={id('reason')} label={kind === 'receipt' ? 'Note (optional)' : 'Reason'} error={errorOf('reason')}>
          <textarea className="nhsuk-textarea" id={id('reason')} rows={2} value={d.reason} onChange={(e) => set({ reason: e.target.value })} />
        </FormField>
        <button className="nhsuk-button" type="submit" disabled={save.isPending}>
          {kind === 'receipt' ? 'Record the receipt' : 'Record the variation'}
        </button>
      </form>
    </section>
  );
}

export const ReceiptForm = (p: { fy: string; schedule: Schedule }) => <MovementForm kind="receipt" {...p} />;
export const VariationForm = (p: { fy: string; schedule: Schedule }) => <MovementForm kind="variation" {...p} />;
