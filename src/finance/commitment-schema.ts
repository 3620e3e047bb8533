/**
 * The pool's commitments from care packages: one row per price span of each approved or in-place
 * service line (an ended line keeps its rows up to its end day; a cancelled line has none), keyed
 * by the budget line it charges. A line never re-priced has one span; each re-pricing from a day
 * ends the span before it the day before and opens one at the new weekly cost (start_on is the
 * span's first day). The amount committed depends on the day asked about, so it is computed on reading
 * from the weekly cost and the dates (commitment-rules.ts); what is stored is kept current in the
 * transaction of each line's step (commitments.ts).
 */
import { bigint, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const commitmentLines = pgTable(
  'commitment_line',
  {
    placeId: uuid('place_id').notNull(),
    serviceLineId: uuid('service_line_id').notNull(),
    budgetLineCode: text('budget_line_code').notNull(),
    planId: uuid('plan_id').notNull(),
    personId: uuid('person_id').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    serviceType: text('service_type').notNull(),
    component: text('component').notNull(),
    clientGroup: text('client_group').notNull(),
    zoneCode: text('zone_code'),
    weeklyPence: bigint('weekly_pence', { mode: 'number' }).notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.serviceLineId, t.startOn] }), index('commitment_line_budget_line_idx').on(t.placeId, t.budgetLineCode)],
);
export type CommitmentLineRow = typeof commitmentLines.$inferSelect;
