/** Assessments and their sections, with every saved version. */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { referrals } from './referral-schema.js';

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
