/**
 * The Section 75 pooled fund agreement of a place and its schedules by financial year
 * (decision 0012). A schedule is a version: never edited, a new version supersedes it with a
 * reason and the board decision that made it, so every year's old figures stay readable.
 * In-year variations and receipts are rows of their own beside the schedule.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { partners, places } from '../partnership/schema.js';

/** The agreement itself: who hosts the pool, who manages it, what it covers. One per place. */
export const s75Agreements = pgTable(
  's75_agreement',
  {
    placeId: uuid('place_id').notNull().references(() => places.placeId),
    id: uuid('id').notNull(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    signedOn: date('signed_on').notNull(),
    /** The partner that holds the pool's accounts and audit (reg 7 of the 2000 Regulations). */
    hostPartnerId: uuid('host_partner_id').notNull(),
    /** The post of the named pooled fund manager, e.g. "Director of Finance, Torbay Care Trust". */
    fundManagerPost: text('fund_manager_post').notNull(),
    /** Delegable functions (partnership/functions.ts) and client groups the pool covers. */
    functions: text('functions').array().notNull(),
    clientGroups: text('client_groups').array().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** Null for preset data. */
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('s75_agreement_one_per_place').on(t.placeId),
    foreignKey({ columns: [t.placeId, t.hostPartnerId], foreignColumns: [partners.placeId, partners.id] }),
  ],
);

/** A version of the schedule of one financial year; the highest version is the current one. */
export const s75Schedules = pgTable(
  's75_schedule',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    financialYear: text('financial_year').notNull(),
    version: integer('version').notNull(),
    supersedesId: uuid('supersedes_id'),
    /** Why this version was made (empty for a year's first). */
    reason: text('reason').notNull(),
    boardDecisionRef: text('board_decision_ref').notNull(),
    /** { overspend: RiskRule, underspend: RiskRule } (risk-share.ts). */
    riskShare: jsonb('risk_share').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('s75_schedule_version_unique').on(t.placeId, t.agreementId, t.financialYear, t.version),
    foreignKey({ columns: [t.placeId, t.agreementId], foreignColumns: [s75Agreements.placeId, s75Agreements.id] }),
    foreignKey({ columns: [t.placeId, t.supersedesId], foreignColumns: [t.placeId, t.id] }),
    check('s75_schedule_version_positive', sql`${t.version} >= 1`),
  ],
);

/** A partner's planned contribution to the pool by funding stream, in one schedule version. */
export const s75PlannedContributions = pgTable(
  's75_planned_contribution',
  {
    placeId: uuid('place_id').notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    stream: text('stream').notNull(),
    plannedPence: bigint('planned_pence', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.scheduleId, t.partnerId, t.stream] }),
    foreignKey({ columns: [t.placeId, t.scheduleId], foreignColumns: [s75Schedules.placeId, s75Schedules.id] }),
    foreignKey({ columns: [t.placeId, t.partnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('s75_planned_non_negative', sql`${t.plannedPence} >= 0`),
    check(
      's75_planned_stream_known',
      sql`${t.stream} in ('nhs_minimum','council','ibcf','disabled_facilities_grant','client_charges','additional')`,
    ),
  ],
);

/** The budget of one budget line (budget-lines.ts code) in one schedule version. */
export const s75Budgets = pgTable(
  's75_budget',
  {
    placeId: uuid('place_id').notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    budgetLineCode: text('budget_line_code').notNull(),
    budgetPence: bigint('budget_pence', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.scheduleId, t.budgetLineCode] }),
    foreignKey({ columns: [t.placeId, t.scheduleId], foreignColumns: [s75Schedules.placeId, s75Schedules.id] }),
    check('s75_budget_non_negative', sql`${t.budgetPence} >= 0`),
  ],
);

/**
 * What happens to a contribution in the year: a variation (a board-approved change to the
 * planned amount, either sign) or a receipt (money received, posted to the ledger).
 */
export const s75ContributionMovements = pgTable(
  's75_contribution_movement',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    financialYear: text('financial_year').notNull(),
    partnerId: uuid('partner_id').notNull(),
    stream: text('stream').notNull(),
    /** variation | receipt */
    kind: text('kind').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    /** The day it takes effect (variation) or the money arrived (receipt). */
    onDate: date('on_date').notNull(),
    reason: text('reason').notNull(),
    boardDecisionRef: text('board_decision_ref').notNull(),
    /** A receipt's remittance reference: a second receipt with it is the same receipt. */
    reference: text('reference'),
    journalId: uuid('journal_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('s75_receipt_reference_unique').on(t.placeId, t.kind, t.reference),
    foreignKey({ columns: [t.placeId, t.agreementId], foreignColumns: [s75Agreements.placeId, s75Agreements.id] }),
    foreignKey({ columns: [t.placeId, t.partnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('s75_movement_kind_known', sql`${t.kind} in ('variation','receipt')`),
    check('s75_receipt_positive', sql`${t.kind} <> 'receipt' or (${t.amountPence} > 0 and ${t.reference} is not null)`),
    check(
      's75_movement_stream_known',
      sql`${t.stream} in ('nhs_minimum','council','ibcf','disabled_facilities_grant','client_charges','additional')`,
    ),
  ],
);

export type S75Agreement = typeof s75Agreements.$inferSelect;
export type S75Schedule = typeof s75Schedules.$inferSelect;
export type S75Movement = typeof s75ContributionMovements.$inferSelect;
