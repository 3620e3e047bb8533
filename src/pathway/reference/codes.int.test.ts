import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';

let t: TestApp;
let gpSystem: Client;
let socialWorker: Client;
let commissioner: Client;

beforeAll(async () => {
  t = await startTestApp();
  [gpSystem, socialWorker, commissioner] = await Promise.all([t.signIn('integration'), t.signIn('social_worker'), t.signIn('commissioner')]);
});
afterAll(() => t.close());

const codesOf = (list: { code: string }[]) => list.map((c) => c.code);

describe('GET /api/codes', () => {
  it('gives every signed-in user the coded lists with their words', async () => {
    const res = await socialWorker.get('/api/codes');
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.referralSources).toContainEqual({ code: 'gp', label: 'GP' });
    expect(c.urgencies.map((u: any) => u.label)).toEqual(['Routine', 'Urgent', 'Emergency']);
    expect(c.professions).toContainEqual({ code: 'district_nurse', label: 'District nurse', sector: 'health' });
    expect(c.professions).toContainEqual({ code: 'approved_social_worker', label: 'Approved social worker', sector: 'social_care' });
    expect(c.roles).toContainEqual({ code: 'coordinator', label: 'Health and social care co-ordinator' });
    expect(c.eventOutcomes).toContainEqual({ code: 'NFA: Support declined', label: 'No further action: support declined' });
    // What a co-ordinator may resolve with is a part of the outcomes, no more.
    expect(codesOf(c.frontDoorOutcomes).every((o: string) => codesOf(c.eventOutcomes).includes(o))).toBe(true);
    expect(codesOf(c.frontDoorOutcomes)).not.toContain('Progress to reablement/ST-Max');
    expect(c.units).toContainEqual({ code: 'hour', label: 'Hour', plural: 'hours' });
    expect(c.frequencies).toContainEqual({ code: 'one_off', label: 'Once (one-off)', phrase: 'once' });
    expect(c.timelineSubjects).toContainEqual({ code: 'service_line', label: 'Packages' });
    // The shared assessment's sections in the form's order, the person's own view first and the carers last.
    expect(c.assessmentSections).toHaveLength(9);
    expect(c.assessmentSections[0]).toEqual({ code: 'personsView', label: "The person's own view and goals" });
    expect(c.assessmentSections.at(-1)).toEqual({ code: 'carers', label: "Carers and the carer's own needs" });
    expect(c.delayReasons.find((r: any) => r.code === 'C')).toMatchObject({ label: 'Awaiting further non-acute NHS care (including intermediate care)', attributions: ['nhs'], defaultAttribution: 'nhs' });
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    // Roles that see no person detail read the same lists: there is nothing about a person in them.
    expect((await commissioner.get('/api/codes')).body).toEqual(c);
  });

  it('offers only codes the server accepts: each route of access in the list goes through the front door', async () => {
    const { body: c } = await socialWorker.get('/api/codes');
    for (const [i, route] of codesOf(c.routesOfAccess).entries()) {
      const sent = await gpSystem.post('/api/referrals', {
        person: { givenName: 'Rhoda', familyName: `Routeof${String.fromCharCode(65 + i)}`, birthDate: '1945-05-05', allowPossibleDuplicate: true },
        source: codesOf(c.referralSources)[i % c.referralSources.length],
        routeOfAccess: route,
        reason: 'Checking every route of access the list offers.',
        urgency: codesOf(c.urgencies)[i % c.urgencies.length],
      });
      expect(sent.status, route).toBe(201);
    }
    const refused = await gpSystem.post('/api/referrals', {
      person: { givenName: 'Rhoda', familyName: 'Routeless', birthDate: '1945-05-05', allowPossibleDuplicate: true },
      source: 'gp',
      routeOfAccess: 'By carrier pigeon',
      reason: 'A route the list does not offer.',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field).toBe('routeOfAccess');
  });

  it('answers 401 without a session and 400 naming a query it does not take', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/codes' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toMatch(/Sign in/);
    const odd = await socialWorker.get('/api/codes?list=units');
    expect(odd.status).toBe(400);
    expect(odd.body.details).toEqual([{ field: 'list', problem: 'is not a field this request accepts' }]);
  });
});
