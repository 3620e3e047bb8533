import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, sql } from '../platform/db.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { deliveredHundredths } from './delivery-service.js';
import { approvedLines, homeCareLine, signInAll } from './portal-test-support.js';

let t: TestApp;
let as: Awaited<ReturnType<typeof signInAll>>;
let provider: Client;
let bayside: string;
let coastline: string;
let setup: Awaited<ReturnType<typeof approvedLines>>;
/** The person's placements as the social worker sees them, by line id. */
const placementsOf = async (personId: string) => (await as.social_worker!.get(`/api/commissioning/placements?personId=${personId}`)).body.placements as any[];
const csv = (c: Client, text: string) => c.request('POST', '/api/portal/deliveries/ecm', text, { 'content-type': 'text/csv' });

beforeAll(async () => {
  t = await startTestApp();
  as = await signInAll(t);
  provider = as.provider_staff!;
  bayside = as.providers['Bayside Home Care Ltd']!;
  coastline = as.providers['Coastline Reablement Services']!;
  setup = await approvedLines(t, as, 'Portalby', [
    homeCareLine(bayside),
    homeCareLine(bayside, { component: 'Reablement', serviceType: 'Short term support: ST-Max', quantity: 5 }),
    homeCareLine(coastline, { quantity: 3 }),
  ]);
});
afterAll(() => t.close());

describe('placements', () => {
  it('offers each approved line to its provider, and the provider sees only its own', async () => {
    const placements = await placementsOf(setup.person.id);
    expect(placements.map((p) => [p.serviceLineId, p.provider.id, p.status]).sort()).toEqual(
      setup.lines.map((l) => [l.id, l.provider.id, 'offered']).sort(),
    );
    const mine = (await provider.get('/api/portal/placements?status=offered&limit=500')).body.placements.filter((p: any) => p.person.name === 'Edna Portalby');
    expect(mine).toHaveLength(2);
    expect(mine[0].person).toEqual({ name: 'Edna Portalby', postcode: 'TQ4 6AA' });
  });

  it('shows the provider what to deliver and to whom, with exactly the minimum of the record', async () => {
    const p = (await placementsOf(setup.person.id)).find((x) => x.serviceLineId === setup.lines[0]!.id);
    const res = await provider.get(`/api/portal/placements/${p.id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['declineReason', 'deliveries', 'endedOn', 'id', 'offeredAt', 'person', 'respondedAt', 'service', 'startedOn', 'status', 'version']);
    expect(res.body.person).toEqual({ name: 'Edna Portalby', addressLine: '7 Quayside Row', postcode: 'TQ4 6AA', phone: '01803 555123' });
    expect(res.body.service).toEqual({ serviceType: 'Long term support: Community', component: 'Home support or domiciliary care', unit: 'hour', quantity: 7, frequency: 'per_week', plannedStart: '2026-11-02', plannedEnd: null });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(setup.person.nhsNumber);
    expect(text).not.toContain('1938-04-04');
    const [entry] = await rowsOf<{ person_ids: string[]; user_id: string }>(
      t.database.db,
      sql`select person_ids, user_id from audit_entry where action = 'portal.placement_read' and detail->>'placementId' = ${p.id}`,
    );
    expect(entry).toEqual({ person_ids: [setup.person.id], user_id: provider.user.id });
  });

  it('answers another provider’s placement 404 without confirming it exists, audited as denied', async () => {
    const other = (await placementsOf(setup.person.id)).find((x) => x.provider.id === coastline);
    for (const res of [
      await provider.get(`/api/portal/placements/${other.id}`),
      await provider.post(`/api/portal/placements/${other.id}/accept`, { version: 1 }),
      await provider.post(`/api/portal/placements/${other.id}/deliveries`, { deliveredOn: '2026-11-02', quantity: 1 }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('You have no placement with this id.');
    }
    const denied = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_entry where outcome = 'denied' and reason = 'not_this_provider' and detail->>'placementId' = ${other.id}`);
    expect(denied[0]!.n).toBe(3);
    expect((await provider.get('/api/portal/placements/0190a3c5-0000-7000-8000-00000000beef')).status).toBe(404);
  });

  it('keeps the rest of the record from provider staff', async () => {
    for (const url of ['/api/people?q=portalby', `/api/people/${setup.person.id}`, `/api/plans/${setup.planId}`, '/api/commissioning/placements']) {
      expect((await provider.get(url)).status, url).toBe(403);
    }
    expect((await as.nurse!.get('/api/portal/placements')).status).toBe(403);
  });
});

describe('accepting, confirming the start, recording care', () => {
  let id: string;
  beforeAll(async () => {
    id = (await placementsOf(setup.person.id)).find((x) => x.serviceLineId === setup.lines[0]!.id).id;
  });

  it('accepts an offer, then confirms the start: the line is in place from the day the provider gives', async () => {
    expect((await provider.post(`/api/portal/placements/${id}/start`, { startedOn: '2026-11-02', version: 1 })).status).toBe(409);
    const accepted = await provider.post(`/api/portal/placements/${id}/accept`, { version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await provider.post(`/api/portal/placements/${id}/decline`, { reason: 'x', version: accepted.body.version })).status).toBe(409);
    const future = await provider.post(`/api/portal/placements/${id}/start`, { startedOn: '2026-11-09', version: accepted.body.version });
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([{ field: 'startedOn', problem: 'must not be after today (2026-11-02)' }]);
    const started = await provider.post(`/api/portal/placements/${id}/start`, { startedOn: '2026-11-02', version: accepted.body.version });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'started', startedOn: '2026-11-02' });
    const plan = await as.social_worker!.get(`/api/plans/${setup.planId}`);
    expect(plan.body.lines.find((l: any) => l.id === setup.lines[0]!.id)).toMatchObject({ status: 'in_place', startedOn: '2026-11-02' });
    const [entry] = await rowsOf<{ user_id: string; person_ids: string[]; via: string }>(
      t.database.db,
      sql`select user_id, person_ids, detail->>'via' as via from audit_entry where action = 'service_line.start' and detail->>'lineId' = ${setup.lines[0]!.id}`,
    );
    expect(entry).toEqual({ user_id: provider.user.id, person_ids: [setup.person.id], via: 'placement' });
  });

  it('records hours delivered, refusing what cannot be true', async () => {
    const post = (body: unknown) => provider.post(`/api/portal/placements/${id}/deliveries`, body);
    expect((await post({ deliveredOn: '2026-11-02', quantity: -1 })).body.details).toEqual([{ field: 'quantity', problem: 'must be more than 0' }]);
    expect((await post({ deliveredOn: '2026-11-02', quantity: 0 })).status).toBe(400);
    expect((await post({ deliveredOn: '2026-11-01', quantity: 1 })).body.details).toEqual([{ field: 'deliveredOn', problem: 'must not be before 2026-11-02, when care started' }]);
    expect((await post({ deliveredOn: '2026-11-02', quantity: 25 })).body.details).toEqual([{ field: 'quantity', problem: 'would make more than 24 hours on 2026-11-02' }]);
    const ok = await post({ deliveredOn: '2026-11-02', quantity: 3.5 });
    expect(ok.status).toBe(201);
    expect(ok.body.deliveries).toEqual([{ deliveredOn: '2026-11-02', quantity: 3.5, source: 'form' }]);
    expect((await post({ deliveredOn: '2026-11-02', quantity: 21 })).body.details).toEqual([{ field: 'quantity', problem: 'would make more than 24 hours on 2026-11-02 (3.5 already recorded)' }]);
  });

  it('takes visits from a call-monitoring file, lists the rejected rows by line, and records nothing twice', async () => {
    const file = [
      'visit_id,placement_ref,date,start_time,end_time,duration_minutes,carer_count',
      `V-1,${id},2026-11-02,07:30,08:15,,1`,
      `V-2,${setup.lines[0]!.id},2026-11-02,12:00,,30,2`,
      `V-3,${id},02/11/2026,17:00,17:30,,1`,
      `V-4,0190a3c5-0000-7000-8000-00000000beef,2026-11-02,17:00,17:30,,1`,
      `V-1,${id},2026-11-02,19:00,19:30,,1`,
      `V-5,${id},2026-11-02,19:00,19:30,,0`,
    ].join('\n');
    const res = await csv(provider, file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rowsRead: 6, recorded: 2, alreadyRecorded: 0 });
    expect(res.body.rejected.map((r: any) => [r.line, r.field])).toEqual([
      [4, 'date'],
      [5, 'placement_ref'],
      [6, 'visit_id'],
      [7, 'carer_count'],
    ]);
    const again = await csv(provider, file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recorded: 0, alreadyRecorded: 2 });
    // 3.5 hours by form, 45 and 30 minutes from the file.
    expect(await deliveredHundredths(t.database.db, provider.placeId, setup.lines[0]!.id, '2026-11-01', '2026-11-30')).toBe(350 + 75 + 50);
    const header = await csv(provider, 'visit,placement_ref\nx,y');
    expect(header.status).toBe(400);
    expect(header.body.details).toContainEqual({ field: 'columns.visit_id', problem: 'is missing' });
  });
});

describe('declining and offering elsewhere', () => {
  it('takes a decline with its reason; staff offer the line to another provider as a new version of the line', async () => {
    const p = (await placementsOf(setup.person.id)).find((x) => x.serviceLineId === setup.lines[1]!.id);
    expect((await provider.post(`/api/portal/placements/${p.id}/decline`, { reason: '  ', version: 1 })).status).toBe(400);
    const declined = await provider.post(`/api/portal/placements/${p.id}/decline`, { reason: 'No carers free in Paignton', version: 1 });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'No carers free in Paignton' });
    // A declined offer leaves the provider's portal.
    expect((await provider.get(`/api/portal/placements/${p.id}`)).status).toBe(404);
    const listed = await as.commissioner!.get('/api/commissioning/placements?status=declined');
    expect(listed.body.placements.map((x: any) => x.id)).toContain(p.id);
    const reoffer = await as.commissioner!.post(`/api/commissioning/placements/${p.id}/reoffer`, { providerPartnerId: coastline, reason: 'Coastline has carers in Paignton' });
    expect(reoffer.status).toBe(201);
    expect(reoffer.body).toMatchObject({ status: 'offered', provider: { id: coastline, name: 'Coastline Reablement Services' }, serviceLineId: setup.lines[1]!.id });
    const history = await as.social_worker!.get(`/api/service-lines/${setup.lines[1]!.id}/versions`);
    expect(history.body.versions.map((v: any) => v.change)).toEqual(['proposed', 'approved', 'provider_changed']);
    const plan = await as.social_worker!.get(`/api/plans/${setup.planId}`);
    expect(plan.body.lines.find((l: any) => l.id === setup.lines[1]!.id).provider.id).toBe(coastline);
    expect((await as.commissioner!.post(`/api/commissioning/placements/${p.id}/reoffer`, { providerPartnerId: bayside, reason: 'again' })).status).toBe(409);
    const withdrawn = await as.commissioner!.post(`/api/commissioning/placements/${reoffer.body.id}/withdraw`, { reason: 'Family will arrange', version: reoffer.body.version });
    expect(withdrawn.body.status).toBe('withdrawn');
  });
});
