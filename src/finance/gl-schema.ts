import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { partners, places } from '../partnership/schema.js';

/**
 * Actuals from the partners' own general ledgers (issue #14, docs/gl-import.md). A mapping says
 * which budget line a partner's cost centre × subjective code pays for over a period; an import
 * is one file received (its hash is unique per partner, so a re-sent file posts nothing); a held
 * line is a row that had no mapping, kept with its raw fields until a mapping lets it post.
 * Imports are never changed; a mapping may only be ended; a held line may only be released once
 * (triggers at the end of the migration).
 */
export const glMappings = pgTable(
  'gl_mapping',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    costCentre: text('cost_centre').notNull(),
    subjective: text('subjective').notNull(),
    /** A budget line's account code, BL/<area>/<group>/<zone|ALL> (budget-lines.ts). */
    budgetLineCode: text('budget_line_code').notNull(),
    validFrom: date('valid_from').notNull(),
    /** Inclusive; null while in force. */
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Null for preset data. */
    createdBy: uuid('created_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('gl_mapping_period_uq').on(t.placeId, t.partnerId, t.costCentre, t.subjective, t.validFrom),
    foreignKey({ columns: [t.placeId], foreignColumns: [places.placeId] }),
    foreignKey({ columns: [t.placeId, t.partnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('gl_mapping_period_order', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check('gl_mapping_budget_line', sql`${t.budgetLineCode} like 'BL/%'`),
  ],
);

export type GlRejectedRow = { line: number; field: string; problem: string };

export const glImports = pgTable(
  'gl_import',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    /** posted (every row posted or already posted) | held (some rows held) | rejected (nothing posted) */
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull(),
    rowsPosted: integer('rows_posted').notNull(),
    /** Rows whose line was received before (posted or held) in an earlier file that overlaps this one. */
    rowsAlreadyReceived: integer('rows_already_received').notNull(),
    rowsHeld: integer('rows_held').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    /** The rejected rows' report: [{line, field, problem}]. */
    rejected: jsonb('rejected').$type<GlRejectedRow[]>().notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
    importedBy: uuid('imported_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.partnerId], foreignColumns: [partners.placeId, partners.id] }),
    /** A file is taken once per partner; a rejected one may be sent again once corrected elsewhere (a month reopened). */
    uniqueIndex('gl_import_file_uq').on(t.placeId, t.partnerId, t.sha256).where(sql`${t.status} <> 'rejected'`),
    index('gl_import_when_idx').on(t.placeId, t.importedAt),
    check('gl_import_status_known', sql`${t.status} in ('posted','held','rejected')`),
  ],
);

export type GlRawLine = { transactionDate: string; costCentre: string; subjective: string; description: string; amount: string; reference: string };

export const glHeldLines = pgTable(
  'gl_held_line',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    importId: uuid('import_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    lineNo: integer('line_no').notNull(),
    /** The row as received. */
    raw: jsonb('raw').$type<GlRawLine>().notNull(),
    transactionDate: date('transaction_date').notNull(),
    costCentre: text('cost_centre').notNull(),
    subjective: text('subjective').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    /** The ledger idempotency key the line posts under when released. */
    lineKey: text('line_key').notNull(),
    reason: text('reason').notNull(),
    releasedJournalId: uuid('released_journal_id'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: uuid('released_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('gl_held_line_uq').on(t.placeId, t.importId, t.lineNo),
    foreignKey({ columns: [t.placeId, t.importId], foreignColumns: [glImports.placeId, glImports.id] }),
    index('gl_held_open_idx').on(t.placeId, t.transactionDate).where(sql`${t.releasedJournalId} is null`),
  ],
);

export type GlMapping = typeof glMappings.$inferSelect;
export type GlImport = typeof glImports.$inferSelect;
export type GlHeldLine = typeof glHeldLines.$inferSelect;
