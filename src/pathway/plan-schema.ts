/** Care and support plans, their service lines (every state kept) and who may approve what. */
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { partners } from '../partnership/schema.js';
import { assessments } from './assessment-schema.js';

/** A care and support plan: needs linked to outcomes and to service lines. */
export const carePlans = pgTable(
  'care_plan',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    /** [{ need, outcome }] */
    needs: jsonb('needs').notNull(),
    /** active | ended */
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.assessmentId], foreignColumns: [assessments.placeId, assessments.id] }),
    index('care_plan_person_idx').on(t.placeId, t.personId),
  ],
);

/**
 * A line of a package: what service, from whom, how much, at what unit cost, when.
 * proposed → approved → in_place (first service started) → ended.
 */
export const serviceLines = pgTable(
  'service_line',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    planId: uuid('plan_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** CLD Service_Type */
    serviceType: text('service_type').notNull(),
    /** CLD Service_Component */
    component: text('component').notNull(),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    /** CLD Delivery_Mechanism */
    deliveryMechanism: text('delivery_mechanism').notNull(),
    /** hour | visit | day | week | item | session */
    unit: text('unit').notNull(),
    /** Units per period (hundredths allow 7.5 hours). */
    quantityHundredths: integer('quantity_hundredths').notNull(),
    /** per_day | per_week | one_off */
    frequency: text('frequency').notNull(),
    unitCostPence: bigint('unit_cost_pence', { mode: 'number' }).notNull(),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end'),
    /** proposed | approved | in_place | ended | cancelled */
    status: text('status').notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    version: integer('version').notNull().default(1),
    /**
     * The day the present quantity and unit cost apply from, once the line has been re-priced
     * (plans/line-variation.ts); null while the line keeps the figures it was proposed with.
     */
    priceFrom: date('price_from'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.planId], foreignColumns: [carePlans.placeId, carePlans.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.providerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    index('service_line_plan_idx').on(t.placeId, t.planId),
    index('service_line_person_idx').on(t.placeId, t.personId),
    check('service_line_status_known', sql`${t.status} in ('proposed','approved','in_place','ended','cancelled')`),
    check('service_line_amounts', sql`${t.quantityHundredths} > 0 and ${t.unitCostPence} >= 0`),
    check('service_line_period', sql`${t.plannedEnd} is null or ${t.plannedEnd} >= ${t.plannedStart}`),
  ],
);

/** Every state of every service line. */
export const serviceLineVersions = pgTable(
  'service_line_version',
  {
    placeId: uuid('place_id').notNull(),
    lineId: uuid('line_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    change: text('change').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.lineId, t.version] }),
    foreignKey({ columns: [t.placeId, t.lineId], foreignColumns: [serviceLines.placeId, serviceLines.id] }),
  ],
);

/** Who may approve a package of what weekly cost, per role (a place's scheme of delegation). */
export const approvalLimits = pgTable(
  'approval_limit',
  {
    placeId: uuid('place_id').notNull(),
    role: text('role').notNull(),
    weeklyPence: bigint('weekly_pence', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.role] })],
);
