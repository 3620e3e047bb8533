/**
 * The preset pool's ledger, written in bulk (synth/finance-agreement.ts drives it): synthetic
 * provider invoices from the service lines in place, their payments, the monthly block journals
 * of non-package spend, and the closed months. Each journal is exactly what postJournal would
 * store (same content hash, balanced entries, entries dated as their journal), only many to a
 * statement (platform/bulk.ts); the database's triggers check every one at commit.
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { asOneStatement, insertAsJsonSql } from '../platform/bulk.js';
import { financialYearBounds, financialYearOf, lastDayOfMonth, monthsOfFinancialYear } from '../platform/financial-year.js';
import { allocatePence } from '../platform/money.js';
import { newId } from '../platform/ids.js';
import { divideRoundHalfUp } from '../pathway/plans/cost.js';
import { contentHash, entryRow, type PostingInput } from '../finance/ledger.js';
import { ledgerClosedMonths, ledgerEntries, ledgerJournals } from '../finance/ledger-schema.js';
import type { CommitmentLineRow } from '../finance/commitment-schema.js';
import { Random } from './random.js';

/** A service line that has started, with the budget line its commitment charges. */
export type InvoicedLine = { row: CommitmentLineRow; startedOn: string; endedOn: string | null };

const dayMs = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);

/** Days of `month` (YYYY-MM) the line runs, both ends counted; 0 when none. */
export function daysInMonth(line: { startedOn: string; endedOn: string | null }, month: string): number {
  const first = `${month}-01`;
  const last = lastDayOfMonth(month);
  const from = line.startedOn > first ? line.startedOn : first;
  const to = line.endedOn !== null && line.endedOn < last ? line.endedOn : last;
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

/** A month's invoice of a line: weekly cost × days / 7, rounded half up once. */
export function monthInvoicePence(weeklyPence: number, days: number): number {
  return divideRoundHalfUp(BigInt(weeklyPence) * BigInt(days), 7n);
}

/** What the year's invoices of the lines would come to over all twelve months (the basis of the package budgets). */
export function yearInvoicePence(lines: InvoicedLine[], fy: string): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const l of lines) {
    for (const month of monthsOfFinancialYear(fy)) {
      const days = daysInMonth(l, month);
      if (days > 0) byCode.set(l.row.budgetLineCode, (byCode.get(l.row.budgetLineCode) ?? 0) + monthInvoicePence(l.row.weeklyPence, days));
    }
  }
  return byCode;
}

type JournalRow = typeof ledgerJournals.$inferInsert;
type EntryRow = typeof ledgerEntries.$inferInsert;

/** Journals gathered in memory, then written a few thousand entries to a statement. */
export class JournalBatch {
  private journals: JournalRow[] = [];
  private entries: EntryRow[] = [];
  constructor(
    private readonly placeId: string,
    private readonly accountIds: Map<string, string>,
    private readonly recordedAt: Date,
  ) {}

  add(input: Omit<PostingInput, 'placeId' | 'postedBy'>): void {
    const posting: PostingInput = { ...input, placeId: this.placeId, postedBy: null };
    const total = posting.lines.reduce((a, l) => a + l.amountPence, 0);
    if (total !== 0 || posting.lines.length < 2 || posting.lines.some((l) => l.amountPence === 0)) throw new Error(`seed journal ${input.idempotencyKey} does not balance`);
    const journalId = newId();
    this.journals.push({
      placeId: this.placeId,
      id: journalId,
      postedOn: posting.postedOn,
      financialYear: financialYearOf(posting.postedOn),
      description: posting.description,
      sourceKind: posting.source.kind,
      sourceRef: posting.source.ref ?? null,
      idempotencyKey: posting.idempotencyKey,
      contentHash: contentHash(posting),
      reversesJournalId: null,
      reason: null,
      postedBy: null,
      createdAt: this.recordedAt,
    });
    for (const l of posting.lines) {
      const accountId = this.accountIds.get(l.accountCode);
      if (!accountId) throw new Error(`seed journal ${input.idempotencyKey}: no account ${l.accountCode}`);
      this.entries.push(entryRow(this.placeId, journalId, accountId, posting.postedOn, l));
    }
  }

  get size(): number {
    return this.journals.length;
  }

  /** Writes what is gathered, in one transaction (journals before their entries; balance checked at commit). */
  async flush(db: Executor): Promise<void> {
    const journals = this.journals;
    const entries = this.entries;
    this.journals = [];
    this.entries = [];
    if (journals.length === 0) return;
    await db.transaction(async (tx) => {
      for (let i = 0; i < journals.length; i += 2000) await tx.execute(insertAsJsonSql(ledgerJournals, journals.slice(i, i + 2000))!);
      for (let i = 0; i < entries.length; i += 5000) await tx.execute(asOneStatement([insertAsJsonSql(ledgerEntries, entries.slice(i, i + 5000))])!);
    });
  }
}

/**
 * The year's invoices and payments, month by month up to (not including) `untilMonth`: per
 * provider and month one invoice (a line per service line, Dr its budget line, Cr the provider's
 * creditor) and one payment (Dr the creditor, Cr POOL/BANK), posted on the month's last day.
 */
export function addInvoices(batch: JournalBatch, lines: InvoicedLine[], fy: string, untilMonth: string): { spentByCode: Map<string, number> } {
  const spentByCode = new Map<string, number>();
  for (const month of monthsOfFinancialYear(fy)) {
    if (month >= untilMonth) break;
    const day = lastDayOfMonth(month);
    const byProvider = new Map<string, { l: InvoicedLine; pence: number }[]>();
    for (const l of lines) {
      const days = daysInMonth(l, month);
      if (days === 0) continue;
      const pence = monthInvoicePence(l.row.weeklyPence, days);
      if (pence === 0) continue;
      const list = byProvider.get(l.row.providerPartnerId) ?? [];
      list.push({ l, pence });
      byProvider.set(l.row.providerPartnerId, list);
    }
    for (const [providerId, items] of [...byProvider].sort(([a], [b]) => a.localeCompare(b))) {
      items.sort((a, b) => a.l.row.serviceLineId.localeCompare(b.l.row.serviceLineId));
      const invoice = `SEED-INV/${month}/${providerId}`;
      const creditor = `CREDITOR/PROVIDER/${providerId}`;
      const total = items.reduce((a, x) => a + x.pence, 0);
      batch.add({
        postedOn: day,
        description: `Provider invoice ${invoice}: ${items.length} service line${items.length === 1 ? '' : 's'} for ${month}`,
        idempotencyKey: `seed-invoice:${invoice}`,
        source: { kind: 'invoice', ref: invoice },
        lines: [
          ...items.map((x, i) => ({
            accountCode: x.l.row.budgetLineCode,
            amountPence: x.pence,
            memo: `${x.l.row.serviceType}, ${month}`,
            trace: { packageId: x.l.row.planId, serviceLineId: x.l.row.serviceLineId, invoiceLineRef: `${invoice}/${i + 1}` },
          })),
          { accountCode: creditor, amountPence: -total, trace: { invoiceLineRef: invoice } },
        ],
      });
      batch.add({
        postedOn: day,
        description: `Payment of provider invoice ${invoice}`,
        idempotencyKey: `seed-payment:${invoice}`,
        source: { kind: 'invoice', ref: invoice },
        lines: [
          { accountCode: creditor, amountPence: total, trace: { invoiceLineRef: invoice } },
          { accountCode: 'POOL/BANK', amountPence: -total },
        ],
      });
      for (const x of items) spentByCode.set(x.l.row.budgetLineCode, (spentByCode.get(x.l.row.budgetLineCode) ?? 0) + x.pence);
    }
  }
  return { spentByCode };
}

/**
 * Non-package spend on the block lines: each month a twelfth of the line's budget, varied by a
 * few per cent (seeded), paid straight from the pool's bank.
 */
export function addBlockJournals(batch: JournalBatch, blocks: { code: string; budgetPence: number }[], fy: string, untilMonth: string, rng: Random): void {
  const live = blocks.filter((b) => b.budgetPence > 0);
  if (live.length === 0) return;
  const monthly = live.map((b) => allocatePence(b.budgetPence, Array(12).fill(1)));
  monthsOfFinancialYear(fy).forEach((month, m) => {
    if (month >= untilMonth) return;
    const lines = live
      .map((b, i) => ({ accountCode: b.code, amountPence: Math.round(monthly[i]![m]! * (0.97 + rng.next() * 0.07)) }))
      .filter((l) => l.amountPence > 0);
    if (lines.length === 0) return;
    const total = lines.reduce((a, l) => a + l.amountPence, 0);
    batch.add({
      postedOn: lastDayOfMonth(month),
      description: `Block contracts and staffing for ${month} (community health, intermediate care, care management)`,
      idempotencyKey: `seed-block:${month}`,
      source: { kind: 'manual', ref: `seed-block/${month}` },
      lines: [...lines, { accountCode: 'POOL/BANK', amountPence: -total }],
    });
  });
}

/** Closes every month of the years before `untilMonth` (month-end done), in one statement. */
export async function closeMonths(db: Executor, placeId: string, years: string[], untilMonth: string, closedAt: Date): Promise<number> {
  const months = years.flatMap((fy) => monthsOfFinancialYear(fy)).filter((m) => m < untilMonth);
  if (months.length === 0) return 0;
  await db.insert(ledgerClosedMonths).values(months.map((month) => ({ placeId, month, closedAt, closedBy: null }))).onConflictDoNothing();
  return months.length;
}

/** The financial years a span of days touches, in order. */
export function yearsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let fy = financialYearOf(from); fy <= financialYearOf(to); ) {
    out.push(fy);
    const start = Number(fy.slice(0, 4)) + 1;
    fy = financialYearOf(`${start}-04-01`);
    if (financialYearBounds(fy).from > to) break;
  }
  return out;
}

/** Account ids by code for the place. */
export async function accountIdsOf(db: Executor, placeId: string): Promise<Map<string, string>> {
  const rows = await rowsOf<{ id: string; code: string }>(db, sql`select id, code from ledger_account where place_id = ${placeId}`);
  return new Map(rows.map((r) => [r.code, r.id]));
}
