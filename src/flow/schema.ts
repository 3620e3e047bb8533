import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/schema.js';
import { partners, teams, zones } from '../partnership/schema.js';
import { carePlans, serviceLines } from '../pathway/schema.js';

/**
 * A hospital stay (a Hospital Provider Spell): admission to discharge at one hospital. The zone and
 * age at admission are copied from the person when the stay begins, so the measures by zone and by
 * age band read this table alone (a stay is counted where the person lived when admitted).
 */
export const hospitalStays = pgTable(
  'hospital_stay',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** A partner of kind hospital or nhs_trust. */
    hospitalId: uuid('hospital_id').notNull(),
    ward: text('ward').notNull(),
    /** NHS Data Dictionary admission method: 11–13 elective, 21–2D emergency, 31–32 maternity, 81–83 other. */
    admissionMethod: text('admission_method').notNull(),
    /** elective | emergency | maternity | other, from the code. */
    admissionGroup: text('admission_group').notNull(),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull(),
    /** Europe/London day of admission, for bed days and monthly measures. */
    admittedOn: date('admitted_on').notNull(),
    zoneId: uuid('zone_id'),
    ageAtAdmission: smallint('age_at_admission'),
    /** in_hospital | ready (no longer meets the criteria to reside) | discharged */
    status: text('status').notNull(),
    /** Discharge Ready Date: the start of the final (or, while in hospital, current) period of not meeting the criteria to reside. */
    dischargeReadyDate: date('discharge_ready_date'),
    readySince: timestamp('ready_since', { withTimezone: true }),
    /** Discharge-to-assess pathway 0–3, planned when ready, actual at discharge. */
    pathway: smallint('pathway'),
    dischargedAt: timestamp('discharged_at', { withTimezone: true }),
    dischargedOn: date('discharged_on'),
    /** NHS Data Dictionary discharge destination (19 usual place of residence …). */
    dischargeDestination: text('discharge_destination'),
    /** Days from the Discharge Ready Date to discharge (0 when discharged on it). */
    delayDays: integer('delay_days'),
    /** The front door's referral ("Discharge from hospital"), for pathways 1–3. */
    referralId: uuid('referral_id'),
    /** Pathway 1: when reablement at home starts (expected, or in place when the package says so). */
    reablementStart: date('reablement_start'),
    /** The discharge team's relationship with the person while they are in hospital. */
    relationshipId: uuid('relationship_id'),
    sourceSystem: text('source_system').notNull(),
    /** The sending system's own id of the spell: the same one again is the same stay. */
    sourceStayId: text('source_stay_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.personId], foreignColumns: [people.placeId, people.id] }),
    foreignKey({ columns: [t.placeId, t.hospitalId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.zoneId], foreignColumns: [zones.placeId, zones.id] }),
    uniqueIndex('hospital_stay_source_unique').on(t.placeId, t.sourceSystem, t.sourceStayId),
    index('hospital_stay_person_idx').on(t.placeId, t.personId, t.admittedAt),
    // The monthly measures of a zone (docs/data-model.md): every column they read from a stay is in
    // the key, so they read this index alone (an index-only scan) rather than a stay row of every
    // page; open stays (no discharge date) sort last within the zone.
    index('hospital_stay_measures_idx').on(
      t.placeId,
      t.zoneId,
      t.dischargedOn,
      t.admissionGroup,
      t.ageAtAdmission,
      t.admittedOn,
      t.delayDays,
      t.pathway,
      t.dischargeDestination,
      t.personId,
      t.dischargedAt,
    ),
    // The discharge board: people in hospital who no longer meet the criteria to reside.
    index('hospital_stay_ready_idx').on(t.placeId, t.dischargeReadyDate).where(sql`${t.status} = 'ready'`),
    // A person is in one hospital stay at a time (docs/decisions/0006-one-stay-at-a-time.md): the
    // engine refuses an overlapping admission with its reason; this index holds the line when two
    // admissions of the same person race each other.
    uniqueIndex('hospital_stay_one_open_per_person').on(t.placeId, t.personId).where(sql`${t.status} <> 'discharged'`),
    check('hospital_stay_status_known', sql`${t.status} in ('in_hospital','ready','discharged')`),
    check('hospital_stay_group_known', sql`${t.admissionGroup} in ('elective','emergency','maternity','other')`),
    check('hospital_stay_pathway_known', sql`${t.pathway} is null or ${t.pathway} between 0 and 3`),
    check('hospital_stay_discharge_after_admission', sql`${t.dischargedAt} is null or ${t.dischargedAt} >= ${t.admittedAt}`),
    check('hospital_stay_discharged_has_date', sql`(${t.status} = 'discharged') = (${t.dischargedAt} is not null)`),
  ],
);

/**
 * Every event of a stay as it arrived, with the sender's idempotency key (source system + event
 * id): the same event again changes nothing. The Discharge Ready Date before and after each event
 * is the history of its changes.
 */
export const stayEvents = pgTable(
  'stay_event',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    stayId: uuid('stay_id').notNull(),
    /**
     * admit | ward_move | not_meeting_criteria | meeting_criteria | awaiting | awaiting_resolved | discharge
     * from the hospital; package: a step of the package awaited (agreed, started, cancelled), from
     * the care pathway, which never orders the hospital's events (src/flow/package-link.ts).
     */
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    sourceSystem: text('source_system').notNull(),
    eventId: text('event_id').notNull(),
    detail: jsonb('detail').notNull(),
    drdBefore: date('drd_before'),
    drdAfter: date('drd_after'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.stayId], foreignColumns: [hospitalStays.placeId, hospitalStays.id] }),
    uniqueIndex('stay_event_source_unique').on(t.placeId, t.sourceSystem, t.eventId),
    index('stay_event_stay_idx').on(t.placeId, t.stayId, t.at),
    check(
      'stay_event_kind_known',
      sql`${t.kind} in ('admit','ward_move','not_meeting_criteria','meeting_criteria','awaiting','awaiting_resolved','discharge','package')`,
    ),
  ],
);

/**
 * The wards of a stay that moved ward, one row from the admission or each ward move to the next
 * move or the discharge: where the person was each night, for occupied beds by ward. A stay that
 * never moved has none (it spent every night on its own `ward`); the first move writes the ward of
 * the admission and the new one. The stay's own `ward` is the current (or last) one.
 */
export const wardSpells = pgTable(
  'ward_spell',
  {
    placeId: uuid('place_id').notNull(),
    stayId: uuid('stay_id').notNull(),
    /** 1 from the admission, then one more for each ward move. */
    seq: smallint('seq').notNull(),
    ward: text('ward').notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    /** Europe/London day the person came to the ward. */
    fromOn: date('from_on').notNull(),
    /** The next ward move or the discharge; null while the person is on this ward. */
    toAt: timestamp('to_at', { withTimezone: true }),
    toOn: date('to_on'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.stayId, t.seq] }),
    foreignKey({ columns: [t.placeId, t.stayId], foreignColumns: [hospitalStays.placeId, hospitalStays.id] }),
    check('ward_spell_ends_after_start', sql`${t.toAt} is null or ${t.toAt} >= ${t.fromAt}`),
  ],
);

/** Periods of no longer meeting the criteria to reside; the last one's start is the Discharge Ready Date. */
export const readinessPeriods = pgTable(
  'readiness_period',
  {
    placeId: uuid('place_id').notNull(),
    stayId: uuid('stay_id').notNull(),
    seq: smallint('seq').notNull(),
    readyFrom: timestamp('ready_from', { withTimezone: true }).notNull(),
    readyOn: date('ready_on').notNull(),
    /** Ended by meeting the criteria again (reopened) or by discharge; null while current. */
    readyTo: timestamp('ready_to', { withTimezone: true }),
    endedBy: text('ended_by'),
    pathway: smallint('pathway'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.stayId, t.seq] }),
    foreignKey({ columns: [t.placeId, t.stayId], foreignColumns: [hospitalStays.placeId, hospitalStays.id] }),
    check('readiness_period_ended_by_known', sql`${t.endedBy} is null or ${t.endedBy} in ('meets_criteria','discharged')`),
  ],
);

/** What a ready person waits for (a DToC reason code), who owns it, and whose delay it is. */
export const awaitedItems = pgTable(
  'awaited_item',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    stayId: uuid('stay_id').notNull(),
    /** A, B, C, Di, Dii, E, F, G, H, I, O */
    reason: text('reason').notNull(),
    note: text('note').notNull().default(''),
    ownerTeamId: uuid('owner_team_id'),
    ownerName: text('owner_name').notNull().default(''),
    /** nhs | social_care | both, by the rules in docs/decisions/0004-delay-attribution.md */
    attribution: text('attribution').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /**
     * The package or placement agreed for what is awaited (a service line of the person's care
     * plan, approved), linked by the pathway's step (src/flow/package-link.ts): its plan, line,
     * provider and planned start, copied when the line is approved (a line's provider and planned
     * start never change after it is proposed).
     */
    planId: uuid('plan_id'),
    serviceLineId: uuid('service_line_id'),
    providerPartnerId: uuid('provider_partner_id'),
    plannedStart: date('planned_start'),
    /** approved (agreed, not started) | in_place (started: the item is met) | cancelled (the line will not start; still awaited) */
    packageStatus: text('package_status'),
    /** The day the linked service started: the item was met on it, and its delay stopped counting. */
    metOn: date('met_on'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.stayId], foreignColumns: [hospitalStays.placeId, hospitalStays.id] }),
    foreignKey({ columns: [t.placeId, t.ownerTeamId], foreignColumns: [teams.placeId, teams.id] }),
    foreignKey({ columns: [t.placeId, t.planId], foreignColumns: [carePlans.placeId, carePlans.id] }),
    foreignKey({ columns: [t.placeId, t.serviceLineId], foreignColumns: [serviceLines.placeId, serviceLines.id] }),
    foreignKey({ columns: [t.placeId, t.providerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    index('awaited_item_stay_idx').on(t.placeId, t.stayId),
    // The items a service line's step finds (few: one line links at most one item of a stay).
    index('awaited_item_line_idx').on(t.placeId, t.serviceLineId).where(sql`${t.serviceLineId} is not null`),
    check('awaited_item_reason_known', sql`${t.reason} in ('A','B','C','Di','Dii','E','F','G','H','I','O')`),
    check('awaited_item_attribution_known', sql`${t.attribution} in ('nhs','social_care','both')`),
    check('awaited_item_package_status_known', sql`${t.packageStatus} is null or ${t.packageStatus} in ('approved','in_place','cancelled')`),
    check('awaited_item_package_linked', sql`(${t.packageStatus} is null) = (${t.serviceLineId} is null)`),
    check('awaited_item_met_is_resolved', sql`${t.metOn} is null or ${t.resolvedAt} is not null`),
  ],
);

/** Each delayed day of a discharged stay, with its reason and attribution (written at discharge). */
export const delayDays = pgTable(
  'delay_day',
  {
    placeId: uuid('place_id').notNull(),
    stayId: uuid('stay_id').notNull(),
    day: date('day').notNull(),
    reason: text('reason').notNull(),
    attribution: text('attribution').notNull(),
    zoneId: uuid('zone_id'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.stayId, t.day] }),
    foreignKey({ columns: [t.placeId, t.stayId], foreignColumns: [hospitalStays.placeId, hospitalStays.id] }),
    // The delayed days of a zone by month, attribution and reason, read from this index alone.
    index('delay_day_zone_day_idx').on(t.placeId, t.zoneId, t.day, t.attribution, t.reason),
    check('delay_day_attribution_known', sql`${t.attribution} in ('nhs','social_care','both')`),
  ],
);

/**
 * Occupied bed days (nights in hospital) by month, zone, hospital and ward, of every ward spell that
 * has ended: the ward spells of stays that moved ward (ward_spell, once its `to_on` is set) and the
 * whole stay of a discharged stay that never moved. A spell that has ended never changes (events
 * arrive in order and a discharged stay takes none), so the engine adds each one's nights when it
 * ends, in the same transaction; the nights of spells still running are counted from the stays when
 * the measures are read. The zone is the stay's (where the person lived when admitted).
 */
export const occupiedBedMonths = pgTable(
  'occupied_bed_month',
  {
    placeId: uuid('place_id').notNull(),
    /** The first day of the month. */
    month: date('month').notNull(),
    zoneId: uuid('zone_id'),
    hospitalId: uuid('hospital_id').notNull(),
    ward: text('ward').notNull(),
    bedDays: integer('bed_days').notNull(),
  },
  (t) => [
    unique('occupied_bed_month_key').on(t.placeId, t.month, t.zoneId, t.hospitalId, t.ward).nullsNotDistinct(),
    foreignKey({ columns: [t.placeId, t.hospitalId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.zoneId], foreignColumns: [zones.placeId, zones.id] }),
    check('occupied_bed_month_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

export type StayRow = typeof hospitalStays.$inferSelect;
export type AwaitedItemRow = typeof awaitedItems.$inferSelect;
export type WardSpellRow = typeof wardSpells.$inferSelect;
