import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { partners } from '../partnership/schema.js';
import { contracts } from './provider-schema.js';

/**
 * A service line offered to a provider: offered → accepted | declined | withdrawn; accepted →
 * started (the provider confirms the actual start day, which puts the line in place) → ended.
 * One live placement per line (a declined line can be offered to another provider).
 */
export const placements = pgTable(
  'placement',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    serviceLineId: uuid('service_line_id').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    contractId: uuid('contract_id'),
    /** offered | accepted | declined | withdrawn | started | ended */
    status: text('status').notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    offeredBy: uuid('offered_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedBy: uuid('responded_by'),
    declineReason: text('decline_reason'),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.providerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.contractId], foreignColumns: [contracts.placeId, contracts.id] }),
    index('placement_provider_idx').on(t.placeId, t.providerPartnerId, t.status),
    uniqueIndex('placement_one_live_per_line').on(t.placeId, t.serviceLineId).where(sql`status in ('offered','accepted','started')`),
    check('placement_status_known', sql`${t.status} in ('offered','accepted','declined','withdrawn','started','ended')`),
  ],
);

/**
 * Care delivered, as the provider records it (a form, or a file from its electronic call
 * monitoring): a quantity of the line's unit on a day. A visit from ECM carries its external id,
 * so a re-sent file records nothing twice.
 */
export const deliveries = pgTable(
  'delivery',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    serviceLineId: uuid('service_line_id').notNull(),
    placementId: uuid('placement_id').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    deliveredOn: date('delivered_on').notNull(),
    unit: text('unit').notNull(),
    quantityHundredths: integer('quantity_hundredths').notNull(),
    /** form | ecm */
    source: text('source').notNull(),
    externalRef: text('external_ref'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.placementId], foreignColumns: [placements.placeId, placements.id] }),
    index('delivery_line_day_idx').on(t.placeId, t.serviceLineId, t.deliveredOn),
    uniqueIndex('delivery_external_ref_uq').on(t.placeId, t.providerPartnerId, t.externalRef).where(sql`external_ref is not null`),
    check('delivery_quantity_positive', sql`${t.quantityHundredths} > 0`),
    check('delivery_source_known', sql`${t.source} in ('form','ecm')`),
  ],
);

export type RejectedRow = { line: number; field: string; problem: string };

/** An invoice a provider sent (from the portal or a CSV file); its reference is unique per provider. */
export const invoices = pgTable(
  'invoice',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    providerReference: text('provider_reference').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** portal | csv */
    source: text('source').notNull(),
    fileSha256: text('file_sha256'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: uuid('submitted_by'),
    totalPence: bigint('total_pence', { mode: 'number' }).notNull(),
    linesRead: integer('lines_read').notNull().default(0),
    linesRejected: integer('lines_rejected').notNull().default(0),
    rejected: jsonb('rejected').$type<RejectedRow[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('invoice_provider_reference_uq').on(t.placeId, t.providerPartnerId, t.providerReference),
    foreignKey({ columns: [t.placeId, t.providerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('invoice_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check('invoice_source_known', sql`${t.source} in ('portal','csv')`),
  ],
);

/**
 * One line of an invoice, matched to a service line and period. Status: matched (planned, delivered
 * and invoiced agree within tolerance) | held (hold_reason says why) | disputed | approved | paid.
 */
export const invoiceLines = pgTable(
  'invoice_line',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    lineNo: integer('line_no').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    /** Null when the invoice names no package we know (held: no_such_package). */
    serviceLineId: uuid('service_line_id'),
    /** What the provider wrote to identify the line (our service line id or their own reference). */
    lineReference: text('line_reference').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    unit: text('unit').notNull(),
    quantityHundredths: integer('quantity_hundredths').notNull(),
    ratePence: bigint('rate_pence', { mode: 'number' }).notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    plannedHundredths: integer('planned_hundredths'),
    deliveredHundredths: integer('delivered_hundredths'),
    contractRatePence: bigint('contract_rate_pence', { mode: 'number' }),
    /** matched | held | disputed | approved | paid */
    status: text('status').notNull(),
    /** no_such_package | ended_package | over_delivery | duplicate | rate_mismatch | not_delivered */
    holdReason: text('hold_reason'),
    holdDetail: text('hold_detail'),
    disputeNote: text('dispute_note'),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    budgetLineCode: text('budget_line_code'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('invoice_line_no_uq').on(t.placeId, t.invoiceId, t.lineNo),
    foreignKey({ columns: [t.placeId, t.invoiceId], foreignColumns: [invoices.placeId, invoices.id] }),
    index('invoice_line_service_line_idx').on(t.placeId, t.serviceLineId, t.periodFrom),
    index('invoice_line_status_idx').on(t.placeId, t.status),
    check('invoice_line_status_known', sql`${t.status} in ('matched','held','disputed','approved','paid')`),
    check('invoice_line_held_reason', sql`(${t.status} = 'held') = (${t.holdReason} is not null)`),
    check('invoice_line_quantity', sql`${t.quantityHundredths} > 0 and ${t.ratePence} >= 0 and ${t.amountPence} >= 0`),
    check('invoice_line_period', sql`${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/**
 * A pay run: draft → approved (by someone other than the preparer) → exported (the CSV for the
 * paying partner's finance system) → posted (to the pooled ledger, as actuals, in one transaction).
 */
export const payRuns = pgTable(
  'pay_run',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    /** weekly | four_weekly */
    cadence: text('cadence').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    payingPartnerId: uuid('paying_partner_id').notNull(),
    /** draft | approved | exported | posted | cancelled */
    status: text('status').notNull(),
    preparedBy: uuid('prepared_by').notNull(),
    preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    exportedBy: uuid('exported_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postedBy: uuid('posted_by'),
    postedOn: date('posted_on'),
    journalId: uuid('journal_id'),
    totalPence: bigint('total_pence', { mode: 'number' }).notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.payingPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('pay_run_cadence_known', sql`${t.cadence} in ('weekly','four_weekly')`),
    check('pay_run_status_known', sql`${t.status} in ('draft','approved','exported','posted','cancelled')`),
    check('pay_run_four_eyes', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.preparedBy}`),
    check('pay_run_period', sql`${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/**
 * What a pay run pays: an approved invoice line, or a direct payment's four-weekly amount. A line
 * is paid once: invoice_line_id and direct_payment_period_id are each unique across all pay runs
 * (a cancelled run deletes its lines in the same transaction).
 */
export const payRunLines = pgTable(
  'pay_run_line',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    payRunId: uuid('pay_run_id').notNull(),
    /** The payee: a provider partner, or null for a direct payment to a person. */
    providerPartnerId: uuid('provider_partner_id'),
    invoiceLineId: uuid('invoice_line_id'),
    directPaymentPeriodId: uuid('direct_payment_period_id'),
    serviceLineId: uuid('service_line_id'),
    personId: uuid('person_id'),
    budgetLineCode: text('budget_line_code').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.payRunId], foreignColumns: [payRuns.placeId, payRuns.id] }),
    foreignKey({ columns: [t.placeId, t.invoiceLineId], foreignColumns: [invoiceLines.placeId, invoiceLines.id] }),
    uniqueIndex('pay_run_line_invoice_line_paid_once').on(t.placeId, t.invoiceLineId).where(sql`invoice_line_id is not null`),
    uniqueIndex('pay_run_line_direct_payment_paid_once').on(t.placeId, t.directPaymentPeriodId).where(sql`direct_payment_period_id is not null`),
    index('pay_run_line_run_idx').on(t.placeId, t.payRunId),
    check('pay_run_line_one_source', sql`(${t.invoiceLineId} is null) <> (${t.directPaymentPeriodId} is null)`),
    check('pay_run_line_amount', sql`${t.amountPence} >= 0`),
  ],
);

/** A personal budget paid to the person (or their representative) as a direct payment, four-weekly. */
export const directPayments = pgTable(
  'direct_payment',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** The package's service line with delivery mechanism "direct payment", where there is one. */
    serviceLineId: uuid('service_line_id'),
    budgetLineCode: text('budget_line_code').notNull(),
    fourWeeklyPence: bigint('four_weekly_pence', { mode: 'number' }).notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    /** Who receives it: the person, or a named representative (never shown to finance roles in full). */
    payee: text('payee').notNull().default('person'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    index('direct_payment_person_idx').on(t.placeId, t.personId),
    check('direct_payment_amount', sql`${t.fourWeeklyPence} > 0`),
    check('direct_payment_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('direct_payment_status_known', sql`${t.status} in ('active','ended')`),
  ],
);

/** One four-weekly period of a direct payment, due for a pay run. */
export const directPaymentPeriods = pgTable(
  'direct_payment_period',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    directPaymentId: uuid('direct_payment_id').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('direct_payment_period_uq').on(t.placeId, t.directPaymentId, t.periodFrom),
    foreignKey({ columns: [t.placeId, t.directPaymentId], foreignColumns: [directPayments.placeId, directPayments.id] }),
  ],
);

/** Unspent money handed back from a direct payment account (posted Dr POOL/BANK, Cr the budget line). */
export const directPaymentReturns = pgTable(
  'direct_payment_return',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    directPaymentId: uuid('direct_payment_id').notNull(),
    receivedOn: date('received_on').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    journalId: uuid('journal_id').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.directPaymentId], foreignColumns: [directPayments.placeId, directPayments.id] }),
    check('direct_payment_return_amount', sql`${t.amountPence} > 0`),
  ],
);
