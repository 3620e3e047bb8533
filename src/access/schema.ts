import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, index, jsonb, pgSequence, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid, check } from 'drizzle-orm/pg-core';
import { places } from '../partnership/schema.js';

export const users = pgTable(
  'app_user',
  {
    placeId: uuid('place_id').notNull().references(() => places.placeId),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    /** The staff member this account belongs to (practitioners); null for e.g. a board member. */
    staffId: uuid('staff_id'),
    /** Provider staff (role provider_staff): the one provider whose placements they see. */
    providerPartnerId: uuid('provider_partner_id'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('app_user_email_unique').on(t.placeId, t.email),
    index('app_user_email_idx').on(t.email),
    check('app_user_provider_staff', sql`(${t.role} = 'provider_staff') = (${t.providerPartnerId} is not null)`),
  ],
);

/** Server-side sessions; the cookie carries a random token whose hash is the key. */
export const sessions = pgTable(
  'session',
  {
    placeId: uuid('place_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.tokenHash] }),
    index('session_token_idx').on(t.tokenHash),
    foreignKey({ columns: [t.placeId, t.userId], foreignColumns: [users.placeId, users.id] }),
  ],
);

/**
 * A legitimate relationship between a person and a team or a user, for a period.
 * The pathway grants caseload and referral relationships, the front door grants triage,
 * and break-glass grants a time-limited one that waits for review.
 */
export const relationships = pgTable(
  'care_relationship',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** caseload | referral | triage | registration | break_glass | hospital (a discharge team while the person is in hospital) */
    kind: text('kind').notNull(),
    teamId: uuid('team_id'),
    userId: uuid('user_id'),
    /** health | social_care | integrated: whose information the relationship opens. */
    sector: text('sector').notNull(),
    reason: text('reason').notNull().default(''),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    grantedBy: uuid('granted_by'),
    endedBy: uuid('ended_by'),
    /** Break-glass only: pending | appropriate | inappropriate */
    reviewStatus: text('review_status'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    index('care_relationship_person_idx').on(t.placeId, t.personId),
    index('care_relationship_team_idx').on(t.placeId, t.teamId),
    index('care_relationship_user_idx').on(t.placeId, t.userId),
    index('care_relationship_review_idx').on(t.placeId, t.reviewStatus),
    check('care_relationship_holder', sql`${t.teamId} is not null or ${t.userId} is not null`),
    check('care_relationship_kind_known', sql`${t.kind} in ('caseload','referral','triage','registration','break_glass','hospital')`),
    check('care_relationship_sector_known', sql`${t.sector} in ('health','social_care','integrated')`),
  ],
);

/**
 * The audit log: append-only, hash-chained per place. Each entry's hash covers the previous
 * entry's hash, so an edited or deleted entry breaks the chain (`caretrust audit verify`).
 */
/** Numbers audit entries in the order their chains were extended, across every place. */
export const auditSeq = pgSequence('audit_seq', { startWith: 1 });

export const auditEntries = pgTable(
  'audit_entry',
  {
    placeId: uuid('place_id').notNull(),
    /** Place-wide order of entries (from the audit_seq sequence; gaps where a transaction rolled back). */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Which of the place's chains (see AUDIT_STRIPES) holds the entry. */
    stripe: smallint('stripe').notNull().default(0),
    /** Position in its stripe's chain: 1, 2, 3 … with no gaps. */
    stripeSeq: bigint('stripe_seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    userId: uuid('user_id'),
    role: text('role').notNull(),
    action: text('action').notNull(),
    personIds: uuid('person_ids').array().notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason').notNull().default(''),
    detail: jsonb('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.seq] }),
    uniqueIndex('audit_entry_stripe_idx').on(t.placeId, t.stripe, t.stripeSeq),
    index('audit_entry_person_idx').using('gin', t.personIds),
    index('audit_entry_user_idx').on(t.placeId, t.userId, t.seq),
  ],
);

/** The head of each of a place's chains (stripes): the last position and hash. */
export const auditHeads = pgTable(
  'audit_head',
  {
    placeId: uuid('place_id').notNull(),
    stripe: smallint('stripe').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.stripe] })],
);
