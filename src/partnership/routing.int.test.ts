import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { testNhsNumbers } from '../people/nhs-number.js';

const numbers = testNhsNumbers(999_970_000);

/** A referral from a GP system about someone new, registered at a practice of the place. */
function referral(practiceOds: string, over: { birthDate?: string; clientGroup?: string; need?: string } = {}) {
  const { birthDate = '1941-05-20', ...rest } = over;
  return {
    person: { nhsNumber: numbers.next().value, givenName: 'Ada', familyName: 'Routed', birthDate, gender: '2', gpPracticeOds: practiceOds },
    source: 'gp',
    sourceName: 'Harbourside Surgery',
    routeOfAccess: 'Community or other route',
    reason: 'Struggling at home; asks for help.',
    urgency: 'routine',
    ...rest,
  };
}

const firstPractice = async (c: Client): Promise<string> => (await c.get('/api/place')).body.zones[0].practices[0].odsCode;

describe('routing rules through the API', () => {
  let t: TestApp;
  let admin: Client;
  let coordinator: Client;
  let gpSystem: Client;
  let teams: { id: string; name: string; kind: string }[];
  let practice: string;

  beforeAll(async () => {
    t = await startTestApp();
    [admin, coordinator, gpSystem] = await Promise.all([t.signIn('administrator'), t.signIn('coordinator'), t.signIn('integration')]);
    const place = await admin.get('/api/place');
    teams = place.body.teams;
    practice = place.body.zones[0].practices[0].odsCode;
  });
  afterAll(() => t.close());

  it('lets an administrator add, change at the version read, and end a rule; a stale version is a 409', async () => {
    const before = await admin.get('/api/routing-rules');
    expect(before.status).toBe(200);
    const team = teams[0]!;
    const made = await admin.post('/api/routing-rules', { position: 5, name: 'Sensory impairment goes to one team', clientGroups: ['sensory_impairment'], action: 'team', teamId: team.id });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ position: 5, version: 1, team: { id: team.id, name: team.name }, endedAt: null });
    const listed = await admin.get('/api/routing-rules');
    expect(listed.body.rules.map((r: any) => r.id)).toContain(made.body.id);
    const positions = listed.body.rules.map((r: any) => r.position);
    expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b));

    const changed = await admin.put(`/api/routing-rules/${made.body.id}`, { position: 5, name: 'Sensory impairment: one team for all', clientGroups: ['sensory_impairment'], action: 'team', teamId: team.id }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, name: 'Sensory impairment: one team for all' });
    const stale = await admin.put(`/api/routing-rules/${made.body.id}`, { position: 6, name: 'Too late', action: 'zone_team' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/version 2/);

    const ended = await admin.post(`/api/routing-rules/${made.body.id}/end`, undefined, { 'if-match': '"2"' });
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).not.toBeNull();
    expect((await admin.get('/api/routing-rules')).body.rules.map((r: any) => r.id)).not.toContain(made.body.id);
    expect((await admin.get('/api/routing-rules?includeEnded=true')).body.rules.map((r: any) => r.id)).toContain(made.body.id);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const noPosition = await admin.post('/api/routing-rules', { name: 'No position', action: 'zone_team' });
    expect(noPosition.status).toBe(400);
    expect(noPosition.body.message).toMatch(/position/);
    const noSignpost = await admin.post('/api/routing-rules', { position: 3, name: 'Nobody covers this', action: 'not_covered' });
    expect(noSignpost.status).toBe(400);
    expect(noSignpost.body.message).toMatch(/signpost/);
    const noTeam = await admin.post('/api/routing-rules', { position: 3, name: 'To a team', action: 'team' });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.message).toMatch(/teamId/);
    const badAges = await admin.post('/api/routing-rules', { position: 3, name: 'Ages upside down', ageFrom: 70, ageTo: 60, action: 'zone_team' });
    expect(badAges.status).toBe(400);
    expect(badAges.body.message).toMatch(/ageTo/);
  });

  it('lets a co-ordinator read the rules but not add one', async () => {
    expect((await coordinator.get('/api/routing-rules')).status).toBe(200);
    const denied = await coordinator.post('/api/routing-rules', { position: 3, name: 'A co-ordinator rule', action: 'zone_team' });
    expect(denied.status).toBe(403);
  });

  it('routes a referral by the first rule that matches and says why', async () => {
    const team = teams.find((x) => x.kind !== 'integrated_zone') ?? teams[0]!;
    const rule = await admin.post('/api/routing-rules', { position: 1, name: 'Substance misuse goes to the chosen team', clientGroups: ['substance_misuse'], action: 'team', teamId: team.id });
    expect(rule.status).toBe(201);
    const sent = await gpSystem.post('/api/referrals', referral(practice, { birthDate: '1980-02-02', clientGroup: 'substance_misuse' }));
    expect(sent.status).toBe(201);
    expect(sent.body.proposedTeam.id).toBe(team.id);
    expect(sent.body.routing).toMatchObject({ outcome: 'team', ruleId: rule.body.id, signpost: null });
    expect(sent.body.routing.reason).toContain('Substance misuse goes to the chosen team');
    expect(sent.body.clientGroup).toBe('substance_misuse');
    // The co-ordinator's queue shows the same answer.
    const queue = await coordinator.get('/api/referrals?status=received');
    expect(queue.body.referrals.find((r: any) => r.id === sent.body.id).routing).toEqual(sent.body.routing);
  });
});

describe('routing as each preset says', () => {
  it('wbh: a person under 65 is outside the trust’s scope, with the reason and where to signpost', async () => {
    const t = await startTestApp({ preset: 'wbh', now: '2006-03-01T09:30:00Z' });
    try {
      const gp = await t.signIn('integration');
      const practice = await firstPractice(gp);
      const young = await gp.post('/api/referrals', referral(practice, { birthDate: '1960-01-01' }));
      expect(young.status).toBe(201);
      expect(young.body.proposedTeam).toBeNull();
      expect(young.body.routing.outcome).toBe('not_covered');
      expect(young.body.routing.reason).toMatch(/under 65/);
      expect(young.body.routing.signpost).toMatch(/Essex County Council/);
      const older = await gp.post('/api/referrals', referral(practice, { birthDate: '1930-01-01' }));
      expect(older.body.routing.outcome).toBe('team');
      expect(older.body.proposedTeam).not.toBeNull();
    } finally {
      await t.close();
    }
  });

  it('somerset: a mental-health referral reaches a mental-health team', async () => {
    const t = await startTestApp({ preset: 'somerset' });
    try {
      const gp = await t.signIn('integration');
      const place = (await gp.get('/api/place')).body;
      const sent = await gp.post('/api/referrals', referral(place.zones[0].practices[0].odsCode, { birthDate: '1975-06-01', clientGroup: 'mental_health' }));
      expect(sent.status).toBe(201);
      const team = place.teams.find((x: any) => x.id === sent.body.proposedTeam?.id);
      expect(team.kind).toBe('mental_health');
      expect(sent.body.routing.reason).toMatch(/[Mm]ental-health referrals/);
    } finally {
      await t.close();
    }
  });

  it("ne-lincolnshire: a children's community health need reaches the children's community health team", async () => {
    const t = await startTestApp({ preset: 'ne-lincolnshire' });
    try {
      const gp = await t.signIn('integration');
      const place = (await gp.get('/api/place')).body;
      const sent = await gp.post('/api/referrals', referral(place.zones[0].practices[0].odsCode, { birthDate: '1985-06-01', need: 'children_community_health' }));
      expect(sent.status).toBe(201);
      const team = place.teams.find((x: any) => x.id === sent.body.proposedTeam?.id);
      expect(team.code).toBe('CCHS');
      expect(sent.body.routing.reason).toMatch(/children's community health/);
    } finally {
      await t.close();
    }
  });
});
