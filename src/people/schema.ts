import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, check } from 'drizzle-orm/pg-core';
import { places } from '../partnership/schema.js';

/** One record of each person, shared by health and social care. */
export const people = pgTable(
  'person',
  {
    placeId: uuid('place_id').notNull().references(() => places.placeId),
    id: uuid('id').notNull(),
    nhsNumber: text('nhs_number'),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    otherNames: text('other_names').notNull().default(''),
    preferredName: text('preferred_name').notNull().default(''),
    title: text('title').notNull().default(''),
    birthDate: date('birth_date').notNull(),
    deathDate: date('death_date'),
    /** NHS Data Dictionary person stated gender: 1 male, 2 female, 9 indeterminate, X not known. */
    gender: text('gender').notNull().default('X'),
    ethnicity: text('ethnicity'),
    addressLines: text('address_lines').array().notNull().default(sql`'{}'::text[]`),
    postcode: text('postcode').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    gpPracticeId: uuid('gp_practice_id'),
    householdId: uuid('household_id'),
    livesAlone: boolean('lives_alone'),
    interpreterLanguage: text('interpreter_language').notNull().default(''),
    /** Consent and sharing preferences, enforced by the access policy. */
    consentToShare: boolean('consent_to_share').notNull().default(true),
    objectsToHealthSocialCareSharing: boolean('objects_to_health_social_care_sharing').notNull().default(false),
    sharingNote: text('sharing_note').notNull().default(''),
    consentRecordedOn: date('consent_recorded_on'),
    /** Lower-cased "given family other preferred" for trigram search. */
    searchName: text('search_name').notNull(),
    mergedIntoId: uuid('merged_into_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    uniqueIndex('person_nhs_number_unique').on(t.placeId, t.nhsNumber).where(sql`${t.mergedIntoId} is null`),
    index('person_birth_date_idx').on(t.placeId, t.birthDate),
    index('person_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('person_family_name_idx').on(t.placeId, t.familyName),
    index('person_household_idx').on(t.placeId, t.householdId),
    check('person_nhs_number_digits', sql`${t.nhsNumber} is null or ${t.nhsNumber} ~ '^[0-9]{10}$'`),
  ],
);

/** Every version of a person's record: who changed what, when. */
export const personVersions = pgTable(
  'person_version',
  {
    placeId: uuid('place_id').notNull(),
    personId: uuid('person_id').notNull(),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    change: text('change').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.personId, t.version] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
  ],
);

/** A merged record lives on as an alias of the one it was merged into. */
export const personAliases = pgTable(
  'person_alias',
  {
    placeId: uuid('place_id').notNull(),
    personId: uuid('person_id').notNull(),
    aliasPersonId: uuid('alias_person_id').notNull(),
    nhsNumber: text('nhs_number'),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date').notNull(),
    mergedBy: uuid('merged_by'),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.aliasPersonId] }),
    index('person_alias_person_idx').on(t.placeId, t.personId),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.aliasPersonId], foreignColumns: [people.placeId, people.id] }),
  ],
);

/**
 * A carer relationship between two people on the register: the carer and the person they care
 * for, over a period. Ended (valid_to), never deleted; at most one open relationship a pair.
 */
export const personCarers = pgTable(
  'person_carer',
  {
    placeId: uuid('place_id').notNull(),
    /** Server-made UUID v7; the default only fills rows written before relationships had ids. */
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    /** The person cared for. */
    personId: uuid('person_id').notNull(),
    carerPersonId: uuid('carer_person_id').notNull(),
    /** A code of carerRelationships (src/people/carers-types.ts): spouse, daughter, friend … */
    relationship: text('relationship').notNull(),
    livesWith: boolean('lives_with').notNull().default(false),
    mainCarer: boolean('main_carer').notNull().default(false),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    endReason: text('end_reason').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedBy: uuid('ended_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    uniqueIndex('person_carer_open_unique').on(t.placeId, t.personId, t.carerPersonId).where(sql`${t.validTo} is null`),
    index('person_carer_person_idx').on(t.placeId, t.personId),
    index('person_carer_carer_idx').on(t.placeId, t.carerPersonId),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.carerPersonId], foreignColumns: [people.placeId, people.id] }),
    check('person_carer_not_self', sql`${t.personId} <> ${t.carerPersonId}`),
    check('person_carer_period', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** Contacts who are not on the register: next of kin, neighbour, lasting power of attorney. */
export const personContacts = pgTable(
  'person_contact',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    name: text('name').notNull(),
    relationship: text('relationship').notNull(),
    phone: text('phone').notNull().default(''),
    nextOfKin: boolean('next_of_kin').notNull().default(false),
    powerOfAttorney: boolean('power_of_attorney').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    index('person_contact_person_idx').on(t.placeId, t.personId),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
  ],
);
