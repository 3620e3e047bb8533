import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { importStays } from './import.js';
import { feedFile, peopleOutOfHospital, type Someone } from './int-support.js';

// The acute trust's daily feed, set by set: what a person would notice is that it follows the
// same rules as the events sent one at a time over HTTP.
let t: TestApp;
let trust: Client;
let coordinator: Client;
let auditor: Client;
let out: Someone[];
const someone = () => out.shift()!;
const HOSPITAL = '9SD01';

beforeAll(async () => {
  t = await startTestApp();
  [trust, coordinator, auditor] = await Promise.all([t.signIn('integration'), t.signIn('coordinator'), t.signIn('auditor')]);
  out = await peopleOutOfHospital(t, coordinator.placeId, 12);
});
afterAll(() => t.close());

const feed = (rows: Parameters<typeof feedFile>[0], chunkSize?: number) => {
  const f = feedFile(rows);
  return importStays(t.database.db, coordinator.placeId, f.file, chunkSize ? { chunkSize } : {}).finally(f.remove);
};
const admitRow = (stay: string, id: string, at: string, p: Someone, ward = 'Ward A') =>
  ({ source_system: 'FEED', event_id: id, stay_id: stay, kind: 'admit', at, nhs_number: p.nhsNumber, hospital: HOSPITAL, ward, admission_method: '21' }) as const;

describe('one stay at a time in the feed', () => {
  it('rejects an overlapping admission with its line and reason, and imports the rest', async () => {
    const [p, q] = [someone(), someone()];
    const rows = [
      admitRow('o10', 'o1', '2026-09-10T08:00:00Z', p), // line 2
      admitRow('o11', 'o2', '2026-09-10T08:00:00Z', q), // line 3
      admitRow('o12', 'o3', '2026-09-11T08:00:00Z', p), // line 4: p is in hospital on o10
      { source_system: 'FEED', event_id: 'o4', stay_id: 'o12', kind: 'ready', at: '2026-09-11T12:00:00Z', pathway: '0' }, // line 5: follows line 4
      { source_system: 'FEED', event_id: 'o5', stay_id: 'o10', kind: 'discharge', at: '2026-09-12T10:00:00Z', destination: '19' }, // line 6
      admitRow('o13', 'o6', '2026-09-12T09:00:00Z', p), // line 7: before o10's discharge
      admitRow('o14', 'o7', '2026-09-12T10:00:00Z', p), // line 8: at the discharge, a transfer
      { source_system: 'FEED', event_id: 'o8', stay_id: 'o11', kind: 'discharge', at: '2026-09-13T10:00:00Z', destination: '19' }, // line 9
    ];
    // Chunks of three: the overlap is found within a chunk (line 4) and against a stay a chunk before discharged (line 7).
    const first = await feed(rows, 3);
    expect(first).toMatchObject({ rows: 8, applied: 5, replayed: 0 });
    expect(first.rejected).toEqual([
      { line: 4, field: 'nhs_number', problem: expect.stringMatching(/^is in hospital already \(stay o10 from FEED at Torbay Hospital, admitted 2026-09-10T08:00:00.000Z, not discharged\)/) },
      { line: 5, field: 'stay_id', problem: 'follows line 4, which was rejected for the same stay' },
      { line: 7, field: 'at', problem: expect.stringContaining('falls within another stay of the person (stay o10 from FEED at Torbay Hospital, admitted 2026-09-10T08:00:00.000Z, discharged 2026-09-12T10:00:00.000Z)') },
    ]);
    // In one chunk the answers are the same.
    const again = await feed(rows);
    expect(again).toMatchObject({ applied: 0, replayed: 5 });
    expect(again.rejected.map((r) => r.line)).toEqual([4, 5, 7]);
  });
});

describe('event ids', () => {
  it('answers an event id already used for another stay by what it was, even where it is not looked up first', async () => {
    const [p, q] = [someone(), someone()];
    const first = await feed([admitRow('id1', 'same-1', '2026-08-01T08:00:00Z', p), { source_system: 'FEED', event_id: 'same-2', stay_id: 'id1', kind: 'discharge', at: '2026-08-02T08:00:00Z', destination: '19' }]);
    expect(first).toMatchObject({ applied: 2, rejected: [] });
    // A new stay's events are not looked up among those received (they cannot have been), unless the
    // sender reuses an id: the chunk is then applied again, looking every event up.
    const second = await feed([admitRow('id2', 'same-2', '2026-08-05T08:00:00Z', q), admitRow('id3', 'new-3', '2026-08-05T08:00:00Z', someone())]);
    expect(second.applied).toBe(1);
    expect(second.rejected).toEqual([{ line: 2, field: 'event_id', problem: 'event same-2 from FEED was already received as a discharge event' }]);
  });
});

describe('discharge referrals from the feed', () => {
  it('creates or joins referrals at the front door as one event at a time over HTTP does, once, with their audit entries', async () => {
    const [alone, withOpen, viaFeedOpen, viaFeed] = [someone(), someone(), someone(), someone()];
    const gpReferral = async (p: Someone) => {
      const r = await coordinator.post('/api/referrals', { person: { id: p.id }, source: 'gp', reason: 'Struggling at home after a fall', urgency: 'routine' });
      expect(r.status).toBe(201);
      return r.body;
    };

    // One at a time over HTTP: a person with no referral gets a new one; one with an open referral joins it.
    const openForHttp = await gpReferral(withOpen);
    const viaHttp = async (p: Someone, spell: string, pathway: number) => {
      const stay = await trust.post('/api/stays', { sourceSystem: 'HTTP-PAS', sourceStayId: spell, person: { nhsNumber: p.nhsNumber }, hospital: HOSPITAL, ward: 'Ward A', admissionMethod: '21', at: '2026-09-20T08:00:00Z' });
      const ready = await trust.post(`/api/stays/${stay.body.id}/ready`, { sourceSystem: 'HTTP-PAS', eventId: `${spell}-r`, at: '2026-09-21T10:00:00Z', pathway });
      expect(ready.status).toBe(200);
      return ready.body;
    };
    const httpNew = await viaHttp(alone, 'h1', 1);
    const httpJoined = await viaHttp(withOpen, 'h2', 1);
    expect(httpJoined.referralId).toBe(openForHttp.id);

    // The same through the feed, with a second stay of one person in the same file joining the referral its first stay made.
    const openForFeed = await gpReferral(viaFeedOpen);
    const rows = [
      admitRow('f1', 'f1-a', '2026-09-20T08:00:00Z', viaFeedOpen),
      { source_system: 'FEED', event_id: 'f1-r', stay_id: 'f1', kind: 'ready', at: '2026-09-21T10:00:00Z', pathway: '1' },
      admitRow('f2', 'f2-a', '2026-09-20T08:00:00Z', viaFeed),
      { source_system: 'FEED', event_id: 'f2-r', stay_id: 'f2', kind: 'ready', at: '2026-09-21T10:00:00Z', pathway: '1' },
      { source_system: 'FEED', event_id: 'f2-d', stay_id: 'f2', kind: 'discharge', at: '2026-09-22T10:00:00Z', destination: '19' },
      admitRow('f3', 'f3-a', '2026-09-25T08:00:00Z', viaFeed, 'Ward B'),
      { source_system: 'FEED', event_id: 'f3-r', stay_id: 'f3', kind: 'ready', at: '2026-09-26T10:00:00Z', pathway: '2' },
    ];
    const first = await feed(rows);
    expect(first).toMatchObject({ rows: 7, applied: 7, rejected: [] });

    // The stays this file sent (the person may have older ones).
    const staysOf = async (p: Someone) => ((await coordinator.get(`/api/people/${p.id}/stays`)).body.stays as any[]).filter((s) => s.sourceSystem === 'FEED');
    const [joinedStay] = await staysOf(viaFeedOpen);
    expect(joinedStay.referralId).toBe(openForFeed.id);
    const feedStays = await staysOf(viaFeed);
    expect(feedStays).toHaveLength(2);
    expect(feedStays[0].referralId).toBe(feedStays[1].referralId);

    // The new referral is the one HTTP makes, field for field, but for who and when.
    const referralsOf = async (p: Someone) => (await coordinator.get(`/api/referrals?personId=${p.id}`)).body.referrals as any[];
    const [fromHttp] = await referralsOf(alone);
    const fromFeed = await referralsOf(viaFeed);
    expect(fromFeed).toHaveLength(1);
    expect(fromFeed[0].id).toBe(feedStays[1].referralId);
    // The client group and the rule that routed it follow from who the person is (their age).
    const shape = (r: any) => ({
      ...r,
      id: '',
      person: null,
      externalRef: r.externalRef.replace(/:.*/, ':'),
      proposedTeam: r.proposedTeam ? 'a zone team' : null,
      clientGroup: '',
      routing: { outcome: r.routing.outcome },
    });
    expect(fromHttp.id).toBe(httpNew.referralId);
    expect(shape(fromFeed[0])).toEqual(shape(fromHttp));
    expect(fromFeed[0]).toMatchObject({ source: 'hospital', routeOfAccess: 'Discharge from hospital', channel: 'discharge', urgency: 'urgent', status: 'received', sourceName: 'Torbay Hospital, Ward A' });
    expect(fromFeed[0].externalRef).toBe(`hospital-stay:${feedStays[1].id}`);
    expect(await referralsOf(viaFeedOpen)).toHaveLength(1);

    // The timeline and the audit log say the same as for HTTP.
    const steps = async (p: Someone) =>
      ((await coordinator.get(`/api/people/${p.id}/timeline?kind=referral`)).body.items as any[]).map((i) => i.action).sort();
    expect(await steps(viaFeed)).toEqual(['referral.joined', 'referral.received']);
    expect(await steps(viaFeedOpen)).toEqual(await steps(withOpen));
    const audited = async (p: Someone) => ((await auditor.get(`/api/audit?personId=${p.id}&limit=100`)).body.entries as any[]).map((e) => e.action);
    const feedAudit = await audited(viaFeed);
    expect(feedAudit.filter((a) => a === 'referral.receive')).toHaveLength(1);
    expect(feedAudit.filter((a) => a === 'referral.join')).toHaveLength(1);
    expect(feedAudit).toContain('stay.import');
    expect((await audited(viaFeedOpen)).filter((a) => a === 'referral.join')).toHaveLength(1);
    expect((await audited(withOpen)).filter((a) => a === 'referral.join')).toHaveLength(1);

    // Sent again: nothing new anywhere.
    const again = await feed(rows);
    expect(again).toMatchObject({ applied: 0, replayed: 7, rejected: [] });
    expect(await referralsOf(viaFeed)).toHaveLength(1);
    expect(await steps(viaFeed)).toEqual(['referral.joined', 'referral.received']);
    expect((await audited(viaFeed)).filter((a) => a === 'referral.receive' || a === 'referral.join')).toHaveLength(2);
  });
});
