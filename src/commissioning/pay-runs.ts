/**
 * Pay runs: draft (every approved, unpaid invoice line and every due direct-payment period up to a
 * day) → approved by someone other than the preparer → exported (the paying partner's file) →
 * posted to the pooled ledger (pay-run-post.ts). A draft or approved run can be cancelled, which
 * frees its lines for the next run.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { partnersByIds } from '../partnership/lookups.js';
import { linesForCommitment } from '../pathway/plans/finance-facts.js';
import { budgetLineName } from '../finance/agreement-views.js';
import { zonesOfPlace } from '../partnership/service.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { generateDuePeriods } from './direct-payment-queries.js';
import type { NewPayRun } from './pay-run-inputs.js';
import * as q from './pay-run-queries.js';
import { payRuns } from './payment-schema.js';

export type PayRunSummary = {
  id: string;
  cadence: string;
  periodFrom: string;
  periodTo: string;
  payingPartner: { id: string; name: string };
  status: string;
  preparedBy: string;
  preparedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  exportedAt: string | null;
  postedAt: string | null;
  postedOn: string | null;
  journalId: string | null;
  totalPence: number;
  version: number;
};

export type PayRunView = PayRunSummary & {
  lines: number;
  payees: { providerPartnerId: string | null; name: string; lines: number; totalPence: number }[];
  budgetLines: { code: string; name: string; lines: number; totalPence: number }[];
  /** Approved lines up to the run's day that name no budget line: the run cannot pay them. */
  approvedLinesWithoutBudgetLine: number;
  /** What the signed-in user may do next (the page shows these buttons). */
  mayApprove: boolean;
  approveRefusal: string | null;
};

export const DIRECT_PAYMENTS_PAYEE = 'Direct payments (personal budgets)';

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function summaries(db: Executor, placeId: string, rows: q.PayRunRow[]): Promise<PayRunSummary[]> {
  const partners = await partnersByIds(db, placeId, [...new Set(rows.map((r) => r.payingPartnerId))]);
  return rows.map((r) => ({
    id: r.id,
    cadence: r.cadence,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    payingPartner: { id: r.payingPartnerId, name: partners.get(r.payingPartnerId)?.name ?? '' },
    status: r.status,
    preparedBy: r.preparedBy,
    preparedAt: r.preparedAt.toISOString(),
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    exportedAt: r.exportedAt?.toISOString() ?? null,
    postedAt: r.postedAt?.toISOString() ?? null,
    postedOn: r.postedOn,
    journalId: r.journalId,
    totalPence: r.totalPence,
    version: r.version,
  }));
}

/** Why this user may not approve this run, or null when they may. */
export function approveRefusal(run: q.PayRunRow, userId: string): string | null {
  if (run.status !== 'draft') return `This pay run is ${run.status}: only a draft can be approved.`;
  if (run.preparedBy === userId) return 'You prepared this pay run, so someone else must approve it (two people see every payment).';
  return null;
}

export async function payRunView(db: Executor, placeId: string, run: q.PayRunRow, userId: string): Promise<PayRunView> {
  const [summary] = await summaries(db, placeId, [run]);
  const totals = await q.runTotals(db, placeId, run.id);
  const providers = await partnersByIds(db, placeId, totals.byPayee.flatMap((p) => (p.providerPartnerId ? [p.providerPartnerId] : [])));
  const zoneNames = new Map((await zonesOfPlace(db, placeId)).map((z) => [z.code, z.name]));
  const refusal = approveRefusal(run, userId);
  return {
    ...summary!,
    lines: totals.byPayee.reduce((s, p) => s + p.lines, 0),
    payees: totals.byPayee
      .map((p) => ({ ...p, name: p.providerPartnerId ? (providers.get(p.providerPartnerId)?.name ?? '') : DIRECT_PAYMENTS_PAYEE }))
      .sort((a, b) => (a.providerPartnerId === null ? 1 : b.providerPartnerId === null ? -1 : a.name.localeCompare(b.name))),
    budgetLines: totals.byBudgetLine.map((l) => ({ ...l, name: budgetLineName(l.code, zoneNames) })),
    approvedLinesWithoutBudgetLine: run.status === 'draft' ? await q.approvedLinesWithoutBudgetLine(db, placeId, run.periodTo) : 0,
    mayApprove: refusal === null,
    approveRefusal: refusal,
  };
}

async function loadRun(db: Executor, placeId: string, id: string, lock = false): Promise<q.PayRunRow> {
  const run = await q.payRunById(db, placeId, id, lock);
  if (!run) throw new NotFoundError('There is no pay run with this id in this place.');
  return run;
}

/** Fills the people of the run's invoice lines from the pathway's service lines (for the ledger's trace), a batch at a time. */
async function fillPersons(tx: Executor, placeId: string, runId: string): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const ids = await q.serviceLinesWithoutPerson(tx, placeId, runId, after, 2000);
    if (ids.length === 0) return;
    const lines = await linesForCommitment(tx, placeId, ids);
    await q.setPersonsOfServiceLines(tx, placeId, runId, lines.map((l) => ({ lineId: l.lineId, personId: l.personId })));
    after = ids[ids.length - 1]!;
  }
}

export async function draftPayRun(ctx: Ctx, input: NewPayRun): Promise<PayRunView> {
  const placeId = ctx.actor.placeId;
  const payer = (await partnersByIds(ctx.db, placeId, [input.payingPartnerId])).get(input.payingPartnerId);
  if (!payer) throw new InvalidError('There is no such partner in this place.', [{ field: 'payingPartnerId', problem: 'is not a partner in this place' }]);
  const at = ctx.clock.now();
  const id = newId();
  const periodFrom = addDays(input.periodTo, input.cadence === 'weekly' ? -6 : -27);
  try {
    await ctx.db.transaction(async (tx) => {
      await generateDuePeriods(tx, placeId, input.periodTo);
      await tx.insert(payRuns).values({
        placeId,
        id,
        cadence: input.cadence,
        periodFrom,
        periodTo: input.periodTo,
        payingPartnerId: payer.id,
        status: 'draft',
        preparedBy: ctx.actor.userId,
        preparedAt: at,
      });
      const invoiceLines = await q.gatherInvoiceLines(tx, placeId, id, input.periodTo);
      const dpLines = await q.gatherDirectPaymentPeriods(tx, placeId, id, input.periodTo);
      if (invoiceLines + dpLines === 0) {
        throw new ConflictError(`There is nothing to pay up to ${input.periodTo}: no approved invoice line or direct payment is waiting for a pay run.`);
      }
      await fillPersons(tx, placeId, id);
      const { totalPence } = await q.runTotal(tx, placeId, id);
      await tx.execute(q.setRunTotal(placeId, id, totalPence));
      await auditAllowed(tx, ctx.actor, at, {
        action: 'commissioning.pay_run_draft',
        personIds: [],
        detail: { payRunId: id, periodTo: input.periodTo, cadence: input.cadence, invoiceLines, directPaymentLines: dpLines, totalPence },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError('Another pay run took some of these lines at the same moment: nothing was drafted. Look at the pay runs list, then try again.');
    }
    throw err;
  }
  return getPayRunAs(ctx.db, ctx, id);
}

async function getPayRunAs(db: Executor, ctx: Ctx, id: string): Promise<PayRunView> {
  return payRunView(db, ctx.actor.placeId, await loadRun(db, ctx.actor.placeId, id), ctx.actor.userId);
}

export async function getPayRun(ctx: Ctx, id: string): Promise<PayRunView> {
  return auditedRead(ctx, async (db) => {
    const view = await getPayRunAs(db, ctx, id);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.pay_run_read', personIds: [], detail: { payRunId: id } });
    return view;
  });
}

export async function listPayRuns(ctx: Ctx, limit: number): Promise<PayRunSummary[]> {
  return auditedRead(ctx, async (db) => {
    const rows = await summaries(db, ctx.actor.placeId, await q.payRunList(db, ctx.actor.placeId, limit));
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.pay_run_list', personIds: [], detail: { results: rows.length } });
    return rows;
  });
}

export async function approvePayRun(ctx: Ctx, id: string): Promise<PayRunView> {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const run = await loadRun(tx, placeId, id, true);
    if (run.status !== 'draft') throw new ConflictError(`This pay run is ${run.status}: only a draft can be approved.`, { status: run.status });
    if (run.preparedBy === ctx.actor.userId) {
      throw new ForbiddenError('You prepared this pay run, so someone else must approve it: ask another finance officer or the pooled fund manager.', { fourEyes: true });
    }
    await tx.execute(q.approveRun(placeId, id, ctx.actor.userId, at));
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.pay_run_approve', personIds: [], detail: { payRunId: id, totalPence: run.totalPence } });
  });
  return getPayRunAs(ctx.db, ctx, id);
}

export async function cancelPayRun(ctx: Ctx, id: string): Promise<PayRunView> {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const run = await loadRun(tx, placeId, id, true);
    if (run.status !== 'draft' && run.status !== 'approved') {
      throw new ConflictError(`This pay run is ${run.status}: only a draft or approved run can be cancelled${run.status === 'posted' ? ' (a posted run is corrected by reversing its journal)' : ''}.`, { status: run.status });
    }
    const freed = await q.deleteRunLines(tx, placeId, id);
    await tx.execute(q.cancelRun(placeId, id));
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.pay_run_cancel', personIds: [], detail: { payRunId: id, linesFreed: freed } });
  });
  return getPayRunAs(ctx.db, ctx, id);
}

export { loadRun };
