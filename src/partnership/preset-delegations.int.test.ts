import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../tests/support/test-app.js';
import { FIXTURE } from '../../tests/support/fixture.js';
import { createUser } from '../access/users.js';
import { personOnTeamCaseload } from '../pathway/assessments/int-support.js';
import { newId } from '../platform/ids.js';
import { seedPlace } from '../synth/seed.js';
import { staff, teamMembers } from './schema.js';

let t: TestApp;

async function signInAs(email: string): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: FIXTURE.password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  const body = res.json();
  return new Client(t.app, cookie, body.csrfToken, { ...body.user }, body.place.id);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const preset of ['bexley', 'blackburn']) await seedPlace(t.database.db, { preset, population: 40, seed: 7, asOf: FIXTURE.asOf });
});
afterAll(() => t.close());

describe('bexley: provision returns to the council in April 2009', () => {
  it('the care trust is accountable for adult social care provision in 2008, the council from April 2009', async () => {
    const board = await signInAs('board_member@bexley.demo');
    const partners = (await board.get('/api/place')).body.partners;
    const trust = partners.find((p: any) => p.kind === 'care_trust');
    const council = partners.find((p: any) => p.kind === 'council');
    const in2008 = await board.get('/api/delegations/accountable?function=asc_provision&clientGroup=older_people&on=2008-06-01');
    expect(in2008.body).toMatchObject({ basis: 'delegation', partner: { id: trust.id }, delegation: { validTo: '2009-03-31', legalBasis: 'section_31_hsa_1999' } });
    const in2009 = await board.get('/api/delegations/accountable?function=asc_provision&clientGroup=older_people&on=2009-06-01');
    expect(in2009.body).toMatchObject({ partner: { id: council.id }, delegation: { validFrom: '2009-04-01' } });
    expect(in2009.body.delegation.supersedesId).toBe(in2008.body.delegation.id);
    // Joint commissioning for mental health stays with the trust throughout.
    const mh = await board.get('/api/delegations/accountable?function=asc_commissioning&clientGroup=mental_health&on=2012-01-01');
    expect(mh.body.partner.id).toBe(trust.id);
  });

  it("attributes the place's referrals to the partner accountable on their day: the council's since 2009", async () => {
    const board = await signInAs('board_member@bexley.demo');
    const council = (await board.get('/api/place')).body.partners.find((p: any) => p.kind === 'council');
    const cut = await board.get('/api/delegations/attribution?kind=referral&from=2009-04-01&to=2026-11-01');
    expect(cut.status).toBe(200);
    expect(cut.body.function).toBe('asc_assessment');
    expect(cut.body.total).toBeGreaterThan(0);
    expect(cut.body.byPartner.map((b: any) => b.partnerId)).toEqual([council.id]);
    expect(cut.body.byPartner[0].count).toBe(cut.body.total);
    const bad = await board.get('/api/delegations/attribution?kind=visit&from=2010-01-01&to=2009-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/kind/);
  });
});

describe('blackburn: assessment stays with the council', () => {
  it('a trust social worker cannot complete an adult social care assessment (403 naming the council); a council social worker can', async () => {
    const councilWorker = await signInAs('social_worker@blackburn.demo');
    const partners = (await councilWorker.get('/api/place')).body.partners;
    const trust = partners.find((p: any) => p.kind === 'care_trust');
    const council = partners.find((p: any) => p.kind === 'council');
    const accountable = await councilWorker.get(`/api/delegations/accountable?function=asc_assessment&clientGroup=older_people&on=${FIXTURE.asOf}`);
    expect(accountable.body.partner.id).toBe(council.id);

    // A social worker employed and managed by the care trust, in the council worker's team.
    const placeId = councilWorker.placeId;
    const staffId = newId();
    await t.database.db.insert(staff).values({
      placeId,
      id: staffId,
      givenName: 'Tamsin',
      familyName: 'Trustworker',
      profession: 'social_worker',
      employerPartnerId: trust.id,
      managingPartnerId: trust.id,
      terms: 'agenda_for_change',
      grade: '6',
    });
    await t.database.db.insert(teamMembers).values({ placeId, teamId: councilWorker.user.teams[0]!.id, staffId, roleInTeam: 'member', validFrom: '2020-01-01' });
    await createUser(t.database.db, { placeId, email: 'trust.social.worker@blackburn.test', displayName: 'Tamsin Trustworker', role: 'social_worker', staffId, password: FIXTURE.password });
    const trustWorker = await signInAs('trust.social.worker@blackburn.test');

    const person = await personOnTeamCaseload(t, councilWorker, { postcode: 'BB1 7QQ' });
    const started = await councilWorker.post('/api/assessments', { personId: person.id, kind: 'needs' });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/assessments/${id}/sections/health`,
      headers: { cookie: councilWorker.cookie, 'x-csrf-token': councilWorker.csrfToken },
      payload: { content: { conditions: 'Falls at home' } },
    });
    expect(saved.statusCode).toBe(200);
    const version = (await councilWorker.get(`/api/assessments/${id}`)).body.version;

    const refused = await trustWorker.post(`/api/assessments/${id}/complete`, { outcome: 'Progress to support planning or services', version });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain(council.name);

    const done = await councilWorker.post(`/api/assessments/${id}/complete`, { outcome: 'Progress to support planning or services', version });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
  });
});
