import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Every change of an invoice line's status (matched on arrival, held, released, disputed,
 * approved): who, when, from what to what and why. The line keeps its present state; this keeps
 * its history, so a released hold still says what it was held for.
 */
export const invoiceLineEvents = pgTable(
  'invoice_line_event',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    invoiceLineId: uuid('invoice_line_id').notNull(),
    /** release | dispute | approve */
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    /** The hold reason the line had before the change, if it was held. */
    holdReason: text('hold_reason'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: uuid('by'),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.id] }), index('invoice_line_event_line_idx').on(t.placeId, t.invoiceLineId, t.at)],
);

/**
 * A place's matching tolerance (docs/commissioning/invoices.md): a quantity within the larger of
 * quantity_bp of the figure it is checked against and quantity_hundredths units, or an amount within
 * amount_pence, counts as agreeing. Without a row the defaults apply (5%, 0.5 unit, £1).
 */
export const invoiceTolerances = pgTable(
  'invoice_tolerance',
  {
    placeId: uuid('place_id').notNull(),
    quantityBp: integer('quantity_bp').notNull(),
    quantityHundredths: integer('quantity_hundredths').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId] }),
    check('invoice_tolerance_positive', sql`${t.quantityBp} >= 0 and ${t.quantityHundredths} >= 0 and ${t.amountPence} >= 0`),
  ],
);

/**
 * The most one role may approve on one invoice line, per place (null: no limit). Without a row
 * the defaults apply: finance officer £5,000, pooled fund manager unlimited.
 */
export const invoiceApprovalLimits = pgTable(
  'invoice_approval_limit',
  {
    placeId: uuid('place_id').notNull(),
    role: text('role').notNull(),
    lineLimitPence: bigint('line_limit_pence', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.role] }), check('invoice_approval_limit_positive', sql`${t.lineLimitPence} is null or ${t.lineLimitPence} >= 0`)],
);
