/**
 * The SQL of invoices and their matching. Deliveries, placements and line pricing belong to the
 * portal and provider parts of this module; they are read here in one place until those parts'
 * services can be called instead.
 */
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { invoiceApprovalLimits, invoiceLineEvents, invoiceTolerances } from './invoice-schema.js';
import { deliveries, invoiceLines, invoices, placements } from './payment-schema.js';
import { linePricing } from './provider-schema.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type InvoiceLineEventRow = typeof invoiceLineEvents.$inferSelect;

export async function lockProviderInvoices(tx: Executor, placeId: string, providerPartnerId: string): Promise<void> {
  // One submission or import at a time per provider, so two cannot both take a reference or a period.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invoice:${placeId}:${providerPartnerId}`}))`);
}

export async function invoiceByReference(db: Executor, placeId: string, providerPartnerId: string, reference: string): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.placeId, placeId), eq(invoices.providerPartnerId, providerPartnerId), eq(invoices.providerReference, reference)));
  return row;
}

export async function referencesTaken(db: Executor, placeId: string, providerPartnerId: string, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: invoices.providerReference })
    .from(invoices)
    .where(and(eq(invoices.placeId, placeId), eq(invoices.providerPartnerId, providerPartnerId), inArray(invoices.providerReference, [...refs])));
  return new Set(rows.map((r) => r.ref));
}

export async function invoicesOfFile(db: Executor, placeId: string, providerPartnerId: string, sha256: string): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.placeId, placeId), eq(invoices.providerPartnerId, providerPartnerId), eq(invoices.fileSha256, sha256)))
    .orderBy(asc(invoices.providerReference));
}

export async function insertInvoice(tx: Executor, row: typeof invoices.$inferInsert): Promise<void> {
  await tx.insert(invoices).values(row);
}

export async function setInvoiceTotals(tx: Executor, placeId: string, id: string, t: { totalPence: number; linesRead: number; periodFrom: string; periodTo: string }): Promise<void> {
  await tx.update(invoices).set(t).where(and(eq(invoices.placeId, placeId), eq(invoices.id, id)));
}

export async function insertInvoiceLines(tx: Executor, rows: (typeof invoiceLines.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(invoiceLines).values(rows.slice(i, i + 1000));
}

/** Delivery rows of these service lines by this provider between two days (both counted). */
export async function deliveriesOf(db: Executor, placeId: string, providerPartnerId: string, lineIds: readonly string[], from: string, to: string) {
  if (lineIds.length === 0) return [];
  return db
    .select({ lineId: deliveries.serviceLineId, on: deliveries.deliveredOn, quantityHundredths: deliveries.quantityHundredths })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.placeId, placeId),
        eq(deliveries.providerPartnerId, providerPartnerId),
        inArray(deliveries.serviceLineId, [...lineIds]),
        gte(deliveries.deliveredOn, from),
        lte(deliveries.deliveredOn, to),
      ),
    );
}

/** The service lines among these placed with the provider (accepted, started or ended placements). */
export async function linesPlacedWith(db: Executor, placeId: string, providerPartnerId: string, lineIds: readonly string[]): Promise<Set<string>> {
  if (lineIds.length === 0) return new Set();
  const rows = await db
    .select({ lineId: placements.serviceLineId })
    .from(placements)
    .where(
      and(
        eq(placements.placeId, placeId),
        eq(placements.providerPartnerId, providerPartnerId),
        inArray(placements.serviceLineId, [...lineIds]),
        inArray(placements.status, ['accepted', 'started', 'ended']),
      ),
    );
  return new Set(rows.map((r) => r.lineId));
}

/** Each line's contract price spans (line_pricing), oldest first. */
export async function pricingOf(db: Executor, placeId: string, lineIds: readonly string[]): Promise<Map<string, { from: string; ratePence: number }[]>> {
  const out = new Map<string, { from: string; ratePence: number }[]>();
  if (lineIds.length === 0) return out;
  const rows = await db
    .select({ lineId: linePricing.serviceLineId, from: linePricing.fromOn, ratePence: linePricing.ratePence })
    .from(linePricing)
    .where(and(eq(linePricing.placeId, placeId), inArray(linePricing.serviceLineId, [...lineIds])))
    .orderBy(asc(linePricing.fromOn));
  for (const r of rows) out.set(r.lineId, [...(out.get(r.lineId) ?? []), { from: r.from, ratePence: r.ratePence }]);
  return out;
}

/** Invoice lines already received (any status but disputed) for these service lines that overlap [from, to]. */
export async function liveLinesOver(db: Executor, placeId: string, lineIds: readonly string[], from: string, to: string) {
  if (lineIds.length === 0) return [];
  return db
    .select({ serviceLineId: invoiceLines.serviceLineId, periodFrom: invoiceLines.periodFrom, periodTo: invoiceLines.periodTo, lineNo: invoiceLines.lineNo, invoiceReference: invoices.providerReference })
    .from(invoiceLines)
    .innerJoin(invoices, and(eq(invoices.placeId, invoiceLines.placeId), eq(invoices.id, invoiceLines.invoiceId)))
    .where(
      and(
        eq(invoiceLines.placeId, placeId),
        inArray(invoiceLines.serviceLineId, [...lineIds]),
        ne(invoiceLines.status, 'disputed'),
        lte(invoiceLines.periodFrom, to),
        gte(invoiceLines.periodTo, from),
      ),
    );
}

export async function toleranceOf(db: Executor, placeId: string) {
  const [row] = await db.select().from(invoiceTolerances).where(eq(invoiceTolerances.placeId, placeId));
  return row;
}

export async function upsertTolerance(tx: Executor, row: typeof invoiceTolerances.$inferInsert): Promise<void> {
  await tx.insert(invoiceTolerances).values(row).onConflictDoUpdate({ target: [invoiceTolerances.placeId], set: { ...row } });
}

export async function approvalLimitsOf(db: Executor, placeId: string) {
  return db.select().from(invoiceApprovalLimits).where(eq(invoiceApprovalLimits.placeId, placeId));
}

export async function upsertApprovalLimit(tx: Executor, row: typeof invoiceApprovalLimits.$inferInsert): Promise<void> {
  await tx.insert(invoiceApprovalLimits).values(row).onConflictDoUpdate({ target: [invoiceApprovalLimits.placeId, invoiceApprovalLimits.role], set: { ...row } });
}

export type InvoiceFilter = { providerPartnerId?: string; status?: string; reason?: string; periodFrom?: string; periodTo?: string; limit: number };

/** Invoices newest first, with the count of their lines by status, filtered by a line's status or hold reason. */
export async function selectInvoices(db: Executor, placeId: string, f: InvoiceFilter) {
  const where: SQL[] = [eq(invoices.placeId, placeId)];
  if (f.providerPartnerId) where.push(eq(invoices.providerPartnerId, f.providerPartnerId));
  if (f.periodFrom) where.push(gte(invoices.periodTo, f.periodFrom));
  if (f.periodTo) where.push(lte(invoices.periodFrom, f.periodTo));
  const lineWhere: SQL[] = [];
  if (f.status) lineWhere.push(sql`l.status = ${f.status}`);
  if (f.reason) lineWhere.push(sql`l.hold_reason = ${f.reason}`);
  if (lineWhere.length) {
    where.push(sql`exists (select 1 from invoice_line l where l.place_id = ${invoices.placeId} and l.invoice_id = ${invoices.id} and ${sql.join(lineWhere, sql` and `)})`);
  }
  const rows = await db
    .select()
    .from(invoices)
    .where(and(...where))
    .orderBy(desc(invoices.submittedAt), desc(invoices.id))
    .limit(f.limit);
  const counts = await lineCountsOf(db, placeId, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? {} }));
}

export async function lineCountsOf(db: Executor, placeId: string, ids: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ invoiceId: invoiceLines.invoiceId, status: invoiceLines.status, n: sql<number>`count(*)::int` })
    .from(invoiceLines)
    .where(and(eq(invoiceLines.placeId, placeId), inArray(invoiceLines.invoiceId, ids)))
    .groupBy(invoiceLines.invoiceId, invoiceLines.status);
  for (const r of rows) out.set(r.invoiceId, { ...(out.get(r.invoiceId) ?? {}), [r.status]: Number(r.n) });
  return out;
}

export async function invoiceById(db: Executor, placeId: string, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await db.select().from(invoices).where(and(eq(invoices.placeId, placeId), eq(invoices.id, id)));
  return row;
}

export async function linesOfInvoice(db: Executor, placeId: string, invoiceId: string): Promise<InvoiceLineRow[]> {
  return db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.placeId, placeId), eq(invoiceLines.invoiceId, invoiceId)))
    .orderBy(asc(invoiceLines.lineNo));
}

export async function invoiceLineById(db: Executor, placeId: string, id: string, lock = false): Promise<InvoiceLineRow | undefined> {
  const q = db.select().from(invoiceLines).where(and(eq(invoiceLines.placeId, placeId), eq(invoiceLines.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateLineAtVersion(tx: Executor, placeId: string, id: string, version: number, set: Partial<InvoiceLineRow>): Promise<InvoiceLineRow | undefined> {
  const [row] = await tx
    .update(invoiceLines)
    .set({ ...set, version: version + 1 })
    .where(and(eq(invoiceLines.placeId, placeId), eq(invoiceLines.id, id), eq(invoiceLines.version, version)))
    .returning();
  return row;
}

export async function insertLineEvent(tx: Executor, row: typeof invoiceLineEvents.$inferInsert): Promise<void> {
  await tx.insert(invoiceLineEvents).values(row);
}

export async function eventsOfLines(db: Executor, placeId: string, lineIds: string[]): Promise<InvoiceLineEventRow[]> {
  if (lineIds.length === 0) return [];
  return db
    .select()
    .from(invoiceLineEvents)
    .where(and(eq(invoiceLineEvents.placeId, placeId), inArray(invoiceLineEvents.invoiceLineId, lineIds)))
    .orderBy(asc(invoiceLineEvents.at));
}

/** For the benchmark's clean-up: every invoice (and its lines and their events) of a provider. */
export async function deleteInvoicesOfProvider(tx: Executor, placeId: string, providerPartnerId: string): Promise<void> {
  await tx.execute(sql`delete from invoice_line_event e using invoice_line l where e.place_id = ${placeId} and l.place_id = e.place_id and l.id = e.invoice_line_id and l.provider_partner_id = ${providerPartnerId}`);
  await tx.delete(invoiceLines).where(and(eq(invoiceLines.placeId, placeId), eq(invoiceLines.providerPartnerId, providerPartnerId)));
  await tx.delete(invoices).where(and(eq(invoices.placeId, placeId), eq(invoices.providerPartnerId, providerPartnerId)));
}
