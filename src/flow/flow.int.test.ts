import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { peopleOutOfHospital, type Someone } from './int-support.js';

let t: TestApp;
let trust: Client;
let coordinator: Client;
let finance: Client;
let mrsSmith: { id: string; nhsNumber: string };
/** People nobody holds a relationship with; a person is in one hospital stay at a time, so each test admits its own. */
let out: Someone[];
const someone = () => out.shift()!;
const HOSPITAL = '9SD01';
let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

beforeAll(async () => {
  t = await startTestApp();
  trust = await t.signIn('integration');
  coordinator = await t.signIn('coordinator');
  finance = await t.signIn('finance_officer');
  const found = await coordinator.get('/api/people?q=elsie%20smith');
  const smith = found.body.results.find((p: any) => p.age === 85 && p.familyName === 'Smith');
  mrsSmith = { id: smith.id, nhsNumber: smith.nhsNumber };
  out = await peopleOutOfHospital(t, coordinator.placeId, 40);
});
afterAll(() => t.close());

const admit = (nhsNumber: string, over: Record<string, unknown> = {}) =>
  trust.post('/api/stays', {
    sourceSystem: 'TSDFT-PAS',
    sourceStayId: next('spell'),
    person: { nhsNumber },
    hospital: HOSPITAL,
    ward: 'Ainslie ward',
    admissionMethod: '21',
    at: '2026-10-20T08:00:00Z',
    ...over,
  });
const event = (stayId: string, path: string, body: Record<string, unknown>) => trust.post(`/api/stays/${stayId}/${path}`, { sourceSystem: 'TSDFT-PAS', eventId: next('ev'), ...body });

describe('stays from the acute trust’s system', () => {
  it('admits by NHS number; the same admission again changes nothing', async () => {
    const other = someone();
    const body = { sourceStayId: 'spell-same', eventId: 'adm-same' };
    const first = await admit(other.nhsNumber, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'in_hospital', admissionGroup: 'emergency', personId: other.id, replayed: false, hospital: { odsCode: HOSPITAL } });
    const again = await admit(other.nhsNumber, body);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.events).toHaveLength(1);
    expect(again.body.version).toBe(first.body.version);
  });

  it('ready on pathway 1: a Discharge Ready Date, what is awaited, and one referral at the front door even when the event is sent twice', async () => {
    const stay = (await admit(mrsSmith.nhsNumber)).body;
    const ready = { eventId: 'ready-1', at: '2026-10-25T11:00:00Z', pathway: 1, awaiting: [{ reason: 'E', ownerName: 'Zone 1 team', note: 'Reablement package' }] };
    const r1 = await event(stay.id, 'ready', ready);
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ status: 'ready', dischargeReadyDate: '2026-10-25', pathway: 1 });
    expect(r1.body.awaiting[0]).toMatchObject({ reason: 'E', attribution: 'social_care', ownerName: 'Zone 1 team' });
    expect(r1.body.referralId).toMatch(/^[0-9a-f-]{36}$/);
    const r2 = await event(stay.id, 'ready', ready);
    expect(r2.status).toBe(200);
    expect(r2.body.replayed).toBe(true);
    expect(r2.body.referralId).toBe(r1.body.referralId);
    expect(r2.body.awaiting).toHaveLength(1);
    expect(r2.body.events).toHaveLength(2);

    const d = await event(stay.id, 'discharge', { at: '2026-10-28T15:00:00Z', destination: '19', reablementStart: '2026-10-29' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'discharged', delayDays: 3, dischargeDestination: '19', pathway: 1, reablementStart: '2026-10-29', dischargeReadyDate: '2026-10-25' });
    expect(d.body.awaiting[0].resolvedAt).toBe('2026-10-28T15:00:00.000Z');
  });

  it('a stay ready twice keeps the start of the final period, with the history of each change', async () => {
    const other = someone();
    const stay = (await admit(other.nhsNumber, { at: '2026-10-01T08:00:00Z' })).body;
    await event(stay.id, 'ready', { at: '2026-10-03T10:00:00Z', pathway: 0 });
    const reopened = await event(stay.id, 'not-ready', { at: '2026-10-04T10:00:00Z' });
    expect(reopened.body).toMatchObject({ status: 'in_hospital', dischargeReadyDate: null });
    await event(stay.id, 'ready', { at: '2026-10-06T10:00:00Z', pathway: 0 });
    const d = await event(stay.id, 'discharge', { at: '2026-10-06T16:00:00Z', destination: '19' });
    expect(d.body).toMatchObject({ dischargeReadyDate: '2026-10-06', delayDays: 0, referralId: null });
    expect(d.body.readiness.map((p: any) => [p.readyOn, p.endedBy])).toEqual([
      ['2026-10-03', 'meets_criteria'],
      ['2026-10-06', 'discharged'],
    ]);
    expect(d.body.events.map((e: any) => [e.kind, e.drdBefore, e.drdAfter])).toEqual([
      ['admit', null, null],
      ['not_meeting_criteria', null, '2026-10-03'],
      ['meeting_criteria', '2026-10-03', null],
      ['not_meeting_criteria', null, '2026-10-06'],
      ['discharge', '2026-10-06', '2026-10-06'],
    ]);
  });

  it('a discharge before readiness is no delay', async () => {
    const other = someone();
    const stay = (await admit(other.nhsNumber, { at: '2026-10-10T08:00:00Z', admissionMethod: '12' })).body;
    const d = await event(stay.id, 'discharge', { at: '2026-10-11T12:00:00Z', destination: '19' });
    expect(d.body).toMatchObject({ status: 'discharged', dischargeReadyDate: null, delayDays: 0, admissionGroup: 'elective', pathway: 0 });
  });
});

describe('bad input', () => {
  it('names the field, and writes nothing', async () => {
    const other = someone();
    const unknownHospital = await admit(other.nhsNumber, { hospital: 'XXX' });
    expect(unknownHospital.status).toBe(400);
    expect(unknownHospital.body.details).toEqual([{ field: 'hospital', problem: expect.stringContaining('not a hospital') }]);
    const badMethod = await admit(other.nhsNumber, { admissionMethod: '99' });
    expect(badMethod.status).toBe(400);
    expect(badMethod.body.details[0].field).toBe('admissionMethod');
    const nobody = await admit('9999999999');
    expect(nobody.status).toBe(400);
    expect(nobody.body.details[0].field).toBe('person.nhsNumber');

    const stay = (await admit(other.nhsNumber, { at: '2026-10-15T08:00:00Z' })).body;
    const early = await event(stay.id, 'discharge', { at: '2026-10-14T08:00:00Z', destination: '19' });
    expect(early.status).toBe(400);
    expect(early.body.details[0].field).toBe('at');
    const readyEarly = await event(stay.id, 'ready', { at: '2026-10-14T08:00:00Z', pathway: 1 });
    expect(readyEarly.status).toBe(400);
    const future = await event(stay.id, 'ready', { at: '2026-12-14T08:00:00Z', pathway: 1 });
    expect(future.status).toBe(400);
    expect(future.body.details[0]).toEqual({ field: 'at', problem: expect.stringContaining('in the future') });
    const badCode = await event(stay.id, 'discharge', { at: '2026-10-16T08:00:00Z', destination: '20' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details[0].field).toBe('destination');
    // A reason that the SitRep attributes to the NHS only, sent as social care: refused whole.
    const wrong = await event(stay.id, 'ready', { at: '2026-10-16T08:00:00Z', pathway: 2, awaiting: [{ reason: 'C', attribution: 'social_care' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('awaiting.0.attribution');
    const unchanged = await coordinator.get(`/api/stays/${stay.id}`);
    expect(unchanged.status).toBe(403); // no relationship with this person: the policy holds for stays too
    const asTeam = await t.signIn('team_manager');
    await asTeam.post(`/api/people/${other.id}/break-glass`, { reason: 'Checking a stay in a test of bad input' });
    const view = await asTeam.get(`/api/stays/${stay.id}`);
    expect(view.body).toMatchObject({ status: 'in_hospital', referralId: null, awaiting: [] });
    expect(view.body.events).toHaveLength(1);

    await event(stay.id, 'discharge', { at: '2026-10-17T08:00:00Z', destination: '19' });
    const after = await event(stay.id, 'ward-moves', { at: '2026-10-18T08:00:00Z', ward: 'Cheetham Hill' });
    expect(after.status).toBe(409);
    const outOfOrder = await admit(someone().nhsNumber, { at: '2026-10-20T08:00:00Z' });
    await event(outOfOrder.body.id, 'ward-moves', { at: '2026-10-22T08:00:00Z', ward: 'A' });
    const late = await event(outOfOrder.body.id, 'ward-moves', { at: '2026-10-21T08:00:00Z', ward: 'B' });
    expect(late.status).toBe(409);
    expect(late.body.details[0].field).toBe('at');
    const unknownField = await event(outOfOrder.body.id, 'ward-moves', { at: '2026-10-23T08:00:00Z', ward: 'C', bed: 4 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details[0].field).toBe('bed');
  });

  it('refuses roles that do not record stays', async () => {
    const res = await finance.post('/api/stays', { person: { id: mrsSmith.id }, hospital: HOSPITAL, ward: 'A', admissionMethod: '21', at: '2026-10-20T08:00:00Z' });
    expect(res.status).toBe(403);
  });
});

describe('the discharge board and the measures', () => {
  it('shows the co-ordinator Mrs Smith by name, and a person they have no relationship with without one', async () => {
    const smith = (await admit(mrsSmith.nhsNumber, { at: '2026-10-30T08:00:00Z' })).body;
    await event(smith.id, 'ready', { at: '2026-11-01T10:00:00Z', pathway: 1, awaiting: [{ reason: 'E', ownerName: 'Zone 1 team' }] });
    const stranger = (await admit(someone().nhsNumber, { at: '2026-10-30T08:00:00Z' })).body;
    // Pathway 0 sends no referral, so the front door holds no relationship: the co-ordinator sees no name.
    await event(stranger.id, 'ready', { at: '2026-10-31T10:00:00Z', pathway: 0, awaiting: [{ reason: 'G' }] });

    const board = await coordinator.get('/api/flow/board');
    expect(board.status).toBe(200);
    const mine = board.body.rows.find((r: any) => r.stayId === smith.id);
    expect(mine).toMatchObject({ personId: mrsSmith.id, name: expect.stringContaining('Smith'), daysDelayed: 1, pathway: 1 });
    expect(mine.awaiting[0]).toMatchObject({ reason: 'E', ownerName: 'Zone 1 team', attributionLabel: 'Social care' });
    const theirs = board.body.rows.find((r: any) => r.stayId === stranger.id);
    expect(theirs).toMatchObject({ personId: null, name: null, daysDelayed: 2 });
    const days = board.body.rows.map((r: any) => r.daysDelayed);
    expect([...days].sort((a, b) => b - a)).toEqual(days);
    const pathway0 = await coordinator.get('/api/flow/board?pathway=0');
    expect(pathway0.body.rows.length).toBeGreaterThan(0);
    expect(pathway0.body.rows.every((r: any) => r.pathway === 0)).toBe(true);
    const badZone = await coordinator.get('/api/flow/board?zone=Z9');
    expect(badZone.status).toBe(400);
    expect(badZone.body.details[0].field).toBe('zone');
    expect((await finance.get('/api/flow/board')).status).toBe(403);
    expect((await trust.get('/api/flow/board')).status).toBe(403);

    // Mrs Smith goes home the next day: one delayed day, awaiting a package of care, social care's.
    t.clock.set(new Date('2026-11-02T15:00:00Z'));
    await event(smith.id, 'discharge', { at: '2026-11-02T14:00:00Z', destination: '19', reablementStart: '2026-11-03' });
    const measures = await finance.get('/api/flow/measures?from=2026-11&to=2026-11');
    expect(measures.status).toBe(200);
    expect(measures.body.delayedDays).toContainEqual(expect.objectContaining({ month: '2026-11', reason: 'E', attribution: 'social_care', days: 1 }));
    const csv = await finance.get('/api/flow/measures.csv?measure=delayed-days&from=2026-11&to=2026-11');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('2026-11,social_care,Social care,E,Awaiting care package in own home,1');
    const october = await finance.get('/api/flow/measures?from=2026-10&to=2026-10');
    expect(october.body.dischargeReadyDate[0].discharged).toBeGreaterThanOrEqual(3);
    expect(october.body.emergency.find((e: any) => e.ageBand === '85+').population).toBeGreaterThan(0);
    expect(october.body.occupiedBeds.length).toBeGreaterThan(0);
    expect((await trust.get('/api/flow/measures')).status).toBe(403);
    t.clock.set(new Date('2026-11-02T09:30:00Z'));
  });

  it('counts an emergency admission of someone older that begins and ends on the first of a month', async () => {
    const older = out.find((p) => p.birthDate <= '1956-10-01')!;
    out.splice(out.indexOf(older), 1);
    const admissions65 = async () => (await finance.get('/api/flow/measures?from=2026-10&to=2026-10')).body.emergency.find((e: any) => e.ageBand === '65+').admissions;
    const before = await admissions65();
    const stay = await admit(older.nhsNumber, { at: '2026-10-01T08:00:00Z' });
    expect(stay.status).toBe(201);
    expect((await event(stay.body.id, 'discharge', { at: '2026-10-01T16:00:00Z', destination: '19' })).status).toBe(200);
    expect(await admissions65()).toBe(before + 1);
  });

  it('lists a person’s stays through the access policy', async () => {
    const mine = await coordinator.get(`/api/people/${mrsSmith.id}/stays`);
    expect(mine.status).toBe(200);
    expect(mine.body.stays.length).toBeGreaterThanOrEqual(2);
    expect((await finance.get(`/api/people/${mrsSmith.id}/stays`)).status).toBe(403);
    const timeline = await coordinator.get(`/api/people/${mrsSmith.id}/timeline`);
    expect(timeline.status).toBe(200);
    const hospital = timeline.body.items.filter((i: any) => i.kind === 'hospital');
    expect(hospital.map((i: any) => i.action)).toContain('stay.discharge');
    expect(hospital.find((i: any) => i.action === 'stay.admit').summary).toContain('Admitted to Torbay Hospital');
    expect(timeline.body.items.some((i: any) => i.kind === 'referral')).toBe(true);
  });
});

describe('one hospital stay at a time', () => {
  it('refuses an admission while the person is in hospital, or inside a stay discharged later, with 409 and the stay it clashes with', async () => {
    const p = someone();
    const first = await admit(p.nhsNumber, { sourceStayId: 'spell-one', at: '2026-10-10T08:00:00Z' });
    expect(first.status).toBe(201);
    // The same stay again is not an overlap: it is the same stay.
    const same = await admit(p.nhsNumber, { sourceStayId: 'spell-one', at: '2026-10-10T08:00:00Z' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: first.body.id, replayed: true });

    const whileIn = await admit(p.nhsNumber, { sourceStayId: 'spell-two', at: '2026-10-12T08:00:00Z', hospital: '9SD01', ward: 'Dunlop' });
    expect(whileIn.status).toBe(409);
    expect(whileIn.body.error).toBe('conflict');
    expect(whileIn.body.details).toEqual([
      { field: 'person.nhsNumber', problem: expect.stringMatching(/^is in hospital already \(stay spell-one from TSDFT-PAS at Torbay Hospital, admitted 2026-10-10T08:00:00.000Z, not discharged\): a person is in one hospital stay at a time/) },
    ]);
    // By person id, the field named is the one sent.
    const byId = await trust.post('/api/stays', { sourceSystem: 'OTHER-PAS', sourceStayId: 'x-1', person: { id: p.id }, hospital: HOSPITAL, ward: 'A', admissionMethod: '21', at: '2026-10-12T09:00:00Z' });
    expect(byId.status).toBe(409);
    expect(byId.body.details[0].field).toBe('person.id');

    await event(first.body.id, 'discharge', { at: '2026-10-15T12:00:00Z', destination: '19' });
    const inside = await admit(p.nhsNumber, { sourceStayId: 'spell-two', at: '2026-10-14T08:00:00Z' });
    expect(inside.status).toBe(409);
    expect(inside.body.details[0]).toEqual({ field: 'at', problem: expect.stringContaining('falls within another stay of the person (stay spell-one from TSDFT-PAS at Torbay Hospital, admitted 2026-10-10T08:00:00.000Z, discharged 2026-10-15T12:00:00.000Z)') });
    // A transfer: admitted at the instant of the discharge. The refusals kept nothing, so this is a new admission, not a replay.
    const transfer = await admit(p.nhsNumber, { sourceStayId: 'spell-two', at: '2026-10-15T12:00:00Z', admissionMethod: '2B' });
    expect(transfer.status).toBe(201);
    expect(transfer.body.events).toHaveLength(1);
  });
});

describe('ward history', () => {
  it('counts each night on the ward the person was on, not the stay’s last ward', async () => {
    const p = someone();
    const stay = (await admit(p.nhsNumber, { ward: 'Test ward North', at: '2026-10-05T10:00:00Z' })).body;
    const moved = await event(stay.id, 'ward-moves', { ward: 'Test ward South', at: '2026-10-07T15:00:00Z' });
    expect(moved.status).toBe(200);
    expect(moved.body.ward).toBe('Test ward South');
    const done = await event(stay.id, 'discharge', { at: '2026-10-10T11:00:00Z', destination: '19' });
    expect(done.body.wards).toEqual([
      { ward: 'Test ward North', from: '2026-10-05T10:00:00.000Z', to: '2026-10-07T15:00:00.000Z' },
      { ward: 'Test ward South', from: '2026-10-07T15:00:00.000Z', to: '2026-10-10T11:00:00.000Z' },
    ]);
    // A stay that never moved spends every night on its one ward.
    const still = (await admit(someone().nhsNumber, { ward: 'Test ward Still', at: '2026-10-02T09:00:00Z' })).body;
    const home = await event(still.id, 'discharge', { at: '2026-10-04T12:00:00Z', destination: '19' });
    expect(home.body.wards).toEqual([{ ward: 'Test ward Still', from: '2026-10-02T09:00:00.000Z', to: '2026-10-04T12:00:00.000Z' }]);
    // Across a month end, and still in hospital: the nights to today (1 and 2 November) count on the ward of that night,
    // and the mean is over the two days of November so far.
    const q = someone();
    const open = (await admit(q.nhsNumber, { ward: 'Test ward East', at: '2026-10-30T20:00:00Z' })).body;
    await event(open.id, 'ward-moves', { ward: 'Test ward West', at: '2026-11-01T09:00:00Z' });

    const beds = async (month: string) => (await finance.get(`/api/flow/measures?from=${month}&to=${month}`)).body.occupiedBeds.filter((r: any) => r.ward.startsWith('Test ward'));
    // Midnights of 5 and 6 October on North; of 7, 8 and 9 October on South.
    expect(await beds('2026-10')).toEqual([
      { month: '2026-10', hospital: 'Torbay Hospital', ward: 'Test ward East', bedDays: 2, meanOccupiedBeds: 0.1 },
      { month: '2026-10', hospital: 'Torbay Hospital', ward: 'Test ward North', bedDays: 2, meanOccupiedBeds: 0.1 },
      { month: '2026-10', hospital: 'Torbay Hospital', ward: 'Test ward South', bedDays: 3, meanOccupiedBeds: 0.1 },
      { month: '2026-10', hospital: 'Torbay Hospital', ward: 'Test ward Still', bedDays: 2, meanOccupiedBeds: 0.1 },
    ]);
    expect(await beds('2026-11')).toEqual([{ month: '2026-11', hospital: 'Torbay Hospital', ward: 'Test ward West', bedDays: 2, meanOccupiedBeds: 1 }]);
  });

  it('moves the nights of a ward move and a discharge sent days late to the ward and months they happened in', async () => {
    const stay = (await admit(someone().nhsNumber, { ward: 'Late ward A', at: '2026-09-28T10:00:00Z' })).body;
    const beds = async (month: string) =>
      (await finance.get(`/api/flow/measures?from=${month}&to=${month}`)).body.occupiedBeds.filter((r: any) => r.ward.startsWith('Late ward')).map((r: any) => [r.ward, r.bedDays]);
    // Nothing else heard: in hospital on ward A every night from 28 September to today (2 November).
    expect(await beds('2026-09')).toEqual([['Late ward A', 3]]);
    expect(await beds('2026-10')).toEqual([['Late ward A', 31]]);
    // Today the ward sends that the person moved to ward B on 29 September and went home on 3 October.
    expect((await event(stay.id, 'ward-moves', { ward: 'Late ward B', at: '2026-09-29T16:00:00Z' })).status).toBe(200);
    expect(await beds('2026-09')).toEqual([['Late ward A', 1], ['Late ward B', 2]]);
    expect(await beds('2026-10')).toEqual([['Late ward B', 31]]);
    expect((await event(stay.id, 'discharge', { at: '2026-10-03T11:00:00Z', destination: '19' })).status).toBe(200);
    expect(await beds('2026-09')).toEqual([['Late ward A', 1], ['Late ward B', 2]]);
    expect(await beds('2026-10')).toEqual([['Late ward B', 2]]);
    expect(await beds('2026-11')).toEqual([]);
  });
});

describe('the daily feed (caretrust import stays)', () => {
  it('applies good rows, reports bad ones by line and reason, and changes nothing when sent again', async () => {
    const { importStays } = await import('./import.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'stays.csv');
    const [other, another] = [someone(), someone()];
    const rows = [
      'source_system,event_id,stay_id,kind,at,nhs_number,hospital,ward,admission_method,pathway,destination,reason,attribution,owner,reablement_start',
      `FEED,e1,s1,admit,2026-09-01T08:00:00Z,${other.nhsNumber},${HOSPITAL},Ward A,21,,,,,,`,
      'FEED,e2,s1,ready,2026-09-03T10:00:00Z,,,,,2,,Di,,Care home team,',
      'FEED,e3,s1,discharge,2026-09-05T12:00:00Z,,,,,2,85,,,,',
      `FEED,e4,s2,admit,2026-09-01T08:00:00Z,${other.nhsNumber},${HOSPITAL},Ward B,77,,,,,,`, // bad method
      'FEED,e5,s2,ready,2026-09-02T08:00:00Z,,,,,1,,,,,', // follows the rejected admission
      `FEED,e6,s3,admit,2026-09-01T08:00:00Z,${another.nhsNumber},${HOSPITAL},Ward C,22,,,,,,`,
      'FEED,e7,s3,discharge,2026-08-30T08:00:00Z,,,,,,19,,,,', // before admission
      'FEED,e8,s3,discharge,2026-09-02T08:00:00Z,,,,,,19,,,,', // follows line 8
      'FEED,e9,s4,ready,not-a-time,,,,,1,,,,,',
    ];
    fs.writeFileSync(file, rows.join('\n') + '\n');
    const first = await importStays(t.database.db, coordinator.placeId, file, { chunkSize: 3 });
    expect(first.rows).toBe(9);
    expect(first.applied).toBe(4);
    expect(first.rejected).toEqual([
      { line: 5, field: 'admission_method', problem: expect.any(String) },
      { line: 6, field: 'stay_id', problem: 'follows line 5, which was rejected for the same stay' },
      { line: 8, field: 'at', problem: expect.stringContaining('before the admission') },
      { line: 9, field: 'stay_id', problem: 'follows line 8, which was rejected for the same stay' },
      { line: 10, field: 'at', problem: expect.any(String) },
    ]);
    const again = await importStays(t.database.db, coordinator.placeId, file);
    expect(again.applied).toBe(0);
    expect(again.replayed).toBe(4);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
