import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { completedEligibleAssessment, personOnTeamCaseload } from '../pathway/assessments/int-support.js';

/**
 * Hospital flow and packages, both ways: a stay waiting for a package shows the one agreed for
 * it, and is met when that service starts.
 */
let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let bayside: string;
let seq = 0;
const next = (prefix: string) => `${prefix}-pkg-${++seq}`;

async function signInAll() {
  for (const role of ['integration', 'nurse', 'social_worker', 'team_manager', 'auditor'] as Role[]) as[role] = await t.signIn(role);
}

beforeAll(async () => {
  t = await startTestApp();
  await signInAll();
  const place = await who('social_worker').get('/api/place');
  bayside = place.body.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id;
});
afterAll(() => t.close());

const needs = [{ need: 'Cannot wash or dress without help since the fall', outcome: 'To wash and dress every morning and stay at home', careActOutcome: 'personalHygiene' }];

const line = (component: string, serviceType: string, plannedStart: string) => ({
  serviceType,
  component,
  providerPartnerId: bayside,
  deliveryMechanism: 'CASSR commissioned support',
  unit: component === 'Home support or domiciliary care' ? 'hour' : 'week',
  quantity: component === 'Home support or domiciliary care' ? 10 : 1,
  frequency: 'per_week',
  unitCostPence: component === 'Home support or domiciliary care' ? 1636 : 60_000,
  plannedStart,
});
const homeCare = (plannedStart: string) => line('Home support or domiciliary care', 'Long term support: Community', plannedStart);
const residential = (plannedStart: string) => line('Long term residential care', 'Long term support: Residential care', plannedStart);

/** A person on the zone team's caseload with an eligible assessment and a plan, in hospital and ready on `pathway`, awaiting `reason` (E: a package at home). */
async function readyAndPlanned(reason: string, pathway: number) {
  const person = await personOnTeamCaseload(t, who('nurse'));
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs });
  expect(plan.status).toBe(201);
  const stay = await who('integration').post('/api/stays', {
    sourceSystem: 'TSDFT-PAS',
    sourceStayId: next('spell'),
    person: { id: person.id },
    hospital: '9SD01',
    ward: 'Ainslie ward',
    admissionMethod: '21',
    at: '2026-10-28T08:00:00Z',
  });
  expect(stay.status).toBe(201);
  const ready = await who('integration').post(`/api/stays/${stay.body.id}/ready`, {
    sourceSystem: 'TSDFT-PAS',
    eventId: next('ready'),
    at: '2026-10-30T11:00:00Z',
    pathway,
    awaiting: [{ reason, ownerName: 'Zone 1 team' }],
  });
  expect(ready.status).toBe(200);
  return { personId: person.id, plan: plan.body, stayId: stay.body.id as string };
}

const boardRow = async (stayId: string) => (await who('social_worker').get('/api/flow/board?limit=500')).body.rows.find((r: any) => r.stayId === stayId);
const stayOf = async (stayId: string) => (await who('social_worker').get(`/api/stays/${stayId}`)).body;

/** Delayed days by month, reason and attribution in October and November 2026, for the place. */
async function delayedDays(): Promise<Record<string, number>> {
  const m = await who('team_manager').get('/api/flow/measures?from=2026-10&to=2026-11');
  expect(m.status).toBe(200);
  return Object.fromEntries(m.body.delayedDays.map((d: any) => [`${d.month} ${d.reason} ${d.attribution}`, d.days]));
}
const grew = (before: Record<string, number>, after: Record<string, number>, key: string) => (after[key] ?? 0) - (before[key] ?? 0);

describe('a stay awaiting a package, and the package agreed for it', () => {
  it('ready awaiting home care → home care agreed with Bayside to start 6 November → the board and the stay show it → started → met that day, its delay stops, the board no longer lists it', async () => {
    const { personId, plan, stayId } = await readyAndPlanned('E', 1);
    const care = await who('social_worker').post(`/api/plans/${plan.id}/lines`, homeCare('2026-11-06'));
    expect(care.status).toBe(201);
    // Proposed is not agreed: nothing is shown yet.
    expect((await boardRow(stayId)).awaiting[0].package).toBeNull();

    const approved = await who('team_manager').post(`/api/service-lines/${care.body.id}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    const row = await boardRow(stayId);
    expect(row.awaiting).toHaveLength(1);
    expect(row.awaiting[0]).toMatchObject({
      reason: 'E',
      daysAwaited: 3,
      package: { planId: plan.id, serviceLineId: care.body.id, provider: { id: bayside, name: 'Bayside Home Care Ltd' }, plannedStart: '2026-11-06', status: 'approved', metOn: null },
    });
    const onRecord = (await who('social_worker').get(`/api/people/${personId}/stays`)).body.stays.find((s: any) => s.id === stayId);
    expect(onRecord.awaiting[0].package).toMatchObject({ planId: plan.id, provider: { name: 'Bayside Home Care Ltd' }, plannedStart: '2026-11-06', status: 'approved' });
    expect(onRecord.events.at(-1)).toMatchObject({ kind: 'package', detail: { step: 'approved', lineId: care.body.id } });

    const before = await delayedDays();
    // Four days on, the home care starts.
    t.clock.advance(4 * 86_400_000);
    await signInAll();
    const started = await who('social_worker').post(`/api/service-lines/${care.body.id}/start`, { startedOn: '2026-11-06', version: 2 });
    expect(started.status).toBe(200);
    const met = (await stayOf(stayId)).awaiting[0];
    expect(met.resolvedAt).toBe(t.clock.now().toISOString());
    expect(met.package).toMatchObject({ status: 'in_place', metOn: '2026-11-06', serviceLineId: care.body.id });
    // Still in hospital and ready, but no longer listed as waiting for the package.
    const after = await boardRow(stayId);
    expect(after).toBeDefined();
    expect(after.awaiting.filter((a: any) => a.reason === 'E')).toEqual([]);

    // A hospital event sent late for earlier today is not refused because the package started after it.
    const moved = await who('integration').post(`/api/stays/${stayId}/ward-moves`, { sourceSystem: 'TSDFT-PAS', eventId: next('move'), at: '2026-11-06T08:00:00Z', ward: 'Discharge lounge' });
    expect(moved.status).toBe(200);

    // Discharged two days later: the days before the start are the package's (social care), the days since are not.
    t.clock.advance(2 * 86_400_000);
    await signInAll();
    const out = await who('integration').post(`/api/stays/${stayId}/discharge`, { sourceSystem: 'TSDFT-PAS', eventId: next('out'), at: '2026-11-08T09:00:00Z', destination: '19' });
    expect(out.status).toBe(200);
    expect(out.body.delayDays).toBe(9);
    expect(out.body.awaiting[0].resolvedAt).toBe(met.resolvedAt);
    const delayed = await delayedDays();
    expect(grew(before, delayed, '2026-10 E social_care')).toBe(2);
    expect(grew(before, delayed, '2026-11 E social_care')).toBe(5);
    expect(grew(before, delayed, '2026-11 O nhs')).toBe(2);

    const audit = await who('auditor').get(`/api/audit?personId=${personId}&limit=200`);
    const actions = audit.body.entries.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['stay.package_agreed', 'stay.awaited_met']));
    const timeline = await who('social_worker').get(`/api/people/${personId}/timeline`);
    expect(timeline.body.items.map((e: any) => e.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^No longer waiting for: awaiting care package in own home — Home support or domiciliary care from Bayside Home Care Ltd started 2026-11-06/)]));
  });

  it('a residential place agreed then cancelled: the stay shows it will not start and still waits; a line of another kind is not linked', async () => {
    const { plan, stayId } = await readyAndPlanned('Di', 3);
    const care = await who('social_worker').post(`/api/plans/${plan.id}/lines`, homeCare('2026-11-09'));
    await who('team_manager').post(`/api/service-lines/${care.body.id}/approve`, { version: 1 });
    expect((await boardRow(stayId)).awaiting[0].package).toBeNull();

    const home = await who('social_worker').post(`/api/plans/${plan.id}/lines`, residential('2026-11-10'));
    expect((await who('team_manager').post(`/api/service-lines/${home.body.id}/approve`, { version: 1 })).status).toBe(200);
    expect((await boardRow(stayId)).awaiting[0].package).toMatchObject({ serviceLineId: home.body.id, status: 'approved', plannedStart: '2026-11-10' });

    const cancelled = await who('social_worker').post(`/api/service-lines/${home.body.id}/cancel`, { reason: 'The care home withdrew the offer of a place', version: 2 });
    expect(cancelled.status).toBe(200);
    const item = (await boardRow(stayId)).awaiting[0];
    expect(item).toMatchObject({ reason: 'Di', package: { status: 'cancelled', statusLabel: 'Cancelled: will not start', serviceLineId: home.body.id } });
    expect((await stayOf(stayId)).awaiting[0].resolvedAt).toBeNull();

    // Another placement agreed takes the cancelled one's place.
    const again = await who('social_worker').post(`/api/plans/${plan.id}/lines`, residential('2026-11-12'));
    await who('team_manager').post(`/api/service-lines/${again.body.id}/approve`, { version: 1 });
    expect((await boardRow(stayId)).awaiting[0].package).toMatchObject({ serviceLineId: again.body.id, status: 'approved', plannedStart: '2026-11-12' });
  });

  it('bad input is refused with 4xx and leaves the awaited item as it was', async () => {
    const { plan, stayId } = await readyAndPlanned('E', 1);
    const care = await who('social_worker').post(`/api/plans/${plan.id}/lines`, homeCare(new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10)));
    await who('team_manager').post(`/api/service-lines/${care.body.id}/approve`, { version: 1 });
    const start = (body: Record<string, unknown>) => who('social_worker').post(`/api/service-lines/${care.body.id}/start`, body);

    const notADate = await start({ startedOn: '6 November', version: 2 });
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body)).toMatch(/startedOn/);
    const tomorrow = await start({ startedOn: new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10), version: 2 });
    expect(tomorrow.status).toBe(400);
    expect(JSON.stringify(tomorrow.body)).toMatch(/startedOn/);
    const stale = await start({ startedOn: new Date(t.clock.now().getTime()).toISOString().slice(0, 10), version: 1 });
    expect(stale.status).toBe(409);
    const noSuchLine = await who('social_worker').post('/api/service-lines/not-a-line/start', { startedOn: '2026-11-06', version: 2 });
    expect(noSuchLine.status).toBe(400);

    const item = (await stayOf(stayId)).awaiting[0];
    expect(item.resolvedAt).toBeNull();
    expect(item.package).toMatchObject({ status: 'approved', metOn: null });
  });
});
