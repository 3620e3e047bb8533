import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { testNhsNumbers } from '../../people/nhs-number.js';

let t: TestApp;
let gpSystem: Client;
let coordinator: Client;
let manager: Client;
let socialWorker: Client;
let zone1Practice: string;
const numbers = testNhsNumbers(999_980_000);

beforeAll(async () => {
  t = await startTestApp();
  [gpSystem, coordinator, manager, socialWorker] = await Promise.all([t.signIn('integration'), t.signIn('coordinator'), t.signIn('team_manager'), t.signIn('social_worker')]);
  const place = await coordinator.get('/api/place');
  zone1Practice = place.body.zones[0].practices[0].odsCode;
});
afterAll(() => t.close());

const aboutSomeoneNew = (over: Record<string, unknown> = {}) => ({
  person: { nhsNumber: numbers.next().value, givenName: 'Ada', familyName: 'Fallowfield', birthDate: '1941-05-20', gender: '2', gpPracticeOds: zone1Practice, ...over },
  source: 'gp',
  sourceName: 'Harbourside Surgery',
  routeOfAccess: 'Community or other route',
  reason: 'Fall at home last night; struggling with stairs and washing.',
  urgency: 'urgent',
});

describe('the front door: referral in two steps', () => {
  it('takes a referral from a GP system, matches or registers the person, and proposes the zone team', async () => {
    const body = { ...aboutSomeoneNew(), externalRef: 'gp-msg-0001' };
    const first = await gpSystem.post('/api/referrals', body);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('received');
    expect(first.body.proposedTeam.name).toBeTruthy();
    const again = await gpSystem.post('/api/referrals', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // A second referral for the same NHS number finds the same person, not a new record.
    const second = await gpSystem.post('/api/referrals', { ...body, externalRef: 'gp-msg-0002' });
    expect(second.body.person.id).toBe(first.body.person.id);
  });

  it('accepts to the proposed team, allocates a worker, and allows no third step', async () => {
    const made = await gpSystem.post('/api/referrals', aboutSomeoneNew({ familyName: 'Twostep' }));
    const id = made.body.id;
    const queue = await coordinator.get('/api/referrals?status=received');
    // The queue names the person and the proposed team as the referral's own answer did.
    expect(queue.body.referrals.find((r: any) => r.id === id)).toEqual(made.body);

    const accepted = await coordinator.post(`/api/referrals/${id}/accept`, { version: made.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body.team.id).toBe(made.body.proposedTeam.id);
    expect(accepted.body.triageSteps).toBe(1);

    const resolveLate = await coordinator.post(`/api/referrals/${id}/resolve`, { outcome: 'NFA: Information and advice or signposting', version: accepted.body.version });
    expect(resolveLate.status).toBe(409);

    t.clock.advance(90 * 60_000);
    const allocated = await manager.post(`/api/referrals/${id}/allocate`, { workerStaffId: (socialWorker.user as any).staffId, version: accepted.body.version });
    expect(allocated.status).toBe(200);
    expect(allocated.body.status).toBe('allocated');
    expect(allocated.body.triageSteps).toBe(2);
    expect(allocated.body.minutesToAllocation).toBe(90);
    expect(allocated.body.worker.id).toBe((socialWorker.user as any).staffId);
    // Each step answers the referral as reading it afresh shows it.
    expect((await manager.get(`/api/referrals/${id}`)).body).toEqual(allocated.body);
    expect(accepted.body).toMatchObject({ person: made.body.person, proposedTeam: made.body.proposedTeam, team: made.body.proposedTeam });

    const third = await coordinator.post(`/api/referrals/${id}/accept`, { version: allocated.body.version });
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/two steps and no more/);

    // The allocation is the worker's legitimate relationship: the record and its timeline open.
    const personId = made.body.person.id;
    expect((await socialWorker.get(`/api/people/${personId}`)).status).toBe(200);
    const timeline = await socialWorker.get(`/api/people/${personId}/timeline`);
    expect(timeline.body.items.map((i: any) => i.action).reverse()).toEqual(['referral.received', 'triage.accepted', 'referral.allocated']);
    const onlyTriage = await socialWorker.get(`/api/people/${personId}/timeline?kind=triage`);
    expect(onlyTriage.body.items.map((i: any) => i.action)).toEqual(['triage.accepted']);

    const teamCaseload = await manager.get(`/api/caseloads?teamId=${accepted.body.team.id}`);
    const theCase = teamCaseload.body.cases.find((c: any) => c.person.id === personId);
    expect(theCase.worker.id).toBe((socialWorker.user as any).staffId);
    const mine = await socialWorker.get(`/api/caseloads?staffId=${(socialWorker.user as any).staffId}`);
    expect(mine.body.cases.map((c: any) => c.person.id)).toContain(personId);

    // Closing the case ends the relationship it gave.
    const closed = await socialWorker.post(`/api/cases/${theCase.id}/close`, { reason: 'Equipment in place, no further needs', version: theCase.version });
    expect(closed.status).toBe(200);
    expect((await socialWorker.get(`/api/people/${personId}`)).status).toBe(403);
    t.clock.set(new Date('2026-11-02T09:30:00Z'));
  });

  it('resolves a referral at the front door with a CLD outcome, in one step', async () => {
    const made = await coordinator.post('/api/referrals', aboutSomeoneNew({ familyName: 'Onestep' }));
    expect(made.status).toBe(201);
    const resolved = await coordinator.post(`/api/referrals/${made.body.id}/resolve`, {
      outcome: 'NFA: Information and advice or signposting',
      note: 'Pointed to the falls prevention class at the community centre.',
      version: made.body.version,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.triageSteps).toBe(1);
  });

  it('joins an open referral instead of opening a second one when asked', async () => {
    const made = await coordinator.post('/api/referrals', aboutSomeoneNew({ familyName: 'Joinery' }));
    const joined = await gpSystem.post('/api/referrals', { person: { id: made.body.person.id }, source: 'hospital', routeOfAccess: 'Discharge from hospital', reason: 'Ready to go home', urgency: 'urgent', joinOpen: true });
    expect(joined.status).toBe(200);
    expect(joined.body.id).toBe(made.body.id);
  });
});

describe('bad input at the front door', () => {
  it('names the field: unknown code, team outside the place, worker not in the team', async () => {
    const badCode = await coordinator.post('/api/referrals', { ...aboutSomeoneNew(), routeOfAccess: 'Via the chimney' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.details[0].field).toBe('routeOfAccess');

    const made = await coordinator.post('/api/referrals', aboutSomeoneNew({ familyName: 'Badinput' }));
    const strangerTeam = await coordinator.post(`/api/referrals/${made.body.id}/accept`, { teamId: '0190a3c5-0000-7000-8000-000000000001', version: made.body.version });
    expect(strangerTeam.status).toBe(400);
    expect(strangerTeam.body.details[0].field).toBe('teamId');

    const accepted = await coordinator.post(`/api/referrals/${made.body.id}/accept`, { version: made.body.version });
    const notMember = await manager.post(`/api/referrals/${made.body.id}/allocate`, { workerStaffId: '0190a3c5-0000-7000-8000-000000000002', version: accepted.body.version });
    expect(notMember.status).toBe(400);
    expect(notMember.body.details[0].field).toBe('workerStaffId');
    // Nothing half-written: the referral is still waiting for allocation.
    const still = await manager.get(`/api/referrals/${made.body.id}`);
    expect(still.body.status).toBe('accepted');
    expect(still.body.version).toBe(accepted.body.version);
  });

  it('refuses a finance officer and audits the refusal', async () => {
    const finance = await t.signIn('finance_officer');
    const res = await finance.post('/api/referrals', aboutSomeoneNew());
    expect(res.status).toBe(403);
    const auditor = await t.signIn('auditor');
    const log = await auditor.get(`/api/audit?userId=${finance.user.id}`);
    expect(log.body.entries[0]).toMatchObject({ action: 'referral.receive', outcome: 'denied' });
  });
});
