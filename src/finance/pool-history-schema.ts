/**
 * The pool's forecast month by month and the variance commentary on it (issue #14). Both are
 * append-only: a snapshot is what the forecast was when the month was taken (at month close), and
 * a new comment on the same line and month supersedes the last while the old stays readable (the
 * migration's triggers refuse updates and deletes).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { places } from '../partnership/schema.js';

/** One row per budget line per month taken, plus the pool's totals under the code `POOL`. */
export const forecastSnapshots = pgTable(
  'forecast_snapshot',
  {
    placeId: uuid('place_id').notNull(),
    financialYear: text('financial_year').notNull(),
    /** YYYY-MM: the forecast as at the month's last day. */
    month: text('month').notNull(),
    budgetLineCode: text('budget_line_code').notNull(),
    asAt: date('as_at').notNull(),
    budgetPence: bigint('budget_pence', { mode: 'number' }).notNull(),
    actualsPence: bigint('actuals_pence', { mode: 'number' }).notNull(),
    commitmentPence: bigint('commitment_pence', { mode: 'number' }).notNull(),
    trendPence: bigint('trend_pence', { mode: 'number' }).notNull(),
    forecastPence: bigint('forecast_pence', { mode: 'number' }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    takenBy: uuid('taken_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.month, t.budgetLineCode] }),
    foreignKey({ columns: [t.placeId], foreignColumns: [places.placeId] }),
    index('forecast_snapshot_year_idx').on(t.placeId, t.financialYear, t.budgetLineCode),
    check('forecast_snapshot_month_form', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
export type ForecastSnapshotRow = typeof forecastSnapshots.$inferSelect;

/** A comment on a line's variance in a month; the newest for the line and month is the one that stands. */
export const varianceComments = pgTable(
  'variance_comment',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    financialYear: text('financial_year').notNull(),
    month: text('month').notNull(),
    budgetLineCode: text('budget_line_code').notNull(),
    text: text('text').notNull(),
    supersedesId: uuid('supersedes_id'),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId], foreignColumns: [places.placeId] }),
    /** A comment is superseded at most once, so the line's comments form one chain. */
    unique('variance_comment_supersedes_uq').on(t.placeId, t.supersedesId),
    index('variance_comment_line_idx').on(t.placeId, t.financialYear, t.month, t.budgetLineCode),
    check('variance_comment_month_form', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
export type VarianceCommentRow = typeof varianceComments.$inferSelect;
