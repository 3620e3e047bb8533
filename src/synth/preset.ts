import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { historySchema } from './history.js';
import { presetRoutingProblems, presetRoutingRuleSchema } from './preset-routing.js';
import { presetPoolProblems, presetPoolSchema } from './preset-pool.js';

/**
 * A preset is data, not code: the definition of one organisation in the seeds (partners,
 * delegations over time, zones, teams and their staff mix, the shape of its population). The
 * generator reads it and fills it with synthetic people. Other modules may add their own
 * top-level sections (a pool, rates, governance) and validate them themselves, so unknown
 * top-level keys are kept; everything this file knows about is checked strictly.
 */

import { clientGroups, delegableFunctions, legalBases } from '../partnership/functions.js';

// The coded lists live with the partnership module; presets use them as they are.
export { clientGroups, delegableFunctions, legalBases };
export type { ClientGroup, DelegableFunction } from '../partnership/functions.js';

export const partnerKinds = ['nhs_trust', 'council', 'icb', 'pct', 'care_trust', 'gp_practice', 'provider', 'voluntary', 'hospital'] as const;
export const staffTerms = ['agenda_for_change', 'council', 'medical', 'other'] as const;

export const gpOdsPattern = /^[A-Z]\d{5}$/;

const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _');
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'must be upper-case letters, digits or -');

const partnerSchema = z.strictObject({
  key,
  kind: z.enum(partnerKinds),
  name: z.string().min(1),
  odsCode: z.string().regex(/^[A-Z0-9]{3,6}$/).optional(),
  /** GP practices only: the zone the practice belongs to. */
  zone: code.optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
});

const zoneSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** Post town used in generated addresses. */
  town: z.string().min(1),
  /** Outward codes ("TQ2") that addresses in this zone use. */
  postcodeDistricts: z.array(z.string().regex(/^[A-Z]{1,2}\d{1,2}[A-Z]?$/)).min(1),
  /** Relative share of the population registered with this zone's practices. */
  weight: z.number().positive(),
});

const staffGroupSchema = z.strictObject({
  profession: key,
  count: z.number().int().min(1).default(1),
  /** Partner keys: who employs them and who manages them (these may differ). */
  employer: key,
  managedBy: key,
  terms: z.enum(staffTerms),
  /** Agenda for Change band or council grade; a list is used in turn. */
  grade: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /**
   * Single point of entry co-ordinators: the i-th one also sits in the i-th zone's integrated
   * team (each zone team's single point of contact).
   */
  alignToZones: z.boolean().optional(),
});

const teamSchema = z.strictObject({
  code,
  name: z.string().min(1),
  /** integrated_zone, single_point_of_entry, mental_health, hospital_discharge, home_care … */
  kind: key,
  zone: code.optional(),
  managedBy: key,
  manager: staffGroupSchema.omit({ count: true, alignToZones: true }),
  staff: z.array(staffGroupSchema),
});

const delegationSchema = z.strictObject({
  key,
  function: z.enum(delegableFunctions),
  from: key,
  to: key,
  clientGroups: z.array(z.enum(clientGroups)).min(1),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  /** The period this one replaces (a function taken back is a new period, not an edit). */
  supersedes: key.optional(),
  note: z.string().default(''),
  legalBasis: z.enum(legalBases).default('other'),
  legalBasisText: z.string().default(''),
  boardDecisionRef: z.string().default(''),
});

const ageBandSchema = z.strictObject({
  from: z.number().int().min(16).max(110),
  to: z.number().int().min(16).max(110),
  weight: z.number().nonnegative(),
});

const populationSchema = z.strictObject({
  county: z.string().min(1),
  /**
   * Ages of the people who head households, in bands with relative weights. Children and
   * partners follow from the household types, so an older area is given older heads.
   */
  householdHeadAges: z.array(ageBandSchema).min(1),
  /** Local street names mixed in with the general British list (seafront, harbour …). */
  localStreets: z.array(z.string().min(1)).default([]),
  /** NHS Data Dictionary ethnic category codes with relative weights. */
  ethnicity: z.record(z.string(), z.number().nonnegative()).optional(),
});

const presetObject = z.looseObject({
  name: key,
  placeName: z.string().min(1),
  organisation: z.string().min(1),
  description: z.string().min(1),
  clientGroups: z.array(z.enum(clientGroups)).min(1),
  establishedOn: isoDate,
  dissolvedOn: isoDate.nullable().default(null),
  partners: z.array(partnerSchema).min(1),
  zones: z.array(zoneSchema).min(1),
  teams: z.array(teamSchema),
  delegations: z.array(delegationSchema),
  population: populationSchema,
  /** The years of synthetic activity and their periods (synth/history.ts); absent: the recent two years. */
  history: historySchema.optional(),
  /** The front door's routing rules in order (src/synth/preset-routing.ts); none: the zone team of the GP practice. */
  routing: z.array(presetRoutingRuleSchema).default([]),
  /** The pooled fund: Section 75 agreement and schedules by year (synth/preset-pool.ts); absent: the place had none. */
  pool: presetPoolSchema.optional(),
});

export type Preset = z.infer<typeof presetObject>;
export type PresetPartner = Preset['partners'][number];
export type PresetZone = Preset['zones'][number];
export type PresetTeam = Preset['teams'][number];
export type PresetStaffGroup = PresetTeam['staff'][number];
export type PresetDelegation = Preset['delegations'][number];

/** Cross-references that a field-by-field schema cannot see. */
export const presetSchema = presetObject.superRefine((p, ctx) => {
  const problem = (pathParts: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: pathParts, message });
  const partnerKeys = new Set<string>();
  const odsCodes = new Set<string>();
  const zoneCodes = new Set(p.zones.map((z) => z.code));
  if (zoneCodes.size !== p.zones.length) problem(['zones'], 'zone codes must be unique');
  const practicesPerZone = new Map<string, number>();

  p.partners.forEach((partner, i) => {
    if (partnerKeys.has(partner.key)) problem(['partners', i, 'key'], `partner key "${partner.key}" is used twice`);
    partnerKeys.add(partner.key);
    if (partner.odsCode) {
      if (odsCodes.has(partner.odsCode)) problem(['partners', i, 'odsCode'], `ODS code ${partner.odsCode} is used twice`);
      odsCodes.add(partner.odsCode);
    }
    if (partner.kind === 'gp_practice') {
      if (!partner.odsCode || !gpOdsPattern.test(partner.odsCode))
        problem(['partners', i, 'odsCode'], 'a GP practice needs an ODS code of a letter and five digits');
      if (!partner.zone || !zoneCodes.has(partner.zone)) problem(['partners', i, 'zone'], 'a GP practice must belong to one of the zones');
      else practicesPerZone.set(partner.zone, (practicesPerZone.get(partner.zone) ?? 0) + 1);
    } else if (partner.zone) {
      problem(['partners', i, 'zone'], 'only GP practices belong to a zone');
    }
    if (partner.validFrom && partner.validTo && partner.validTo < partner.validFrom)
      problem(['partners', i, 'validTo'], 'must not be before validFrom');
  });
  p.zones.forEach((zone, i) => {
    if (!practicesPerZone.get(zone.code)) problem(['zones', i], `zone ${zone.code} has no GP practice, so nobody could live in it`);
  });

  const teamCodes = new Set<string>();
  const checkStaff = (g: { employer: string; managedBy: string }, at: (string | number)[]) => {
    if (!partnerKeys.has(g.employer)) problem([...at, 'employer'], `no partner "${g.employer}"`);
    if (!partnerKeys.has(g.managedBy)) problem([...at, 'managedBy'], `no partner "${g.managedBy}"`);
  };
  p.teams.forEach((team, i) => {
    if (teamCodes.has(team.code)) problem(['teams', i, 'code'], `team code ${team.code} is used twice`);
    teamCodes.add(team.code);
    if (team.zone && !zoneCodes.has(team.zone)) problem(['teams', i, 'zone'], `no zone ${team.zone}`);
    if (!partnerKeys.has(team.managedBy)) problem(['teams', i, 'managedBy'], `no partner "${team.managedBy}"`);
    checkStaff(team.manager, ['teams', i, 'manager']);
    team.staff.forEach((g, j) => checkStaff(g, ['teams', i, 'staff', j]));
  });

  const delegations = new Map<string, PresetDelegation>();
  const inScope = new Set<string>(p.clientGroups);
  p.delegations.forEach((d, i) => {
    if (delegations.has(d.key)) problem(['delegations', i, 'key'], `delegation key "${d.key}" is used twice`);
    if (!partnerKeys.has(d.from)) problem(['delegations', i, 'from'], `no partner "${d.from}"`);
    if (!partnerKeys.has(d.to)) problem(['delegations', i, 'to'], `no partner "${d.to}"`);
    if (d.validTo && d.validTo < d.validFrom) problem(['delegations', i, 'validTo'], 'must not be before validFrom');
    for (const g of d.clientGroups) if (!inScope.has(g)) problem(['delegations', i, 'clientGroups'], `${g} is not one of the place's client groups`);
    if (d.supersedes) {
      // Periods are listed in order, so the one replaced comes first.
      const old = delegations.get(d.supersedes);
      if (!old) problem(['delegations', i, 'supersedes'], `no earlier delegation "${d.supersedes}"`);
      else {
        if (old.function !== d.function) problem(['delegations', i, 'supersedes'], 'a new period must be of the same function');
        if (!old.validTo || old.validTo >= d.validFrom)
          problem(['delegations', i, 'validFrom'], `the period it replaces ("${old.key}") must end before this one starts`);
      }
    }
    delegations.set(d.key, d);
  });
  if (p.dissolvedOn && p.dissolvedOn < p.establishedOn) problem(['dissolvedOn'], 'must not be before establishedOn');
  for (const x of presetRoutingProblems(p.routing, p)) problem(x.path, x.message);
  if (p.pool) for (const x of presetPoolProblems(p.pool, partnerKeys)) problem(x.path, x.message);
});

const presetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'presets');

/** The presets that ship with Caretrust, by file name. */
export function presetNames(): string[] {
  return fs
    .readdirSync(presetsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function parsePreset(data: unknown, source = 'preset'): Preset {
  const parsed = presetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new Error(`${source} is not a valid preset: ${problems}`);
  }
  return parsed.data;
}

export function loadPreset(name: string): Preset {
  const known = presetNames();
  // Checked against the list first, so a name can never reach outside the folder.
  if (!known.includes(name)) throw new Error(`Unknown preset "${name}". Known presets: ${known.join(', ')}.`);
  const file = path.join(presetsDir, `${name}.json`);
  const preset = parsePreset(JSON.parse(fs.readFileSync(file, 'utf8')), `presets/${name}.json`);
  if (preset.name !== name) throw new Error(`presets/${name}.json names itself "${preset.name}"; the file name and name must agree.`);
  return preset;
}
