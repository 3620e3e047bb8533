import { z } from 'zod';

/** The place itself, as its partners see it (not how it was generated). */
export const placeSchema = z.object({
  id: z.string(),
  preset: z.string(),
  name: z.string(),
  description: z.string(),
  clientGroups: z.array(z.string()),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
});

export const partnerSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  odsCode: z.string().nullable(),
  /** A GP practice's zone; the person's zone follows from it. */
  zoneId: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const zoneSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), practices: z.array(partnerSchema) });

export const teamSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  zoneId: z.string().nullable(),
  zoneCode: z.string().nullable(),
  managingPartnerId: z.string(),
  managingPartnerName: z.string(),
  /** Members on the day, managers counted apart. */
  members: z.number(),
  managers: z.number(),
});

/** A period in which one partner holds a function for another (taking it back is a new period). */
export const delegationSchema = z.object({
  id: z.string(),
  function: z.string(),
  fromPartnerId: z.string(),
  fromPartnerName: z.string(),
  toPartnerId: z.string(),
  toPartnerName: z.string(),
  clientGroups: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string(),
  /** The period this one took over from. */
  supersedesId: z.string().nullable(),
  /** section_75 | section_31_hsa_1999 | care_trust_order | other, with the agreement's words. */
  legalBasis: z.string(),
  legalBasisText: z.string(),
  /** The board decision that made the period (minute reference). */
  boardDecisionRef: z.string(),
  recordedAt: z.string(),
  /** Null for preset data. */
  recordedBy: z.string().nullable(),
  /** When and by whom an open period was given its last day, and why. */
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string(),
});

export const delegationHistorySchema = z.object({ delegations: z.array(delegationSchema) });

export const supersessionSchema = z.object({ ended: delegationSchema, started: delegationSchema });

export const accountabilitySchema = z.object({
  function: z.string(),
  clientGroup: z.string(),
  on: z.string(),
  /** Null only when the place has no partner of the owning kind on the day. */
  partner: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  /** delegation: a period in force decided it; statutory: no period did, the owner by statute holds it. */
  basis: z.enum(['delegation', 'statutory']),
  delegation: delegationSchema.nullable(),
});

export const placeOverviewSchema = z.object({
  place: placeSchema,
  /** The day described: team membership and the delegations in force. */
  on: z.string(),
  partners: z.array(partnerSchema),
  zones: z.array(zoneSchema),
  teams: z.array(teamSchema),
  delegationsInForce: z.array(delegationSchema),
  /** Every period, taken-back functions included. */
  delegationHistory: z.array(delegationSchema),
});

const refSchema = z.object({ id: z.string(), name: z.string() });

/** A routing rule of the front door: the first in order that matches a referral decides. */
export const routingRuleSchema = z.object({
  id: z.string(),
  version: z.number(),
  position: z.number(),
  name: z.string(),
  clientGroups: z.array(z.string()),
  needs: z.array(z.string()),
  ageFrom: z.number().nullable(),
  ageTo: z.number().nullable(),
  zone: refSchema.nullable(),
  gpPractice: refSchema.nullable(),
  action: z.enum(['team', 'zone_team', 'not_covered']),
  team: refSchema.nullable(),
  teamKind: z.string().nullable(),
  signpost: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
});
export const routingRulesSchema = z.object({ rules: z.array(routingRuleSchema) });

const organisationSchema = z.object({ id: z.string(), name: z.string(), kind: z.string() });

/** A staff member's record: both organisations behind them, their terms and their teams. */
export const staffRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  profession: z.string(),
  professionLabel: z.string(),
  employer: organisationSchema,
  managedBy: organisationSchema,
  /** The employer is not the organisation that manages their work. */
  managedApart: z.boolean(),
  terms: z.string(),
  termsLabel: z.string(),
  grade: z.string(),
  startedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  teams: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), roleInTeam: z.string() })),
});
