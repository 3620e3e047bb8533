import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../platform/db.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import { testDatabase } from '../../tests/support/test-db.js';
import { FIXTURE } from '../../tests/support/fixture.js';
import { seedPlace } from '../synth/seed.js';
import { staff, teamMembers, teams } from './schema.js';
import { inForceOn, placeByPreset, placeOverview, practiceByOds, teamsOfStaff, zoneOfPractice, type Place } from './service.js';

describe('partnership service', () => {
  let d: Database;
  let torbay: Place;
  let bexleyId: string;

  beforeAll(async () => {
    // The run's fixture holds a small Torbay; Bexley is added for its delegation history.
    d = await testDatabase();
    torbay = (await placeByPreset(d.db, FIXTURE.preset))!;
    bexleyId = (await seedPlace(d.db, { preset: 'bexley', population: 200, seed: 3, asOf: FIXTURE.asOf, demoAccounts: false })).placeId;
  });
  afterAll(() => d?.close());

  it('finds a place by its preset, and nothing for an unknown one', async () => {
    expect(torbay).toMatchObject({ preset: 'torbay', name: 'Torbay', demo: 'yes' });
    expect(await placeByPreset(d.db, 'atlantis')).toBeNull();
  });

  it("gives Torbay's overview: five zones with their practices, teams with members, delegations in force", async () => {
    const o = await placeOverview(d.db, torbay.placeId, FIXTURE.asOf);
    expect(o.on).toBe(FIXTURE.asOf);
    expect(o.zones.map((z) => z.code)).toEqual(['Z1', 'Z2', 'Z3', 'Z4', 'Z5']);
    const practices = o.partners.filter((p) => p.kind === 'gp_practice');
    expect(o.zones.reduce((n, z) => n + z.practices.length, 0)).toBe(practices.length);
    for (const z of o.zones) {
      expect(z.practices.length).toBeGreaterThan(0);
      expect(z.practices.every((p) => p.zoneId === z.id)).toBe(true);
    }
    const z1 = o.teams.find((t) => t.code === 'Z1-ICT')!;
    expect(z1).toMatchObject({ kind: 'integrated_zone', zoneCode: 'Z1', managingPartnerName: 'Torbay Care Trust', managers: 1 });
    // Its own staff plus the single point of entry's co-ordinator for zone 1.
    expect(z1.members).toBeGreaterThan(10);
    expect(o.teams.find((t) => t.kind === 'single_point_of_entry')?.members).toBeGreaterThan(0);
    expect(o.delegationsInForce.map((x) => x.function).sort()).toEqual(['asc_assessment', 'asc_commissioning', 'asc_provision']);
    expect(o.delegationsInForce.every((x) => x.fromPartnerName === 'Torbay Council' && x.toPartnerName === 'Torbay Care Trust')).toBe(true);
    // Before the care trust, nothing had been delegated and no one had joined a team.
    const before = await placeOverview(d.db, torbay.placeId, '2004-01-01');
    expect(before.delegationsInForce).toEqual([]);
    expect(before.delegationHistory).toHaveLength(3);
  });

  it("shows who held Bexley's adult social care provision on a day, and both periods in its history", async () => {
    const provision = (on: string) =>
      placeOverview(d.db, bexleyId, on).then((o) => o.delegationsInForce.filter((x) => x.function === 'asc_provision').map((x) => x.toPartnerName));
    expect(await provision('2003-05-31')).toEqual([]);
    expect(await provision('2008-06-01')).toEqual(['Bexley Care Trust']);
    expect(await provision('2009-03-31')).toEqual(['Bexley Care Trust']);
    expect(await provision('2009-04-01')).toEqual(['London Borough of Bexley']);
    const history = (await placeOverview(d.db, bexleyId, '2020-01-01')).delegationHistory.filter((x) => x.function === 'asc_provision');
    expect(history).toHaveLength(2);
    expect(history[1]!.supersedesId).toBe(history[0]!.id);
    expect(history[0]!.validTo).toBe('2009-03-31');
  });

  it('refuses a day that is not a date and a place that does not exist', async () => {
    await expect(placeOverview(d.db, torbay.placeId, '1/4/2009')).rejects.toBeInstanceOf(InvalidError);
    await expect(placeOverview(d.db, '00000000-0000-7000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds a practice by ODS code and the zone that follows from it', async () => {
    const practice = (await practiceByOds(d.db, torbay.placeId, ' t90101 '))!;
    expect(practice).toMatchObject({ kind: 'gp_practice', odsCode: 'T90101' });
    expect((await zoneOfPractice(d.db, torbay.placeId, practice.id))?.code).toBe('Z1');
    expect(await practiceByOds(d.db, torbay.placeId, 'Z99999')).toBeNull();
    // A practice code belongs to one place only.
    expect(await practiceByOds(d.db, bexleyId, 'T90101')).toBeNull();
    await expect(practiceByOds(d.db, torbay.placeId, '9TC')).rejects.toBeInstanceOf(InvalidError);
    const trust = (await placeOverview(d.db, torbay.placeId, FIXTURE.asOf)).partners.find((p) => p.kind === 'care_trust')!;
    expect(await zoneOfPractice(d.db, torbay.placeId, trust.id)).toBeNull();
  });

  it("lists a staff member's teams on a day", async () => {
    const [z1] = await d.db.select().from(teams).where(and(eq(teams.placeId, torbay.placeId), eq(teams.code, 'Z1-ICT')));
    const [manager] = await d.db
      .select({ staffId: teamMembers.staffId, validFrom: teamMembers.validFrom })
      .from(teamMembers)
      .where(and(eq(teamMembers.placeId, torbay.placeId), eq(teamMembers.teamId, z1!.id), eq(teamMembers.roleInTeam, 'manager')));
    expect(await teamsOfStaff(d.db, torbay.placeId, manager!.staffId, FIXTURE.asOf)).toEqual([{ teamId: z1!.id, roleInTeam: 'manager' }]);
    expect(await teamsOfStaff(d.db, torbay.placeId, manager!.staffId, '1999-01-01')).toEqual([]);
    expect(await teamsOfStaff(d.db, torbay.placeId, manager!.staffId, manager!.validFrom)).toHaveLength(1);
    const [coordinator] = await d.db
      .select()
      .from(staff)
      .where(and(eq(staff.placeId, torbay.placeId), eq(staff.profession, 'health_social_care_coordinator')))
      .limit(1);
    expect(await teamsOfStaff(d.db, torbay.placeId, coordinator!.id, FIXTURE.asOf)).toHaveLength(2);
  });
});

describe('inForceOn', () => {
  it('counts both ends of a period as days it holds, and open ends as unbounded', () => {
    const p = { validFrom: '2003-06-01', validTo: '2009-03-31' };
    expect(inForceOn(p, '2003-05-31')).toBe(false);
    expect(inForceOn(p, '2003-06-01')).toBe(true);
    expect(inForceOn(p, '2009-03-31')).toBe(true);
    expect(inForceOn(p, '2009-04-01')).toBe(false);
    expect(inForceOn({ validFrom: '2009-04-01', validTo: null }, '2100-01-01')).toBe(true);
    expect(inForceOn({ validFrom: null, validTo: null }, '1900-01-01')).toBe(true);
  });
});
