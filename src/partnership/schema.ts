import { sql } from 'drizzle-orm';
import { date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid, check } from 'drizzle-orm/pg-core';

/** A place is one tenant: the area an integrated organisation serves. */
export const places = pgTable('place', {
  placeId: uuid('place_id').primaryKey(),
  preset: text('preset').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Client groups the organisation's arrangements cover (WBH: older people only). */
  clientGroups: text('client_groups').array().notNull(),
  establishedOn: date('established_on'),
  dissolvedOn: date('dissolved_on'),
  /** Seed and population the synthetic data was generated with; null for a real place. */
  synthSeed: integer('synth_seed'),
  synthPopulation: integer('synth_population'),
  demo: text('demo').notNull().default('no'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const zones = pgTable(
  'zone',
  {
    placeId: uuid('place_id').notNull().references(() => places.placeId),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.id] }), unique('zone_code_unique').on(t.placeId, t.code)],
);

export const partners = pgTable(
  'partner',
  {
    placeId: uuid('place_id').notNull().references(() => places.placeId),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** ODS code: GP practices letter + 5 digits, trusts 3 characters. */
    odsCode: text('ods_code'),
    /** GP practices belong to a zone; the person's zone follows from it. */
    zoneId: uuid('zone_id'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('partner_ods_unique').on(t.placeId, t.odsCode),
    foreignKey({ columns: [t.placeId, t.zoneId], foreignColumns: [zones.placeId, zones.id] }),
    check(
      'partner_kind_known',
      sql`${t.kind} in ('nhs_trust','council','icb','pct','care_trust','gp_practice','provider','voluntary','hospital')`,
    ),
  ],
);

/**
 * A function one partner hands to another for a period. Taking a function back is a new
 * period (the old one gets valid_to), never an edit that loses the history.
 */
export const delegations = pgTable(
  'delegation',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    fromPartnerId: uuid('from_partner_id').notNull(),
    toPartnerId: uuid('to_partner_id').notNull(),
    function: text('function').notNull(),
    clientGroups: text('client_groups').array().notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    note: text('note').notNull().default(''),
    supersedesId: uuid('supersedes_id'),
    /** section_75 (NHS Act 2006), section_31_hsa_1999 (Health Act 1999), care_trust_order, other */
    legalBasis: text('legal_basis').notNull().default('other'),
    /** The agreement's words: its title, date, clause. */
    legalBasisText: text('legal_basis_text').notNull().default(''),
    /** The board decision that made the period (minute reference). */
    boardDecisionRef: text('board_decision_ref').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The user who recorded it; null for preset data. */
    recordedBy: uuid('recorded_by'),
    /** When an open period was given its last day (the one change a period allows), and by whom. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
    endReason: text('end_reason').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.fromPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.toPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('delegation_period_order', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check('delegation_legal_basis_known', sql`${t.legalBasis} in ('section_75','section_31_hsa_1999','care_trust_order','other')`),
    foreignKey({ columns: [t.placeId, t.supersedesId], foreignColumns: [t.placeId, t.id] }),
    index('delegation_function_idx').on(t.placeId, t.function, t.validFrom),
  ],
);

export const teams = pgTable(
  'team',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** integrated_zone, single_point_of_entry, mental_health, learning_disability, hospital_discharge … */
    kind: text('kind').notNull(),
    zoneId: uuid('zone_id'),
    managingPartnerId: uuid('managing_partner_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('team_code_unique').on(t.placeId, t.code),
    foreignKey({ columns: [t.placeId, t.zoneId], foreignColumns: [zones.placeId, zones.id] }),
    foreignKey({ columns: [t.placeId, t.managingPartnerId], foreignColumns: [partners.placeId, partners.id] }),
  ],
);

export const staff = pgTable(
  'staff',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** social_worker, nurse, district_nurse, physiotherapist, occupational_therapist, community_matron … */
    profession: text('profession').notNull(),
    employerPartnerId: uuid('employer_partner_id').notNull(),
    /** May differ from the employer (approved social workers managed by the trust, employed by the council). */
    managingPartnerId: uuid('managing_partner_id').notNull(),
    /** agenda_for_change | council | medical | other */
    terms: text('terms').notNull(),
    /** Agenda for Change band ("6") or council grade ("SO1"). */
    grade: text('grade').notNull(),
    email: text('email'),
    startedOn: date('started_on'),
    leftOn: date('left_on'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.employerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.managingPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('staff_terms_known', sql`${t.terms} in ('agenda_for_change','council','medical','other')`),
  ],
);

export const teamMembers = pgTable(
  'team_member',
  {
    placeId: uuid('place_id').notNull(),
    teamId: uuid('team_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    /** member | manager */
    roleInTeam: text('role_in_team').notNull().default('member'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.teamId, t.staffId, t.validFrom] }),
    foreignKey({ columns: [t.placeId, t.teamId], foreignColumns: [teams.placeId, teams.id] }),
    foreignKey({ columns: [t.placeId, t.staffId], foreignColumns: [staff.placeId, staff.id] }),
    index('team_member_staff_idx').on(t.placeId, t.staffId),
  ],
);

/**
 * The front door's routing, as data: ordered rules, the first that matches a referral decides
 * (src/partnership/routing.ts). A rule is changed with its version and ended, never deleted, so
 * the rule a referral was routed by can still be read.
 */
export const routingRules = pgTable(
  'routing_rule',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    position: integer('position').notNull(),
    /** The rule in words, as the co-ordinator reads it beside the proposed team. */
    name: text('name').notNull(),
    /** Empty: any client group. */
    clientGroups: text('client_groups').array().notNull(),
    /** Empty: any need. */
    needs: text('needs').array().notNull(),
    /** Ages in whole years on the day the referral arrives, both inclusive; null: no bound. */
    ageFrom: integer('age_from'),
    ageTo: integer('age_to'),
    zoneId: uuid('zone_id'),
    gpPracticeId: uuid('gp_practice_id'),
    /** team | zone_team | not_covered */
    action: text('action').notNull(),
    teamId: uuid('team_id'),
    /** For zone_team: the kind of team of the person's zone (integrated_zone unless said). */
    teamKind: text('team_kind'),
    /** For not_covered: where the co-ordinator signposts the referral. */
    signpost: text('signpost').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.zoneId], foreignColumns: [zones.placeId, zones.id] }),
    foreignKey({ columns: [t.placeId, t.gpPracticeId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.teamId], foreignColumns: [teams.placeId, teams.id] }),
    index('routing_rule_order_idx').on(t.placeId, t.position),
    check('routing_rule_action_known', sql`${t.action} in ('team','zone_team','not_covered')`),
    check('routing_rule_team_given', sql`(${t.action} = 'team') = (${t.teamId} is not null)`),
    check('routing_rule_ages', sql`${t.ageFrom} is null or ${t.ageTo} is null or ${t.ageTo} >= ${t.ageFrom}`),
  ],
);
