/** Referrals at the front door and the cases they open. */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { routingRules, teams, staff } from '../partnership/schema.js';

/**
 * A request for support arriving at the single point of entry, from anyone. Triage is at most
 * two steps: (1) resolve it at the front door with an outcome, or accept it to a zone team;
 * (2) the team allocates a worker.
 */
export const referrals = pgTable(
  'referral',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** gp | hospital | community_nurse | self | family_carer | police | other */
    source: text('source').notNull(),
    sourceName: text('source_name').notNull().default(''),
    /** CLD Request_Route_of_Access */
    routeOfAccess: text('route_of_access').notNull(),
    reason: text('reason').notNull(),
    /** routine | urgent | emergency */
    urgency: text('urgency').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** coordinator | api | import | discharge */
    channel: text('channel').notNull(),
    recordedBy: uuid('recorded_by'),
    /** The sender's own reference: sending the same one again changes nothing. */
    externalRef: text('external_ref'),
    /** received | resolved | accepted | allocated | closed */
    status: text('status').notNull(),
    proposedTeamId: uuid('proposed_team_id'),
    /** The client group and need the referral was routed by (the sender's, or from the person's age). */
    clientGroup: text('client_group'),
    need: text('need'),
    /** The routing rule that decided, and its decision in words (why this team, or why none). */
    routingRuleId: uuid('routing_rule_id'),
    routingReason: text('routing_reason').notNull().default(''),
    /** Set when no team of the place covers the referral: where to signpost it. */
    notCoveredSignpost: text('not_covered_signpost'),
    /** CLD Event_Outcome when resolved at the front door or closed. */
    outcome: text('outcome'),
    outcomeNote: text('outcome_note').notNull().default(''),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    teamId: uuid('team_id'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    workerStaffId: uuid('worker_staff_id'),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    allocatedBy: uuid('allocated_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.teamId], foreignColumns: [teams.placeId, teams.id] }),
    foreignKey({ columns: [t.placeId, t.proposedTeamId], foreignColumns: [teams.placeId, teams.id] }),
    foreignKey({ columns: [t.placeId, t.routingRuleId], foreignColumns: [routingRules.placeId, routingRules.id] }),
    foreignKey({ columns: [t.placeId, t.workerStaffId], foreignColumns: [staff.placeId, staff.id] }),
    uniqueIndex('referral_external_ref_unique').on(t.placeId, t.externalRef).where(sql`${t.externalRef} is not null`),
    index('referral_person_idx').on(t.placeId, t.personId),
    index('referral_status_idx').on(t.placeId, t.status, t.receivedAt),
    index('referral_team_idx').on(t.placeId, t.teamId, t.status),
    check('referral_status_known', sql`${t.status} in ('received','resolved','accepted','allocated','closed')`),
    check('referral_urgency_known', sql`${t.urgency} in ('routine','urgent','emergency')`),
  ],
);

/**
 * A case on a team's caseload (and a worker's, once allocated). Transfer to another team closes
 * this case and opens another, so the history of who held the person stays.
 */
export const cases = pgTable(
  'care_case',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    teamId: uuid('team_id').notNull(),
    workerStaffId: uuid('worker_staff_id'),
    referralId: uuid('referral_id'),
    /** health | social_care: whose work the case is, for the sharing rule. */
    sector: text('sector').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    openedBy: uuid('opened_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    closeReason: text('close_reason'),
    /** The access relationships this case granted (team, and worker's user), ended on close. */
    teamRelationshipId: uuid('team_relationship_id'),
    workerRelationshipId: uuid('worker_relationship_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.teamId], foreignColumns: [teams.placeId, teams.id] }),
    foreignKey({ columns: [t.placeId, t.workerStaffId], foreignColumns: [staff.placeId, staff.id] }),
    foreignKey({ columns: [t.placeId, t.referralId], foreignColumns: [referrals.placeId, referrals.id] }),
    index('care_case_person_idx').on(t.placeId, t.personId),
    // Open cases in caseload order (most recently opened first), so a page is a short index range.
    index('care_case_team_open_idx').on(t.placeId, t.teamId, t.openedAt, t.id).where(sql`${t.closedAt} is null`),
    index('care_case_worker_open_idx').on(t.placeId, t.workerStaffId, t.openedAt, t.id).where(sql`${t.closedAt} is null`),
  ],
);
