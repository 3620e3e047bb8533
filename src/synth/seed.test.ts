import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { migrateDatabase, openPglite, rowsOf, sql, type Database } from '../platform/db.js';
import { ageOn } from '../platform/dates.js';
import { isValidNhsNumber } from '../people/nhs-number.js';
import { searchNameOf } from '../people/search-name.js';
import { people, personContacts } from '../people/schema.js';
import { relationships, users } from '../access/schema.js';
import { passwordMatches } from '../access/passwords.js';
import { roles } from '../access/roles.js';
import { places, teams } from '../partnership/schema.js';
import { teamsOfStaff, zoneOfPractice } from '../partnership/service.js';
import { seedPlace } from './seed.js';
import { demoPassword } from './accounts.js';
import { mrsSmith } from './people.js';

const asOf = '2026-11-01';
const population = 1500;

async function freshDatabase(): Promise<Database> {
  const d = await openPglite();
  await migrateDatabase(d);
  return d;
}

const everyPerson = (d: Database) => rowsOf<Record<string, unknown>>(d.db, sql`select * from person order by id`);

describe('seedPlace', () => {
  let a: Database;
  let b: Database;
  let c: Database;
  let torbay: { placeId: string; people: number };
  const stages = new Set<string>();

  beforeAll(async () => {
    [a, b, c] = await Promise.all([freshDatabase(), freshDatabase(), freshDatabase()]);
    torbay = await seedPlace(a.db, { preset: 'torbay', population, seed: 7, asOf, progress: (s) => stages.add(s) });
    // Seeded exactly like a: the activity's worker relationships depend on which staff have accounts.
    await seedPlace(b.db, { preset: 'torbay', population, seed: 7, asOf });
    await seedPlace(c.db, { preset: 'torbay', population, seed: 8, asOf, demoAccounts: false });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), c?.close()]);
  });

  it('creates the place with exactly the population asked for, and reports progress', async () => {
    expect(torbay.people).toBe(population);
    const [place] = await a.db.select().from(places).where(eq(places.placeId, torbay.placeId));
    expect(place).toMatchObject({ preset: 'torbay', name: 'Torbay', synthSeed: 7, synthPopulation: population, demo: 'yes' });
    expect((await everyPerson(a)).length).toBe(population);
    expect([...stages]).toEqual(['partnership', 'people', 'activity']);
  });

  it('is deterministic: the same preset, seed and population give identical rows', async () => {
    expect(await everyPerson(b)).toEqual(await everyPerson(a));
    for (const table of ['person_carer', 'person_contact', 'care_relationship', 'staff', 'team_member', 'partner', 'zone', 'team', 'delegation']) {
      const q = sql.raw(`select * from ${table} order by 1, 2, 3`);
      expect(await rowsOf(b.db, q), table).toEqual(await rowsOf(a.db, q));
    }
  });

  it('gives different people for a different seed', async () => {
    const [x, y] = await Promise.all([everyPerson(a), everyPerson(c)]);
    const names = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.given_name} ${r.family_name} ${r.birth_date}`);
    const same = names(x).filter((n, i) => n === names(y)[i]).length;
    expect(same).toBeLessThan(5); // Mrs Smith is the same everywhere; almost nobody else is
  });

  it('gives everyone a valid test NHS number from the 999 range, each once', async () => {
    const rows = await a.db.select({ nhs: people.nhsNumber }).from(people);
    const numbers = rows.map((r) => r.nhs);
    expect(numbers.every((n) => n !== null && n.startsWith('999') && isValidNhsNumber(n))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('fills the search name, households and living alone consistently', async () => {
    const rows = await a.db.select().from(people);
    for (const p of rows) expect(p.searchName).toBe(searchNameOf(p));
    const size = new Map<string, number>();
    for (const p of rows) size.set(p.householdId!, (size.get(p.householdId!) ?? 0) + 1);
    for (const p of rows) expect(p.livesAlone).toBe(size.get(p.householdId!) === 1);
    expect(rows.every((p) => /^TQ[1-5] \d[A-Z]{2}$/.test(p.postcode))).toBe(true);
    const objectors = rows.filter((p) => p.objectsToHealthSocialCareSharing).length;
    expect(objectors).toBeGreaterThan(0);
    expect(objectors / rows.length).toBeLessThan(0.03);
  });

  it('has an older, seaside age profile', async () => {
    const rows = await a.db.select({ birthDate: people.birthDate }).from(people);
    const share = (min: number) => rows.filter((r) => ageOn(r.birthDate, asOf) >= min).length / rows.length;
    // England: about 18% are 65 or over and 2.5% 85 or over.
    expect(share(65)).toBeGreaterThan(0.22);
    expect(share(85)).toBeGreaterThan(0.03);
  });

  it('always has Mrs Smith: 85, living alone in zone 1, her daughter her next of kin', async () => {
    const found = await a.db
      .select()
      .from(people)
      .where(and(eq(people.familyName, mrsSmith.familyName), eq(people.givenName, mrsSmith.givenName), eq(people.title, 'Mrs')));
    expect(found).toHaveLength(1);
    const smith = found[0]!;
    expect(ageOn(smith.birthDate, asOf)).toBe(85);
    expect(smith).toMatchObject({ gender: '2', livesAlone: true, objectsToHealthSocialCareSharing: false });
    expect((await zoneOfPractice(a.db, torbay.placeId, smith.gpPracticeId!))?.code).toBe('Z1');
    const contacts = await a.db.select().from(personContacts).where(eq(personContacts.personId, smith.id));
    expect(contacts).toEqual([expect.objectContaining({ relationship: 'daughter', nextOfKin: true })]);

    // The front door is triaging her, and zone 1's team has her on its caseload.
    const held = await rowsOf<{ kind: string; sector: string; code: string; valid_to: unknown }>(
      a.db,
      sql`select r.kind, r.sector, t.code, r.valid_to from care_relationship r join team t on t.place_id = r.place_id and t.id = r.team_id
          where r.person_id = ${smith.id} order by r.kind, r.sector`,
    );
    expect(held).toEqual([
      { kind: 'caseload', sector: 'health', code: 'Z1-ICT', valid_to: null },
      { kind: 'caseload', sector: 'social_care', code: 'Z1-ICT', valid_to: null },
      { kind: 'triage', sector: 'integrated', code: 'SPOE', valid_to: null },
    ]);
  });

  it('puts a few per cent of people, mostly older, on zone teams caseloads and leaves most with none', async () => {
    const [row] = await rowsOf<{ on_caseload: number; older: number }>(
      a.db,
      sql`select count(distinct r.person_id)::int on_caseload,
                 count(distinct r.person_id) filter (where p.birth_date <= date '1961-11-01')::int older
          from care_relationship r join person p on p.place_id = r.place_id and p.id = r.person_id where r.kind = 'caseload'
            -- in the recent two years (the history's cases closed before them)
            and (r.valid_to is null or r.valid_to >= date '2024-11-01')`,
    );
    expect(row!.on_caseload / population).toBeGreaterThan(0.02);
    expect(row!.on_caseload / population).toBeLessThan(0.08);
    expect(row!.older / row!.on_caseload).toBeGreaterThan(0.6);
    const zoneTeams = await a.db.select({ id: teams.id }).from(teams).where(eq(teams.kind, 'integrated_zone'));
    // Team-held caseloads are zone teams'; an allocated worker's own relationship is held by their account.
    const holders = await a.db
      .selectDistinct({ teamId: relationships.teamId })
      .from(relationships)
      .where(and(eq(relationships.kind, 'caseload'), isNotNull(relationships.teamId)));
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.every((h) => zoneTeams.some((t) => t.id === h.teamId))).toBe(true);
  });

  it('links carers who are on the register themselves', async () => {
    const [row] = await rowsOf<{ n: number; older: number }>(
      a.db,
      sql`select count(*)::int n, count(*) filter (where p.birth_date <= date '1961-11-01')::int older
          from person_carer c join person p on p.place_id = c.place_id and p.id = c.person_id`,
    );
    expect(row!.n).toBeGreaterThan(10);
    expect(row!.older).toBe(row!.n);
    // A husband or wife lives with the person they care for; a son or daughter has a home of their own.
    const [homes] = await rowsOf<{ mismatched: number; open: number }>(
      a.db,
      sql`select count(*) filter (where lives_with <> (relationship in ('spouse', 'partner')))::int mismatched,
                 count(*) filter (where valid_to is null)::int open
          from person_carer`,
    );
    expect(homes!.mismatched).toBe(0);
    expect(homes!.open).toBe(row!.n);
  });

  it('creates one demo account per role, practitioners in zone 1, the co-ordinator also at the front door', async () => {
    const accounts = await a.db.select().from(users).where(eq(users.placeId, torbay.placeId));
    expect(accounts.map((u) => u.email).sort()).toEqual(roles.map((r) => `${r}@torbay.demo`).sort());
    expect(await passwordMatches(accounts[0]!.passwordHash, demoPassword)).toBe(true);
    const teamCodes = new Map((await a.db.select().from(teams)).map((t) => [t.id, t.code]));
    const teamsOf = async (role: string) => {
      const u = accounts.find((x) => x.role === role)!;
      if (!u.staffId) return [];
      return (await teamsOfStaff(a.db, torbay.placeId, u.staffId, asOf)).map((m) => `${teamCodes.get(m.teamId)}:${m.roleInTeam}`).sort();
    };
    expect(await teamsOf('coordinator')).toEqual(['SPOE:member', 'Z1-ICT:member']);
    for (const role of ['social_worker', 'nurse', 'therapist']) expect(await teamsOf(role), role).toEqual(['Z1-ICT:member']);
    expect(await teamsOf('team_manager')).toEqual(['Z1-ICT:manager']);
    for (const role of ['finance_officer', 'commissioner', 'board_member', 'auditor', 'administrator']) {
      expect(accounts.find((u) => u.role === role)!.staffId, role).toBeNull();
    }
  });

  it('refuses to seed a preset twice, and names the presets it knows', async () => {
    await expect(seedPlace(a.db, { preset: 'torbay', population: 10, seed: 1 })).rejects.toThrow(/already exists/);
    await expect(seedPlace(a.db, { preset: 'narnia', population: 10, seed: 1 })).rejects.toThrow(/Known presets: .*torbay/);
    await expect(seedPlace(a.db, { preset: 'bexley', population: 0, seed: 1 })).rejects.toThrow(/population/);
  });

  it('seeds every other preset alongside, each with its own postcodes and a Mrs Smith', async () => {
    const areas: Record<string, RegExp> = {
      bexley: /^DA\d/,
      somerset: /^(TA|BA)\d/,
      'ne-lincolnshire': /^DN\d/,
      blackburn: /^BB\d/,
      wbh: /^(CM|CO)\d/,
      northumbria: /^NE\d/,
    };
    for (const [preset, area] of Object.entries(areas)) {
      const r = await seedPlace(a.db, { preset, population: 300, seed: 7, asOf });
      expect(r.people).toBe(300);
      const rows = await a.db.select().from(people).where(eq(people.placeId, r.placeId));
      expect(rows.every((p) => area.test(p.postcode)), preset).toBe(true);
      // A dissolved place (wbh, 2006) is described as it was when it ended: she was 85 then.
      const describedOn = preset === 'wbh' ? '2006-10-01' : asOf;
      expect(rows.filter((p) => p.familyName === 'Smith' && p.givenName === mrsSmith.givenName && ageOn(p.birthDate, describedOn) === 85)).toHaveLength(1);
      const accounts = await a.db.select().from(users).where(eq(users.placeId, r.placeId));
      expect(accounts).toHaveLength(roles.length);
      // Practitioners can reach her: her zone team, or the front door, holds a relationship.
      expect(accounts.find((u) => u.role === 'social_worker')?.staffId, preset).toBeTruthy();
    }
  });
});
