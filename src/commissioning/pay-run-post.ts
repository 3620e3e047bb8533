/**
 * Exporting a pay run (the paying partner's file, with bank details in full: the only place they
 * leave the database) and posting it to the pooled ledger, in one transaction with its status and
 * its invoice lines marked paid (decision 0018).
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { agreementOf } from '../finance/agreement.js';
import { budgetLineName } from '../finance/agreement-views.js';
import { parseBudgetLineCode } from '../finance/budget-lines.js';
import { ensureAccount, postJournal, type PostingLine } from '../finance/ledger.js';
import { partnersByIds } from '../partnership/lookups.js';
import { zonesOfPlace } from '../partnership/service.js';
import { londonDateOf } from '../platform/dates.js';
import type { Executor } from '../platform/db.js';
import { ConflictError } from '../platform/errors.js';
import { tableToCsv } from '../reporting/table-export.js';
import { DIRECT_PAYMENTS_PAYEE, getPayRun, loadRun, type PayRunView } from './pay-runs.js';
import * as q from './pay-run-queries.js';

export const DIRECT_PAYMENTS_CREDITOR = 'CREDITOR/DIRECT_PAYMENTS';
export const providerCreditor = (partnerId: string) => `CREDITOR/PROVIDER/${partnerId}`;

/** The reference the payee sees on its bank statement and its remittance advice: the run and the payee. */
export function remittanceReference(runId: string, payeeId: string | null): string {
  return `RA-${runId.replaceAll('-', '').slice(-8).toUpperCase()}-${payeeId ? payeeId.replaceAll('-', '').slice(-6).toUpperCase() : 'DP'}`;
}

/** Every line of a run, a page at a time (the ledger needs them all in one journal). */
async function allRunLines(db: Executor, placeId: string, runId: string): Promise<q.RunLineRow[]> {
  const out: q.RunLineRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await q.runLines(db, placeId, runId, { after, limit: 5000 });
    out.push(...page);
    if (page.length < 5000) return out;
    after = page[page.length - 1]!.id;
  }
}

/** The CSV for the paying partner's finance system: one row per payee and budget line. Audited. */
export async function exportPayRun(ctx: Ctx, id: string): Promise<{ fileName: string; csv: string }> {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const run = await loadRun(tx, placeId, id, true);
    if (!['approved', 'exported', 'posted'].includes(run.status)) {
      throw new ConflictError(`This pay run is ${run.status}: approve it before exporting it for payment.`, { status: run.status });
    }
    const totals = await q.runTotals(tx, placeId, id);
    const banks = await q.payeeBanks(tx, placeId, totals.byPayee.flatMap((p) => (p.providerPartnerId ? [p.providerPartnerId] : [])));
    const rows = totals.byPayeeAndLine.map((r) => {
      const b = r.providerPartnerId ? banks.get(r.providerPartnerId) : undefined;
      return [
        b?.name ?? DIRECT_PAYMENTS_PAYEE,
        r.providerPartnerId ? 'provider' : 'direct_payments',
        b?.accountName ?? null,
        b?.sortCode ?? null,
        b?.accountNumber ?? null,
        r.totalPence,
        remittanceReference(id, r.providerPartnerId),
        r.code,
      ];
    });
    const csv = tableToCsv({
      columns: [
        { header: 'payee', kind: 'text' },
        { header: 'payee_type', kind: 'text' },
        { header: 'bank_account_name', kind: 'text' },
        { header: 'sort_code', kind: 'text' },
        { header: 'account_number', kind: 'text' },
        { header: 'amount', kind: 'pence' },
        { header: 'remittance_reference', kind: 'text' },
        { header: 'cost_code', kind: 'text' },
      ],
      rows,
    });
    await tx.execute(q.markExported(placeId, id, ctx.actor.userId, at));
    await auditAllowed(tx, ctx.actor, at, {
      action: 'commissioning.pay_run_export',
      personIds: [],
      detail: { payRunId: id, payees: totals.byPayee.length, rows: rows.length, totalPence: run.totalPence, bankDetailsInFull: true },
    });
    return { fileName: `pay-run-${run.periodTo}-${id.slice(-8)}.csv`, csv };
  });
}

/** Where the money came from: the pool's bank when its host pays, else the paying partner, whom the pool then owes (decision 0018). */
async function settlementAccount(tx: Executor, placeId: string, payingPartnerId: string): Promise<string> {
  const agreement = await agreementOf(tx, placeId);
  if (agreement?.hostPartnerId === payingPartnerId) {
    await ensureAccount(tx, placeId, { code: 'POOL/BANK', name: 'Pooled fund bank', kind: 'bank' });
    return 'POOL/BANK';
  }
  const partner = (await partnersByIds(tx, placeId, [payingPartnerId])).get(payingPartnerId);
  const code = `CREDITOR/PARTNER/${payingPartnerId}`;
  await ensureAccount(tx, placeId, { code, name: `${partner?.name ?? 'Partner'}: spend paid from its own ledger`, kind: 'creditor', partnerId: payingPartnerId });
  return code;
}

/**
 * Posts the run: one journal (source pay_run, idempotency key the run id) debiting each budget line
 * per line paid (traced to its service line, person and invoice line), crediting each payee's
 * creditor, then settling the creditors from the pool's bank or the paying partner; the invoice lines
 * become paid and the run posted in the same transaction, so nothing is ever half posted.
 */
export async function postPayRun(ctx: Ctx, id: string): Promise<PayRunView> {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const postedOn = londonDateOf(at);
  await ctx.db.transaction(async (tx) => {
    const run = await loadRun(tx, placeId, id, true);
    if (run.status !== 'approved' && run.status !== 'exported') {
      throw new ConflictError(
        run.status === 'posted' ? 'This pay run is already posted: it cannot be paid twice.' : `This pay run is ${run.status}: only an approved or exported run can be posted.`,
        { status: run.status },
      );
    }
    const paid = await q.markInvoiceLinesPaid(tx, placeId, id);
    if (paid.marked !== paid.held) {
      throw new ConflictError(`${paid.held - paid.marked} of the run's invoice lines are no longer approved (disputed or changed since the run was drafted): cancel this run and draft it again.`);
    }
    const lines = (await allRunLines(tx, placeId, id)).filter((l) => l.amountPence > 0);
    let journalId: string | null = null;
    if (lines.length > 0) {
      const zoneNames = new Map((await zonesOfPlace(tx, placeId)).map((z) => [z.code, z.name]));
      for (const code of [...new Set(lines.map((l) => l.budgetLineCode))].sort()) {
        const k = parseBudgetLineCode(code);
        await ensureAccount(tx, placeId, { code, name: budgetLineName(code, zoneNames), kind: 'budget_line', serviceArea: k?.serviceArea ?? null, clientGroup: k?.clientGroup ?? null, zoneCode: k?.zoneCode ?? null });
      }
      const creditorTotals = new Map<string, number>();
      for (const l of lines) {
        const code = l.providerPartnerId ? providerCreditor(l.providerPartnerId) : DIRECT_PAYMENTS_CREDITOR;
        creditorTotals.set(code, (creditorTotals.get(code) ?? 0) + l.amountPence);
      }
      const providers = await partnersByIds(tx, placeId, [...new Set(lines.flatMap((l) => (l.providerPartnerId ? [l.providerPartnerId] : [])))]);
      for (const code of [...creditorTotals.keys()].sort()) {
        const partnerId = code === DIRECT_PAYMENTS_CREDITOR ? null : code.slice('CREDITOR/PROVIDER/'.length);
        await ensureAccount(tx, placeId, {
          code,
          name: partnerId ? `${providers.get(partnerId)?.name ?? 'Provider'}: invoices due` : 'Direct payments due to people',
          kind: 'creditor',
          partnerId,
        });
      }
      const settlement = await settlementAccount(tx, placeId, run.payingPartnerId);
      const total = [...creditorTotals.values()].reduce((s, v) => s + v, 0);
      const posting: PostingLine[] = [
        ...lines.map((l) => ({
          accountCode: l.budgetLineCode,
          amountPence: l.amountPence,
          memo: l.invoiceReference ? `${l.invoiceReference} line ${l.lineNo}, ${l.periodFrom} to ${l.periodTo}` : `Direct payment ${l.periodFrom} to ${l.periodTo}`,
          trace: {
            ...(l.serviceLineId ? { serviceLineId: l.serviceLineId } : {}),
            ...(l.personId ? { personId: l.personId } : {}),
            invoiceLineRef: l.invoiceLineId ?? `direct_payment_period:${l.directPaymentPeriodId}`,
          },
        })),
        ...[...creditorTotals].sort(([a], [b]) => a.localeCompare(b)).map(([code, pence]) => ({ accountCode: code, amountPence: -pence, memo: remittanceReference(id, code === DIRECT_PAYMENTS_CREDITOR ? null : code.slice('CREDITOR/PROVIDER/'.length)) })),
        ...[...creditorTotals].sort(([a], [b]) => a.localeCompare(b)).map(([code, pence]) => ({ accountCode: code, amountPence: pence, memo: 'Paid' })),
        { accountCode: settlement, amountPence: -total, memo: `Pay run ${run.periodTo}` },
      ];
      const posted = await postJournal(tx, {
        placeId,
        postedOn,
        description: `Pay run ${run.cadence.replace('_', '-')} to ${run.periodTo}: ${lines.length} line${lines.length === 1 ? '' : 's'}`,
        idempotencyKey: `pay_run:${id}`,
        source: { kind: 'pay_run', ref: id },
        postedBy: ctx.actor.userId,
        lines: posting,
      });
      if (posted.alreadyPosted) throw new ConflictError('This pay run was already posted to the ledger: it cannot be paid twice.');
      journalId = posted.journalId;
    }
    await tx.execute(q.markPosted(placeId, id, ctx.actor.userId, at, postedOn, journalId));
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.pay_run_post', personIds: [], detail: { payRunId: id, journalId, postedOn, lines: lines.length, totalPence: run.totalPence } });
  });
  return getPayRun(ctx, id);
}
