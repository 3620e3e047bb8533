/**
 * Test support for the pay runs: approved invoice lines (with their invoice rows) as the invoices
 * part leaves them, for service lines of the fixture place, and a provider's bank details.
 */
import { linesForCommitment, type LineForCommitment } from '../pathway/plans/finance-facts.js';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { invoiceLines, invoices, providerProfiles } from './schema.js';

/** Service lines of one provider (the one with the most lines that are live or ended). */
export async function linesOfAProvider(db: Executor, placeId: string, providerPartnerId?: string): Promise<{ providerPartnerId: string; lines: LineForCommitment[] }> {
  const all = await linesForCommitment(db, placeId);
  const by = new Map<string, LineForCommitment[]>();
  for (const l of all) by.set(l.providerPartnerId, [...(by.get(l.providerPartnerId) ?? []), l]);
  const id = providerPartnerId ?? [...by].sort((a, b) => b[1].length - a[1].length)[0]![0];
  return { providerPartnerId: id, lines: by.get(id) ?? [] };
}

export type ApprovedLine = { serviceLineId: string; amountPence: number; periodFrom: string; periodTo: string; budgetLineCode?: string | null };

/** One invoice of a provider with these lines, every line approved (as the invoices part approves them). */
export async function insertApprovedInvoice(db: Executor, placeId: string, providerPartnerId: string, reference: string, lines: ApprovedLine[], approvedBy: string | null = null): Promise<{ invoiceId: string; lineIds: string[] }> {
  const invoiceId = newId();
  const at = new Date();
  const from = lines.map((l) => l.periodFrom).sort()[0]!;
  const to = lines.map((l) => l.periodTo).sort().at(-1)!;
  await db.insert(invoices).values({
    placeId,
    id: invoiceId,
    providerPartnerId,
    providerReference: reference,
    periodFrom: from,
    periodTo: to,
    source: 'portal',
    submittedAt: at,
    totalPence: lines.reduce((s, l) => s + l.amountPence, 0),
    linesRead: lines.length,
  });
  const lineIds = lines.map(() => newId());
  for (let i = 0; i < lines.length; i += 2000) {
    await db.insert(invoiceLines).values(
      lines.slice(i, i + 2000).map((l, j) => ({
        placeId,
        id: lineIds[i + j]!,
        invoiceId,
        lineNo: i + j + 1,
        providerPartnerId,
        serviceLineId: l.serviceLineId,
        lineReference: l.serviceLineId,
        periodFrom: l.periodFrom,
        periodTo: l.periodTo,
        unit: 'hour',
        quantityHundredths: 1000,
        ratePence: Math.round(l.amountPence / 10),
        amountPence: l.amountPence,
        status: 'approved',
        approvedBy,
        approvedAt: at,
        budgetLineCode: l.budgetLineCode === undefined ? 'BL/home_care/older_people/ALL' : l.budgetLineCode,
      })),
    );
  }
  return { invoiceId, lineIds };
}

export async function setBankDetails(db: Executor, placeId: string, partnerId: string, account: { name: string; sortCode: string; accountNumber: string }): Promise<void> {
  await db
    .insert(providerProfiles)
    .values({ placeId, partnerId, updatedAt: new Date(), bankAccountName: account.name, bankSortCode: account.sortCode, bankAccountNumber: account.accountNumber })
    .onConflictDoUpdate({
      target: [providerProfiles.placeId, providerProfiles.partnerId],
      set: { bankAccountName: account.name, bankSortCode: account.sortCode, bankAccountNumber: account.accountNumber },
    });
}

export async function invoiceLineStatuses(db: Executor, placeId: string, ids: string[]): Promise<string[]> {
  const rows = await rowsOf<{ id: string; status: string }>(db, sql`select id, status from invoice_line where place_id = ${placeId} and id in (select unnest(${`{${ids.join(',')}}`}::uuid[]))`);
  const by = new Map(rows.map((r) => [r.id, r.status]));
  return ids.map((id) => by.get(id) ?? 'missing');
}
