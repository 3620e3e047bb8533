/** Reviews, multidisciplinary team meetings, and the pathway event log. */
import { sql } from 'drizzle-orm';
import { date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { teams, staff } from '../partnership/schema.js';
import { carePlans } from './plan-schema.js';

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
