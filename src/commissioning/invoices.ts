/**
 * Receiving invoices (docs/commissioning/invoices.md): a provider's submission through the portal,
 * or a CSV file (the provider's own through the portal, any provider's by finance). Each line is
 * matched as it is inserted (matching.ts), in one transaction per submission or file: a file with
 * any rejected row takes nothing, and the same file sent again (same SHA-256 for the provider)
 * takes nothing and answers with the invoices it brought the first time.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { ConflictError, DomainError, ForbiddenError, InvalidError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { partnersByIds } from '../partnership/lookups.js';
import type { Executor } from '../platform/db.js';
import { quantityToHundredths } from '../pathway/plans/cost.js';
import type { PortalInvoiceInput } from './invoice-inputs.js';
import { invoiceRows, sha256Of, type CsvInvoiceLine, type InvoiceSource } from './invoice-csv.js';
import * as q from './invoice-queries.js';
import { invoiceLineView, invoiceView, type InvoiceLineView, type InvoiceView } from './invoice-views.js';
import { matchInvoiceLines } from './matching.js';
import { defaultTolerance, type Tolerance } from './matching-rules.js';
import { mustHoldCommissioningRole } from './roles.js';
import type { RejectedRow } from './payment-schema.js';

export type Progress = (stage: string, done: number, total: number) => void;

export async function toleranceFor(db: Executor, placeId: string): Promise<Tolerance> {
  const row = await q.toleranceOf(db, placeId);
  return row ? { quantityBp: row.quantityBp, quantityHundredths: row.quantityHundredths, amountPence: row.amountPence } : defaultTolerance;
}

/** The provider a provider_staff account acts for; anyone else is refused. */
export function providerOfActor(ctx: Ctx): string {
  if (ctx.actor.role !== 'provider_staff' || !ctx.actor.providerPartnerId) throw new ForbiddenError('Only provider staff submit invoices through the provider portal.');
  return ctx.actor.providerPartnerId;
}

export type SubmittedInvoice = InvoiceView & { invoiceLines: InvoiceLineView[] };

export async function submitPortalInvoice(ctx: Ctx, input: PortalInvoiceInput): Promise<SubmittedInvoice> {
  const providerPartnerId = providerOfActor(ctx);
  const placeId = ctx.actor.placeId;
  const reference = input.reference.trim();
  return ctx.db.transaction(async (tx) => {
    await q.lockProviderInvoices(tx, placeId, providerPartnerId);
    const taken = await q.invoiceByReference(tx, placeId, providerPartnerId, reference);
    if (taken) throw new ConflictError(`Duplicate invoice: you sent invoice ${reference} on ${taken.submittedAt.toISOString().slice(0, 10)}. Give a new invoice number, or send a corrected line on a new invoice.`, { invoiceId: taken.id });
    const at = ctx.clock.now();
    const lines = input.lines.map((l, i) => ({
      lineNo: i + 1,
      lineReference: l.serviceLine,
      periodFrom: l.periodFrom,
      periodTo: l.periodTo,
      unit: l.unit,
      quantityHundredths: quantityToHundredths(l.quantity)!,
      ratePence: l.ratePence,
      amountPence: l.amountPence,
    }));
    const row = {
      placeId,
      id: newId(),
      providerPartnerId,
      providerReference: reference,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      source: 'portal',
      fileSha256: null,
      submittedAt: at,
      submittedBy: ctx.actor.userId,
      totalPence: lines.reduce((s, l) => s + l.amountPence, 0),
      linesRead: lines.length,
      linesRejected: 0,
      rejected: [],
    };
    await q.insertInvoice(tx, row);
    const matched = await matchInvoiceLines(tx, placeId, { id: row.id, providerPartnerId, reference }, lines, await toleranceFor(tx, placeId));
    await q.insertInvoiceLines(tx, matched);
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.invoice.submit', personIds: [], detail: { invoiceId: row.id, reference, lines: lines.length, held: matched.filter((m) => m.status === 'held').length } });
    const name = (await partnersByIds(tx, placeId, [providerPartnerId])).get(providerPartnerId)?.name ?? '';
    const counts = matched.reduce<Record<string, number>>((c, m) => ({ ...c, [m.status]: (c[m.status] ?? 0) + 1 }), {});
    return { ...invoiceView(row, name, counts), invoiceLines: matched.map((m) => invoiceLineView(m)) };
  });
}

export type ImportResult = { alreadyImported: boolean; sha256: string; linesRead: number; invoices: InvoiceView[] };

const BATCH = 1000;
const MAX_REPORTED = 1000;

/** Thrown inside the transaction to roll a file with rejected rows back; answered as a 400 listing them. */
class RejectedFile extends DomainError {
  constructor(rejected: RejectedRow[], rowsRejected: number, linesRead: number) {
    const lines = [...new Set(rejected.map((r) => r.line))];
    super(
      'invalid',
      `Nothing was taken from this file: ${rowsRejected} of ${linesRead} rows were rejected (line ${lines.slice(0, 5).join(', line ')}${lines.length > 5 ? ' …' : ''}). Correct them and send the whole file again.`,
      rejected.slice(0, 50).map((r) => ({ field: `line ${r.line}: ${r.field}`, problem: r.problem })),
      { rejected, rowsRejected, linesRead },
    );
  }
}

export async function importInvoiceFile(ctx: Ctx, input: { providerPartnerId: string; source: InvoiceSource }, progress: Progress = () => undefined): Promise<ImportResult> {
  if (ctx.actor.role === 'provider_staff') {
    if (input.providerPartnerId !== ctx.actor.providerPartnerId) throw new ForbiddenError('Provider staff import their own provider’s invoices only.');
  } else await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.invoice.import', 'import providers’ invoices');
  const placeId = ctx.actor.placeId;
  const provider = (await partnersByIds(ctx.db, placeId, [input.providerPartnerId])).get(input.providerPartnerId);
  if (!provider) throw new InvalidError('providerPartnerId is not a partner of this place.', [{ field: 'providerPartnerId', problem: 'is not a partner of this place' }]);
  const sha256 = await sha256Of(input.source);
  const providerPartnerId = provider.id;
  return ctx.db.transaction(async (tx) => {
    await q.lockProviderInvoices(tx, placeId, providerPartnerId);
    const at = ctx.clock.now();
    const audit = (detail: Record<string, unknown>) => auditAllowed(tx, ctx.actor, at, { action: 'commissioning.invoice.import', personIds: [], detail: { providerPartnerId, sha256, ...detail } });
    const earlier = await q.invoicesOfFile(tx, placeId, providerPartnerId, sha256);
    if (earlier.length) {
      await audit({ alreadyImported: true, invoices: earlier.length });
      return { alreadyImported: true, sha256, linesRead: earlier.reduce((s, i) => s + i.linesRead, 0), invoices: earlier.map((i) => invoiceView(i, provider.name)) };
    }
    const tolerance = await toleranceFor(tx, placeId);
    const opened = new Map<string, { row: q.InvoiceRow; lines: number }>();
    const rejected: RejectedRow[] = [];
    let rowsRejected = 0;
    let linesRead = 0;
    let batch: CsvInvoiceLine[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const fresh = [...new Set(batch.map((l) => l.invoiceReference))].filter((r) => !opened.has(r));
      const taken = await q.referencesTaken(tx, placeId, providerPartnerId, fresh);
      const good: CsvInvoiceLine[] = [];
      for (const l of batch) {
        if (taken.has(l.invoiceReference)) {
          rowsRejected += 1;
          if (rejected.length < MAX_REPORTED) rejected.push({ line: l.lineNo, field: 'invoice_reference', problem: `duplicate invoice: ${l.invoiceReference} was sent before; give a new invoice number` });
        } else good.push(l);
      }
      batch = [];
      if (rowsRejected > 0) return; // the file will be refused: no need to match more of it
      for (const ref of new Set(good.map((l) => l.invoiceReference))) {
        if (opened.has(ref)) continue;
        const first = good.find((l) => l.invoiceReference === ref)!;
        const row: q.InvoiceRow = { placeId, id: newId(), providerPartnerId, providerReference: ref, periodFrom: first.periodFrom, periodTo: first.periodTo, source: 'csv', fileSha256: sha256, submittedAt: at, submittedBy: ctx.actor.userId, totalPence: 0, linesRead: 0, linesRejected: 0, rejected: [] };
        await q.insertInvoice(tx, row);
        opened.set(ref, { row, lines: 0 });
      }
      for (const [ref, o] of opened) {
        const mine = good.filter((l) => l.invoiceReference === ref);
        if (mine.length === 0) continue;
        const matched = await matchInvoiceLines(tx, placeId, { id: o.row.id, providerPartnerId, reference: ref }, mine, tolerance);
        await q.insertInvoiceLines(tx, matched);
        for (const l of mine) {
          o.lines += 1;
          o.row.totalPence += l.amountPence;
          if (l.periodFrom < o.row.periodFrom) o.row.periodFrom = l.periodFrom;
          if (l.periodTo > o.row.periodTo) o.row.periodTo = l.periodTo;
        }
      }
    };
    for await (const r of invoiceRows(input.source)) {
      linesRead += 1;
      if (!r.ok) {
        rowsRejected += 1;
        for (const x of r.rejected) if (rejected.length < MAX_REPORTED) rejected.push(x);
        continue;
      }
      if (rowsRejected === 0) batch.push(r.line);
      if (batch.length >= BATCH) {
        await flush();
        progress('import and match', linesRead, linesRead);
      }
    }
    await flush();
    if (linesRead === 0) throw new InvalidError('The file has a header row but no lines.', [{ field: 'file', problem: 'has no lines' }]);
    if (rowsRejected > 0) throw new RejectedFile(rejected, rowsRejected, linesRead);
    for (const o of opened.values()) {
      o.row.linesRead = o.lines;
      await q.setInvoiceTotals(tx, placeId, o.row.id, { totalPence: o.row.totalPence, linesRead: o.lines, periodFrom: o.row.periodFrom, periodTo: o.row.periodTo });
    }
    progress('import and match', linesRead, linesRead);
    await audit({ alreadyImported: false, invoices: opened.size, linesRead });
    const invoices = [...opened.values()].map((o) => o.row);
    const counts = await q.lineCountsOf(tx, placeId, invoices.map((i) => i.id));
    return { alreadyImported: false, sha256, linesRead, invoices: invoices.map((i) => invoiceView(i, provider.name, counts.get(i.id))) };
  });
}
