/**
 * Partners' contributions to the pool for a financial year: planned (the current schedule
 * version), varied in year (board-approved variations) and received (receipts, posted to the ledger).
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { placeOverview } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import { financialYearBounds } from '../platform/financial-year.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import type { FundingStream, VariationInput } from './agreement-inputs.js';
import * as q from './agreement-queries.js';
import type { S75Movement } from './agreement-schema.js';

export type ContributionLine = {
  partnerId: string;
  partnerName: string;
  stream: FundingStream;
  plannedPence: number;
  receivedPence: number;
  variationsPence: number;
};

export type MovementView = {
  id: string;
  kind: 'variation' | 'receipt';
  partnerId: string;
  partnerName: string;
  stream: FundingStream;
  amountPence: number;
  onDate: string;
  reason: string;
  boardDecisionRef: string;
  reference: string | null;
  journalId: string | null;
  recordedAt: string;
  recordedBy: string | null;
};

async function partnerNames(db: Executor, placeId: string): Promise<Map<string, string>> {
  return new Map((await placeOverview(db, placeId)).partners.map((p) => [p.id, p.name]));
}

export function movementView(m: S75Movement, names: Map<string, string>): MovementView {
  return {
    id: m.id,
    kind: m.kind as MovementView['kind'],
    partnerId: m.partnerId,
    partnerName: names.get(m.partnerId) ?? '',
    stream: m.stream as FundingStream,
    amountPence: m.amountPence,
    onDate: m.onDate,
    reason: m.reason,
    boardDecisionRef: m.boardDecisionRef,
    reference: m.reference,
    journalId: m.journalId,
    recordedAt: m.recordedAt.toISOString(),
    recordedBy: m.recordedBy,
  };
}

/** Per partner and funding stream: planned in the current version, varied and received in the year. */
export async function contributionsOf(db: Executor, placeId: string, fy: string): Promise<ContributionLine[]> {
  const s = await q.selectCurrentSchedule(db, placeId, fy);
  if (!s) return [];
  const [planned, movements, names] = await Promise.all([q.selectPlanned(db, placeId, s.id), q.selectMovements(db, placeId, fy), partnerNames(db, placeId)]);
  const lines = new Map<string, ContributionLine>();
  const lineOf = (partnerId: string, stream: string): ContributionLine => {
    const key = `${partnerId}/${stream}`;
    let line = lines.get(key);
    if (!line) {
      line = { partnerId, partnerName: names.get(partnerId) ?? '', stream: stream as FundingStream, plannedPence: 0, receivedPence: 0, variationsPence: 0 };
      lines.set(key, line);
    }
    return line;
  };
  for (const p of planned) lineOf(p.partnerId, p.stream).plannedPence += p.plannedPence;
  for (const m of movements) {
    const line = lineOf(m.partnerId, m.stream);
    if (m.kind === 'receipt') line.receivedPence += m.amountPence;
    else line.variationsPence += m.amountPence;
  }
  return [...lines.values()].sort((a, b) => b.plannedPence - a.plannedPence || a.partnerName.localeCompare(b.partnerName) || a.stream.localeCompare(b.stream));
}

/** The year's variations and receipts, in date order. */
export async function movementsOf(db: Executor, placeId: string, fy: string): Promise<MovementView[]> {
  const [rows, names] = await Promise.all([q.selectMovements(db, placeId, fy), partnerNames(db, placeId)]);
  return rows.map((m) => movementView(m, names));
}

/**
 * The checks a movement must pass: the year has a schedule, the partner is in its pool, and the
 * day falls in the year. Returns the agreement's id.
 */
export async function checkMovement(tx: Executor, placeId: string, fy: string, m: { partnerId: string; onDate: string; dateField: string }): Promise<string> {
  const a = await q.selectAgreement(tx, placeId);
  if (!a) throw new NotFoundError('This place has no Section 75 agreement yet: record the agreement before its contributions.');
  const s = await q.selectCurrentSchedule(tx, placeId, fy);
  if (!s) throw new NotFoundError(`The agreement has no schedule for ${fy}: record the year's schedule before its contributions.`);
  const problems: { field: string; problem: string }[] = [];
  const pool = new Set((await q.selectPlanned(tx, placeId, s.id)).map((p) => p.partnerId));
  if (!pool.has(m.partnerId)) problems.push({ field: 'partnerId', problem: `is not a partner in the ${fy} pool (schedule version ${s.version}); add the partner by a new schedule version first` });
  const { from, to } = financialYearBounds(fy);
  if (m.onDate < from || m.onDate > to) problems.push({ field: m.dateField, problem: `must fall in ${fy} (${from} to ${to})` });
  if (problems.length > 0) throw new InvalidError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
  return a.id;
}

/** Records an in-year variation of a partner's contribution (either sign), with its reason and board decision. */
export async function recordVariation(ctx: Ctx, fy: string, input: VariationInput): Promise<MovementView> {
  await mustHoldRole(ctx, 'post', 'finance.contribution.variation', 'record variations of contributions');
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const agreementId = await checkMovement(tx, placeId, fy, { partnerId: input.partnerId, onDate: input.onDate, dateField: 'onDate' });
    const at = ctx.clock.now();
    const row: S75Movement = {
      placeId,
      id: newId(),
      agreementId,
      financialYear: fy,
      partnerId: input.partnerId,
      stream: input.stream,
      kind: 'variation',
      amountPence: input.amountPence,
      onDate: input.onDate,
      reason: input.reason,
      boardDecisionRef: input.boardDecisionRef,
      reference: null,
      journalId: null,
      recordedAt: at,
      recordedBy: ctx.actor.userId,
    };
    await q.insertMovement(tx, row);
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.contribution.variation', personIds: [], detail: { movementId: row.id, financialYear: fy, partnerId: row.partnerId, stream: row.stream, amountPence: row.amountPence } });
    return movementView(row, await partnerNames(tx, placeId));
  });
}
