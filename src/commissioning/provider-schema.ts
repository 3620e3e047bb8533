import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { partners } from '../partnership/schema.js';

/**
 * What the care trust knows of a provider beyond its partner row (a partner of kind provider, or an
 * NHS trust that provides care in-house): CQC locations, the services it offers and the zones it
 * covers, its bank details (stored for the paying partner's export, never shown in full), whether
 * its care is in-house (NHS-employed staff) and its directory entry for signposting.
 */
export const providerProfiles = pgTable(
  'provider_profile',
  {
    placeId: uuid('place_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    /** CQC location ids, e.g. 1-123456789. */
    cqcLocationIds: text('cqc_location_ids').array().notNull().default(sql`'{}'::text[]`),
    /** CLD Service_Component codes it offers (e.g. home_care, residential). */
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    /** Zone codes it covers; empty means the whole place. */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    /** Care delivered by the care trust's or a partner's own employed staff (Northumbria's in-house home care). */
    inHouse: boolean('in_house').notNull().default(false),
    description: text('description').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    /** Bank details: only the last four digits of the account are ever shown. */
    bankAccountName: text('bank_account_name'),
    bankSortCode: text('bank_sort_code'),
    bankAccountNumber: text('bank_account_number'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.partnerId] }),
    foreignKey({ columns: [t.placeId, t.partnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('provider_profile_sort_code', sql`${t.bankSortCode} is null or ${t.bankSortCode} ~ '^[0-9]{6}$'`),
    check('provider_profile_account_number', sql`${t.bankAccountNumber} is null or ${t.bankAccountNumber} ~ '^[0-9]{8}$'`),
  ],
);

/**
 * A contract with a provider: block (a fixed sum for a volume), spot (priced per unit as used) or a
 * call-off under a framework (framework_id names the framework contract). The commissioning partner
 * signs it; the budget line is what its care is paid from.
 */
export const contracts = pgTable(
  'contract',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    /** block | spot | framework | call_off */
    kind: text('kind').notNull(),
    frameworkId: uuid('framework_id'),
    providerPartnerId: uuid('provider_partner_id').notNull(),
    commissioningPartnerId: uuid('commissioning_partner_id').notNull(),
    /** BL/<area>/<group>/<zone|ALL> it spends from. */
    budgetLineCode: text('budget_line_code').notNull(),
    clientGroups: text('client_groups').array().notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    /** Block contracts: the sum a year and the units it buys a week. */
    blockAnnualPence: bigint('block_annual_pence', { mode: 'number' }),
    blockWeeklyUnitsHundredths: integer('block_weekly_units_hundredths'),
    /** Annual uplift in basis points (250 = 2.5%) applied each anniversary unless a rate is set. */
    annualUpliftBp: integer('annual_uplift_bp').notNull().default(0),
    /** active | ended */
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('contract_reference_uq').on(t.placeId, t.reference),
    foreignKey({ columns: [t.placeId, t.providerPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.commissioningPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    foreignKey({ columns: [t.placeId, t.frameworkId], foreignColumns: [t.placeId, t.id] }),
    index('contract_provider_idx').on(t.placeId, t.providerPartnerId),
    check('contract_kind_known', sql`${t.kind} in ('block','spot','framework','call_off')`),
    check('contract_call_off_framework', sql`(${t.kind} = 'call_off') = (${t.frameworkId} is not null)`),
    check('contract_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
    check('contract_budget_line', sql`${t.budgetLineCode} like 'BL/%'`),
    check('contract_status_known', sql`${t.status} in ('active','ended')`),
  ],
);

/**
 * A price on a contract: per service type and unit, from a day (effective_from is required; a new
 * rate from a later day ends the one before it). enhancement names a premium rate (standard,
 * two_carers, rural, night …).
 */
export const rateCards = pgTable(
  'rate_card',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    contractId: uuid('contract_id').notNull(),
    /** CLD Service_Type */
    serviceType: text('service_type').notNull(),
    /** hour | visit | week | night | day | session */
    unit: text('unit').notNull(),
    enhancement: text('enhancement').notNull().default('standard'),
    ratePence: bigint('rate_pence', { mode: 'number' }).notNull(),
    effectiveFrom: date('effective_from').notNull(),
    /** Inclusive; null while in force. */
    effectiveTo: date('effective_to'),
    /** uplift | new | correction */
    reason: text('reason').notNull().default('new'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.contractId], foreignColumns: [contracts.placeId, contracts.id] }),
    unique('rate_card_from_uq').on(t.placeId, t.contractId, t.serviceType, t.unit, t.enhancement, t.effectiveFrom),
    check('rate_card_positive', sql`${t.ratePence} > 0`),
    check('rate_card_period', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);

/**
 * Which contract rate priced a service line from which day (one row per price span); the pathway's
 * line keeps the unit cost itself, this keeps where it came from.
 */
export const linePricing = pgTable(
  'line_pricing',
  {
    placeId: uuid('place_id').notNull(),
    serviceLineId: uuid('service_line_id').notNull(),
    fromOn: date('from_on').notNull(),
    contractId: uuid('contract_id').notNull(),
    rateCardId: uuid('rate_card_id').notNull(),
    ratePence: bigint('rate_pence', { mode: 'number' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.serviceLineId, t.fromOn] }),
    foreignKey({ columns: [t.placeId, t.rateCardId], foreignColumns: [rateCards.placeId, rateCards.id] }),
    index('line_pricing_rate_idx').on(t.placeId, t.rateCardId),
  ],
);

/** A commissioning group (or joint commissioning board) for client groups, with its budget lines. */
export const commissioningGroups = pgTable(
  'commissioning_group',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** group | joint_board */
    kind: text('kind').notNull().default('group'),
    clientGroups: text('client_groups').array().notNull(),
    /** BL/… codes the group holds. */
    budgetLineCodes: text('budget_line_codes').array().notNull().default(sql`'{}'::text[]`),
    /** The partner that commissions through it (Bexley: the council throughout). */
    leadPartnerId: uuid('lead_partner_id'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('commissioning_group_name_uq').on(t.placeId, t.name),
    foreignKey({ columns: [t.placeId, t.leadPartnerId], foreignColumns: [partners.placeId, partners.id] }),
    check('commissioning_group_kind_known', sql`${t.kind} in ('group','joint_board')`),
  ],
);

export const commissioningGroupMembers = pgTable(
  'commissioning_group_member',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    /** chair | member | councillor | clinician | lay_member | officer */
    role: text('role').notNull(),
    partnerId: uuid('partner_id'),
    userId: uuid('user_id'),
    /** How they came onto the group: appointed | elected (by the membership body) */
    basis: text('basis').notNull().default('appointed'),
    fromOn: date('from_on').notNull(),
    toOn: date('to_on'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    foreignKey({ columns: [t.placeId, t.groupId], foreignColumns: [commissioningGroups.placeId, commissioningGroups.id] }),
    index('commissioning_group_member_group_idx').on(t.placeId, t.groupId),
  ],
);

export const commissioningDecisions = pgTable(
  'commissioning_decision',
  {
    placeId: uuid('place_id').notNull(),
    id: uuid('id').notNull(),
    groupId: uuid('group_id').notNull(),
    decidedOn: date('decided_on').notNull(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    /** Contracts or rates the decision concerns. */
    contractIds: uuid('contract_ids').array().notNull().default(sql`'{}'::uuid[]`),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.placeId, t.id] }),
    unique('commissioning_decision_ref_uq').on(t.placeId, t.groupId, t.reference),
    foreignKey({ columns: [t.placeId, t.groupId], foreignColumns: [commissioningGroups.placeId, commissioningGroups.id] }),
  ],
);

