import type { Db, Tx } from '../platform/db.js';
import { isIsoDate } from '../platform/dates.js';
import { delegations, partners, places, routingRules, staff, teamMembers, teams, zones } from '../partnership/schema.js';
import { people, personCarers, personContacts } from '../people/schema.js';
import { relationships, users } from '../access/schema.js';
import { placeByPreset } from '../partnership/service.js';
import { loadPreset } from './preset.js';
import { SynthIds } from './ids.js';
import { addDays, instantOn } from './dates.js';
import { buildStructure, caseloadTeamOfZone, frontDoorTeam } from './structure.js';
import { demoAccounts } from './accounts.js';
import { PeopleGenerator, mrsSmith, type PeopleBatch, type ZoneForPeople } from './people.js';
import { FlowActivity, insertFlowRows } from './flow-activity.js';
import { seedPathwayActivity } from './pathway-activity.js';
import { resolveHistory, type ResolvedHistory } from './history.js';
import { seedPool } from './finance-agreement.js';
import { seedCommissioningGroups } from './commissioning-groups.js';
import { yearsBetween } from './finance-ledger.js';

export const defaultAsOf = '2026-11-01';
export const maxPopulation = 1_000_000;

export type SeedOptions = {
  preset: string;
  population: number;
  seed: number;
  /** The day the synthetic place describes (ages, caseloads); default 2026-11-01. */
  asOf?: string;
  /**
   * The first day of synthetic activity, instead of the preset's history.from (synth/history.ts);
   * the recent two years before the as-of day are always generated.
   */
  historyFrom?: string;
  /** The fraction of the history's activity generated (0–1), instead of the preset's or the default. */
  historySample?: number;
  /** One account per role, `<role>@<preset>.demo` (default true). */
  demoAccounts?: boolean;
  /** People per batch; each batch is one transaction of multi-row inserts. */
  batchSize?: number;
  progress?: (stage: string, done: number, total: number) => void;
  /** Seed the preset's pooled fund too (synth/finance-agreement.ts): agreement, schedules, receipts, invoices, closed months. Default false. */
  pool?: boolean;
};

export type SeedResult = { placeId: string; people: number };

// PostgreSQL allows 65,535 parameters a statement; stay under it whatever the row width.
const maxParameters = 60_000;

function chunks<T extends object>(rows: T[]): T[][] {
  const first = rows[0];
  if (!first) return [];
  const per = Math.max(1, Math.floor(maxParameters / Object.keys(first).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

async function insertPeopleBatch(tx: Tx, b: PeopleBatch): Promise<void> {
  for (const part of chunks(b.people)) await tx.insert(people).values(part);
  for (const part of chunks(b.carers)) await tx.insert(personCarers).values(part);
  for (const part of chunks(b.contacts)) await tx.insert(personContacts).values(part);
  for (const part of chunks(b.relationships)) await tx.insert(relationships).values(part);
}

function checkOptions(opts: SeedOptions): string {
  const asOf = opts.asOf ?? defaultAsOf;
  if (!isIsoDate(asOf)) throw new Error(`asOf must be a date written YYYY-MM-DD, not "${asOf}"`);
  if (opts.historyFrom !== undefined && (!isIsoDate(opts.historyFrom) || opts.historyFrom > asOf))
    throw new Error(`historyFrom must be a date written YYYY-MM-DD, on or before ${asOf}, not "${opts.historyFrom}"`);
  if (opts.historySample !== undefined && !(opts.historySample > 0 && opts.historySample <= 1))
    throw new Error(`historySample must be a fraction above 0 and at most 1, not ${opts.historySample}`);
  if (!Number.isInteger(opts.population) || opts.population < 1 || opts.population > maxPopulation)
    throw new Error(`population must be a whole number from 1 to ${maxPopulation.toLocaleString('en-GB')}, not ${opts.population}`);
  if (!Number.isInteger(opts.seed) || opts.seed < -2147483648 || opts.seed > 2147483647)
    throw new Error(`seed must be a 32-bit whole number, not ${opts.seed}`);
  return asOf;
}

/**
 * Creates a synthetic place from a preset: the organisation (partners, zones, delegations,
 * teams, staff), demo accounts, and a population of people with households, carers, contacts
 * and caseloads. Deterministic: the same preset, seed, population and as-of day give the same
 * rows (password hashes aside, which are salted). The organisation is one transaction and each
 * batch of people another, so memory stays flat up to a million people.
 */
export async function seedPlace(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const asked = checkOptions(opts);
  const preset = loadPreset(opts.preset);
  // A place dissolved before the as-of day is described as it was when it ended (its people's
  // ages, its staff), its records kept; it holds no caseloads today and its activity ends with it.
  const dissolved = preset.dissolvedOn !== null && preset.dissolvedOn < asked;
  const asOf = dissolved ? addDays(preset.dissolvedOn!, 1) : asked;
  const progress = opts.progress ?? (() => undefined);

  const existing = await placeByPreset(db, preset.name);
  if (existing) {
    throw new Error(
      `A place for preset "${preset.name}" already exists (${existing.name}, place ${existing.placeId}); each preset can be seeded once per database.`,
    );
  }

  const ids = new SynthIds(opts.seed, instantOn(asOf));
  const structure = buildStructure(preset, { seed: opts.seed, population: opts.population, asOf, ids });
  const { placeId, rows } = structure;
  const accounts =
    opts.demoAccounts === false ? [] : await demoAccounts(preset, structure, { seed: opts.seed, ids, createdAt: instantOn(asOf) });

  progress('partnership', 0, 1);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(places).values(rows.place);
      await tx.insert(zones).values(rows.zones);
      await tx.insert(partners).values(rows.partners);
      if (rows.delegations.length) await tx.insert(delegations).values(rows.delegations);
      if (rows.teams.length) await tx.insert(teams).values(rows.teams);
      for (const part of chunks(rows.staff)) await tx.insert(staff).values(part);
      for (const part of chunks(rows.teamMembers)) await tx.insert(teamMembers).values(part);
      if (rows.routingRules.length) await tx.insert(routingRules).values(rows.routingRules);
      await seedCommissioningGroups(tx, { preset, placeId, partnerIds: structure.partnerIds, ids, at: instantOn(asOf) });
      if (accounts.length) await tx.insert(users).values(accounts);
    });
  } catch (e) {
    // Someone else seeded the same preset between the check and the insert.
    if ((e as { code?: string; cause?: { code?: string } }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505') {
      throw new Error(`A place for preset "${preset.name}" already exists; each preset can be seeded once per database.`, { cause: e });
    }
    throw e;
  }
  progress('partnership', 1, 1);

  const practicesOfZone = new Map<string, string[]>();
  for (const p of preset.partners) {
    if (p.kind !== 'gp_practice' || !p.zone) continue;
    practicesOfZone.set(p.zone, [...(practicesOfZone.get(p.zone) ?? []), structure.partnerIds.get(p.key)!]);
  }
  const zonesForPeople: ZoneForPeople[] = preset.zones.map((z) => {
    const team = caseloadTeamOfZone(preset, z.code);
    return {
      code: z.code,
      id: structure.zoneIds.get(z.code)!,
      weight: z.weight,
      town: z.town,
      districts: z.postcodeDistricts,
      practiceIds: practicesOfZone.get(z.code) ?? [],
      caseloadTeamId: team && !dissolved ? (structure.teamIds.get(team) ?? null) : null,
    };
  });
  const frontDoor = frontDoorTeam(preset);
  const generator = new PeopleGenerator({
    placeId,
    preset,
    seed: opts.seed,
    population: opts.population,
    asOf,
    ids,
    zones: zonesForPeople,
    triageTeamId: frontDoor && !dissolved ? (structure.teamIds.get(frontDoor) ?? null) : null,
  });

  const flow = flowActivityOf(preset, structure, opts.seed, asOf, ids, resolveHistory(preset, asOf, opts.historyFrom, opts.historySample));
  const isMrsSmith = (p: { givenName: string; familyName: string; otherNames?: string | null }) =>
    p.givenName === mrsSmith.givenName && p.familyName === mrsSmith.familyName && p.otherNames === mrsSmith.otherNames;

  let done = 0;
  progress('people', 0, opts.population);
  for (const batch of generator.batches(opts.batchSize ?? 2000)) {
    const stays = flow?.rowsFor(batch.people, isMrsSmith);
    await db.transaction(async (tx) => {
      await insertPeopleBatch(tx, batch);
      if (stays) await insertFlowRows(tx, stays, async (t, rows) => void (await t.insert(relationships).values(rows)));
    });
    done += batch.people.length;
    progress('people', done, opts.population);
  }

  // The history and two years of pathway activity for these people, read back from the database in batches.
  progress('activity', 0, done);
  await seedPathwayActivity(db, {
    preset,
    structure,
    accounts,
    seed: opts.seed,
    asOf,
    ids,
    historyFrom: opts.historyFrom,
    historySample: opts.historySample,
    batchSize: opts.batchSize ?? 2000,
    progress: (n) => progress('activity', n, done),
  });
  if (opts.pool) {
    progress('pool', 0, 1);
    const h = resolveHistory(preset, asOf, opts.historyFrom, opts.historySample);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const years = [...new Set([...(h.historyEnd > h.start ? yearsBetween(day(h.start), day(h.historyEnd - 86_400_000)) : []), ...yearsBetween(day(h.recentStart), asOf)])].sort();
    await seedPool(db, { preset, placeId, partnerIds: structure.partnerIds, asOf, seed: opts.seed, years });
    progress('pool', 1, 1);
  }
  return { placeId, people: done };
}

/** Hospital flow for places with a hospital (synth/flow-activity.ts); none for the others. */
function flowActivityOf(preset: ReturnType<typeof loadPreset>, structure: ReturnType<typeof buildStructure>, seed: number, asOf: string, ids: SynthIds, history: ResolvedHistory): FlowActivity | null {
  const hospital = preset.partners.find((p) => p.kind === 'hospital') ?? preset.partners.find((p) => p.kind === 'nhs_trust');
  if (!hospital) return null;
  const zoneOfPractice = new Map<string, string>();
  for (const p of preset.partners) {
    if (p.kind === 'gp_practice' && p.zone) zoneOfPractice.set(structure.partnerIds.get(p.key)!, structure.zoneIds.get(p.zone)!);
  }
  const team = preset.teams.find((t) => t.kind === 'hospital_discharge');
  return new FlowActivity({
    placeId: structure.placeId,
    seed,
    preset: preset.name,
    asOf,
    history,
    ids,
    hospitalId: structure.partnerIds.get(hospital.key)!,
    dischargeTeamId: team ? (structure.teamIds.get(team.code) ?? null) : null,
    zoneOfPractice,
  });
}
