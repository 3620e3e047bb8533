import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { allocatedPerson, completedEligibleAssessment } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
let bayside: string;
const numbers = testNhsNumbers(999_910_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;
const list = (c: Client, query: string) => c.get(`/api/service-lines?${query}`);

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'finance_officer', 'auditor'] as Role[]) as[role] = await t.signIn(role);
  place = (await who('coordinator').get('/api/place')).body;
  bayside = place.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id;
});
afterAll(() => t.close());

const line = (over: Record<string, unknown>) => ({
  serviceType: 'Long term support: Community',
  component: 'Home support or domiciliary care',
  providerPartnerId: bayside,
  deliveryMechanism: 'CASSR commissioned support',
  unit: 'hour',
  frequency: 'per_week',
  unitCostPence: 1636,
  plannedStart: '2026-11-16',
  ...over,
});

/** A person on the zone 1 team's caseload (an open case), assessed eligible, with a plan the social worker proposes lines to. */
async function planWithLines(familyName: string, lines: Record<string, unknown>[]) {
  const nhsNumber = numbers.next().value;
  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber,
    givenName: 'Gladys',
    familyName,
    birthDate: '1939-03-03',
    gender: '2',
    gpPracticeOds: place.zones[0].practices[0].odsCode,
  });
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot wash alone', outcome: 'Washed every morning' }] });
  const made: any[] = [];
  for (const l of lines) {
    const res = await who('social_worker').post(`/api/plans/${plan.body.id}/lines`, line(l));
    expect(res.status).toBe(201);
    made.push(res.body);
  }
  return { person: { ...person, nhsNumber }, planId: plan.body.id as string, lines: made };
}

describe('GET /api/service-lines', () => {
  it('shows a team manager the packages awaiting approval on the team’s caseload, and which they may approve', async () => {
    const small = await planWithLines('Waitingmore', [{ quantity: 10 }]);
    // 70 hours a week at £16.36 is £1,145.20: above the team manager's £1,000, within a commissioner's £5,000.
    const big = await planWithLines('Bigpackage', [{ quantity: 70 }]);
    const teamId = small.person.teamId;

    const res = await list(who('team_manager'), `status=proposed&teamId=${teamId}&limit=200`);
    expect(res.status).toBe(200);
    expect(res.body.approvalLimit).toEqual({ role: 'team_manager', roleLabel: 'Team manager', weeklyPence: 100_000 });
    const mine = res.body.lines.find((l: any) => l.id === small.lines[0].id);
    expect(mine).toMatchObject({
      status: 'proposed',
      planId: small.planId,
      weeklyCostPence: 16_360,
      person: { id: small.person.id, name: 'Gladys Waitingmore', nhsNumber: small.person.nhsNumber },
      team: { id: teamId },
      approval: { mayApprove: true, reason: null, limitPence: 100_000, planCommittedWeeklyPence: 0, weeklyAfterApprovalPence: 16_360 },
    });
    const tooBig = res.body.lines.find((l: any) => l.id === big.lines[0].id);
    expect(tooBig.approval).toMatchObject({ mayApprove: false, reason: 'approval_limit', weeklyAfterApprovalPence: 114_520 });
    expect(tooBig.approval.message).toMatch(/Your approval limit as Team manager is £1,000\.00 a week/);
    expect(res.body.lines.every((l: any) => l.status === 'proposed')).toBe(true);
    // The social worker proposed them: she may not approve her own, whatever her limit.
    const byWorker = await list(who('social_worker'), `status=proposed&teamId=${teamId}&limit=200`);
    expect(byWorker.body.lines.find((l: any) => l.id === small.lines[0].id).approval.mayApprove).toBe(false);

    // The funding panel sees the big one with its cost and team, but not whom it is for, and approves it.
    const panel = await list(who('commissioner'), `teamId=${teamId}&limit=200`);
    expect(panel.status).toBe(200);
    const atPanel = panel.body.lines.find((l: any) => l.id === big.lines[0].id);
    expect(atPanel).toMatchObject({ person: null, team: { id: teamId }, weeklyCostPence: 114_520, approval: { mayApprove: true, limitPence: 500_000 } });
    expect(panel.body.lines.every((l: any) => l.person === null && l.status === 'proposed')).toBe(true);
    expect((await who('commissioner').post(`/api/service-lines/${big.lines[0].id}/approve`, { version: 1 })).status).toBe(200);
    const after = await list(who('team_manager'), `status=proposed&teamId=${teamId}&limit=200`);
    expect(after.body.lines.map((l: any) => l.id)).not.toContain(big.lines[0].id);
    const approved = await list(who('team_manager'), `status=approved&teamId=${teamId}&limit=200`);
    expect(approved.body.lines.find((l: any) => l.id === big.lines[0].id)).toMatchObject({ status: 'approved', approval: null });

    // Every name shown is audited as read.
    const audit = await who('auditor').get(`/api/audit?personId=${small.person.id}&limit=50`);
    expect(audit.body.entries.some((e: any) => e.action === 'service_line.list' && e.outcome === 'allowed' && e.user.id === who('team_manager').user.id)).toBe(true);
  });

  it('pages through the lines, those starting soonest first', async () => {
    const p = await planWithLines('Pagewise', [
      { quantity: 2, plannedStart: '2026-11-10' },
      { quantity: 3, plannedStart: '2026-11-11' },
      { quantity: 4, plannedStart: '2026-11-12' },
    ]);
    const all = await list(who('team_manager'), `status=proposed&teamId=${p.person.teamId}&limit=200`);
    const starts = all.body.lines.map((l: any) => l.plannedStart);
    expect([...starts].sort()).toEqual(starts);
    const first = await list(who('team_manager'), `status=proposed&teamId=${p.person.teamId}&limit=2`);
    expect(first.body).toMatchObject({ limit: 2, offset: 0, nextOffset: 2, total: all.body.total });
    const second = await list(who('team_manager'), `status=proposed&teamId=${p.person.teamId}&limit=2&offset=2`);
    expect(second.body.lines.map((l: any) => l.id)).toEqual(all.body.lines.slice(2, 4).map((l: any) => l.id));
    const last = await list(who('team_manager'), `status=proposed&teamId=${p.person.teamId}&limit=2&offset=${all.body.total - 1}`);
    expect(last.body.nextOffset).toBeNull();
  });

  it('withholds the lines of a person whose sharing preferences keep them from this user', async () => {
    const p = await planWithLines('Keepsapart', [{ quantity: 5 }]);
    const record = await who('team_manager').get(`/api/people/${p.person.id}`);
    const patched = await who('team_manager').patch(
      `/api/people/${p.person.id}`,
      { consent: { consentToShare: true, objectsToHealthSocialCareSharing: true, sharingNote: 'Keep health and council apart' } },
      { 'if-match': `"${record.body.version}"` },
    );
    expect(patched.status).toBe(200);
    // Her case is the social worker's (social care): the district nurse on the same team is kept out.
    const byNurse = await list(who('nurse'), `status=proposed&teamId=${p.person.teamId}&limit=200`);
    expect(byNurse.body.lines.map((l: any) => l.id)).not.toContain(p.lines[0].id);
    expect(byNurse.body.withheld).toBeGreaterThanOrEqual(1);
    const byManager = await list(who('team_manager'), `status=proposed&teamId=${p.person.teamId}&limit=200`);
    expect(byManager.body.lines.map((l: any) => l.id)).toContain(p.lines[0].id);
  });

  it('refuses another team’s lines, roles that approve nothing, and the panel anything but approvals; each refusal audited', async () => {
    const otherTeam = place.teams.find((tm: any) => tm.kind === 'integrated_zone' && !who('social_worker').user.teams.some((m) => m.id === tm.id));
    const other = await list(who('social_worker'), `teamId=${otherTeam.id}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('You see the services of your own teams’ caseloads only.');
    const finance = await list(who('finance_officer'), 'status=proposed');
    expect(finance.status).toBe(403);
    expect(finance.body.message).toMatch(/approves no packages/);
    const panelInPlace = await list(who('commissioner'), 'status=in_place');
    expect(panelInPlace.status).toBe(403);
    expect(panelInPlace.body.message).toMatch(/lines waiting for approval \(status=proposed\)/);
    const audit = await who('auditor').get('/api/audit?limit=200');
    const denied = audit.body.entries.filter((e: any) => e.action === 'service_line.list' && e.outcome === 'denied');
    expect(new Set(denied.map((e: any) => e.user.id))).toEqual(new Set([who('social_worker').user.id, who('finance_officer').user.id, who('commissioner').user.id]));
  });

  it('answers 400 naming the field for a status, team or page it does not know', async () => {
    const status = await list(who('team_manager'), 'status=waiting');
    expect(status.status).toBe(400);
    expect(status.body.details).toEqual([{ field: 'status', problem: 'must be one of proposed, approved, in_place, ended, cancelled' }]);
    const team = await list(who('team_manager'), 'teamId=0190a3c5-0000-7000-8000-0000000000ff');
    expect(team.status).toBe(400);
    expect(team.body.details).toEqual([{ field: 'teamId', problem: 'is not a team in this place' }]);
    expect((await list(who('team_manager'), 'limit=500')).body.details).toEqual([{ field: 'limit', problem: 'must be at most 200' }]);
    expect((await list(who('team_manager'), 'offset=-1')).body.details).toEqual([{ field: 'offset', problem: 'must not be negative' }]);
  });
});
