import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { partners, routingRules, teams, staff } from '../partnership/schema.js';

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

/** The single shared assessment (or a carer's assessment, linked to the person cared for). */
export const assessments = pgTable(
  'assessment',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** needs | carer */
    kind: text('kind').notNull(),
    caredForPersonId: uuid('cared_for_person_id'),
    referralId: uuid('referral_id'),
    /** in_progress | completed | cancelled */
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    startedBy: uuid('started_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    /** CLD Assessment_Type: long term when an eligibility decision is made, short term otherwise. */
    assessmentType: text('assessment_type'),
    /** CLD Event_Outcome */
    outcome: text('outcome'),
    /** The three-condition rule as computed from the sections. */
    eligibilityComputed: jsonb('eligibility_computed'),
    /** eligible | not_eligible, as confirmed by the practitioner */
    eligibilityDecision: text('eligibility_decision'),
    overrideReason: text('override_reason'),
    /**
     * A carer's assessment only: the CLD carer fields as they stood at completion (client type,
     * primary support reason, hours caring a week, adults cared for and up to three linked people).
     */
    carerReturn: jsonb('carer_return'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.caredForPersonId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.referralId], foreignColumns: [referrals.placeId, referrals.id] }),
    index('assessment_person_idx').on(t.placeId, t.personId),
    check('assessment_status_known', sql`${t.status} in ('in_progress','completed','cancelled')`),
    check('assessment_kind_known', sql`${t.kind} in ('needs','carer')`),
  ],
);

/** One section of an assessment, with its author; saved as the practitioner types. */
export const assessmentSections = pgTable(
  'assessment_section',
  {
    placeId: uuid('place_id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    section: text('section').notNull(),
    content: jsonb('content').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    authorRole: text('author_role').notNull(),
    /** health | social_care | integrated */
    sector: text('sector').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.assessmentId, t.section] }),
    foreignKey({ columns: [t.placeId, t.assessmentId], foreignColumns: [assessments.placeId, assessments.id] }),
  ],
);

/** Every saved version of a section: who wrote what, when. */
export const assessmentSectionVersions = pgTable(
  'assessment_section_version',
  {
    placeId: uuid('place_id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    section: text('section').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.assessmentId, t.section, t.version] }),
    foreignKey({ columns: [t.placeId, t.assessmentId], foreignColumns: [assessments.placeId, assessments.id] }),
  ],
);

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

/** Reviews: planned (at least yearly) and unplanned. */
export const reviews = pgTable(
  'review',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    planId: uuid('plan_id'),
    /** planned | unplanned */
    kind: text('kind').notNull(),
    reason: text('reason').notNull().default(''),
    dueOn: date('due_on').notNull(),
    /** due | completed | cancelled */
    status: text('status').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    /** fully | partly | not */
    outcomesAchieved: text('outcomes_achieved'),
    /** CLD Event_Outcome */
    outcome: text('outcome'),
    note: text('note').notNull().default(''),
    changes: text('changes').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.planId], foreignColumns: [carePlans.placeId, carePlans.id] }),
    index('review_person_idx').on(t.placeId, t.personId),
    index('review_due_idx').on(t.placeId, t.status, t.dueOn),
  ],
);

export const mdtMeetings = pgTable(
  'mdt_meeting',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    teamId: uuid('team_id').notNull(),
    heldOn: date('held_on').notNull(),
    attendeeStaffIds: uuid('attendee_staff_ids').array().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.teamId], foreignColumns: [teams.placeId, teams.id] }),
    index('mdt_meeting_team_idx').on(t.placeId, t.teamId, t.heldOn),
  ],
);

/** A person discussed at a meeting, with the discussion note. */
export const mdtCases = pgTable(
  'mdt_case',
  {
    placeId: uuid('place_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    personId: uuid('person_id').notNull(),
    note: text('note').notNull().default(''),
    authorUserId: uuid('author_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.meetingId, t.personId] }),
    foreignKey({ columns: [t.placeId, t.meetingId], foreignColumns: [mdtMeetings.placeId, mdtMeetings.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
  ],
);

export const mdtActions = pgTable(
  'mdt_action',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    personId: uuid('person_id').notNull(),
    ownerStaffId: uuid('owner_staff_id').notNull(),
    description: text('description').notNull(),
    dueOn: date('due_on').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.meetingId], foreignColumns: [mdtMeetings.placeId, mdtMeetings.id] }),
    foreignKey({ columns: [t.placeId, t.ownerStaffId], foreignColumns: [staff.placeId, staff.id] }),
    index('mdt_action_owner_idx').on(t.placeId, t.ownerStaffId).where(sql`${t.doneAt} is null`),
    index('mdt_action_person_idx').on(t.placeId, t.personId),
  ],
);

/**
 * The person's timeline across health and social care: every pathway step appends one event,
 * in the same transaction as the step. The sector lets the sharing rule filter it.
 */
export const pathwayEvents = pgTable(
  'pathway_event',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** referral | triage | allocation | case | assessment | eligibility | plan | package | review | mdt */
    kind: text('kind').notNull(),
    action: text('action').notNull(),
    summary: text('summary').notNull(),
    sector: text('sector').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull().default(''),
    subjectId: uuid('subject_id'),
    detail: jsonb('detail').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    index('pathway_event_person_idx').on(t.placeId, t.personId, t.at),
  ],
);
