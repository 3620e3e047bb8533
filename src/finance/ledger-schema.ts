import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { places } from '../partnership/schema.js';

/**
 * The pooled budget's double-entry ledger. Amounts are integer pence: positive = debit,
 * negative = credit. The database itself keeps every journal balanced, append-only and out of
 * closed months (hand-written triggers at the end of the migration; see docs/decisions/0011).
 */
export type AccountKind = 'bank' | 'contribution' | 'budget_line' | 'creditor' | 'debtor' | 'income' | 'suspense';
export const accountKinds: readonly AccountKind[] = ['bank', 'contribution', 'budget_line', 'creditor', 'debtor', 'income', 'suspense'];

export const ledgerAccounts = pgTable(
  'ledger_account',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** bank | contribution | budget_line | creditor | debtor | income | suspense */
    kind: text('kind').notNull(),
    serviceArea: text('service_area'),
    clientGroup: text('client_group'),
    zoneCode: text('zone_code'),
    partnerId: uuid('partner_id'),
    fundingStream: text('funding_stream'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('ledger_account_code_uq').on(t.placeId, t.code),
    foreignKey({ columns: [t.placeId], foreignColumns: [places.placeId] }),
    check('ledger_account_kind_known', sql`${t.kind} in ('bank','contribution','budget_line','creditor','debtor','income','suspense')`),
  ],
);

export const ledgerJournals = pgTable(
  'ledger_journal',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    postedOn: date('posted_on').notNull(),
    financialYear: text('financial_year').notNull(),
    description: text('description').notNull(),
    sourceKind: text('source_kind').notNull(),
    sourceRef: text('source_ref'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** A hash of what was posted, so a re-sent key with other content is refused. */
    contentHash: text('content_hash').notNull(),
    reversesJournalId: uuid('reverses_journal_id'),
    reason: text('reason'),
    postedBy: uuid('posted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The transaction that posted the journal (txid_current()): its entries may be written in that
     * transaction only, and its balance is checked once, at that transaction's commit.
     */
    txId: bigint('tx_id', { mode: 'number' }).notNull().default(sql`txid_current()`),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('ledger_journal_idempotency_uq').on(t.placeId, t.idempotencyKey),
    /** A journal is reversed at most once. */
    unique('ledger_journal_reverses_uq').on(t.placeId, t.reversesJournalId),
    index('ledger_journal_posted_idx').on(t.placeId, t.postedOn),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entry',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    journalId: uuid('journal_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Copied from the journal so balances by period read one table. */
    postedOn: date('posted_on').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    memo: text('memo'),
    packageId: uuid('package_id'),
    serviceLineId: uuid('service_line_id'),
    personId: uuid('person_id'),
    invoiceLineRef: text('invoice_line_ref'),
    glLineRef: text('gl_line_ref'),
    contributionId: uuid('contribution_id'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.journalId], foreignColumns: [ledgerJournals.placeId, ledgerJournals.id] }),
    foreignKey({ columns: [t.placeId, t.accountId], foreignColumns: [ledgerAccounts.placeId, ledgerAccounts.id] }),
    index('ledger_entry_journal_idx').on(t.placeId, t.journalId),
    index('ledger_entry_account_idx').on(t.placeId, t.accountId, t.postedOn),
    /** A month's entries, for its totals when it closes. */
    index('ledger_entry_posted_idx').on(t.placeId, t.postedOn),
    check('ledger_entry_not_zero', sql`${t.amountPence} <> 0`),
  ],
);

/** A closed month: nothing may be posted dated in it. Months close in order. */
export const ledgerClosedMonths = pgTable(
  'ledger_closed_month',
  {
    placeId: uuid('place_id').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.month] }),
    foreignKey({ columns: [t.placeId], foreignColumns: [places.placeId] }),
    check('ledger_closed_month_form', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/**
 * Each account's debits and credits in a closed month, written by the database when the month
 * closes (trigger in the migration). A closed month refuses postings, so these never go stale, and
 * balances over many months read them instead of every entry (docs/decisions/0011).
 */
export const ledgerMonthTotals = pgTable(
  'ledger_month_total',
  {
    placeId: uuid('place_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    debitPence: bigint('debit_pence', { mode: 'number' }).notNull(),
    creditPence: bigint('credit_pence', { mode: 'number' }).notNull(),
    entries: bigint('entries', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.accountId, t.month] }),
    foreignKey({ columns: [t.placeId, t.month], foreignColumns: [ledgerClosedMonths.placeId, ledgerClosedMonths.month] }),
    index('ledger_month_total_month_idx').on(t.placeId, t.month),
  ],
);
