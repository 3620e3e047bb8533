import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { allocatedPerson, completedEligibleAssessment } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
const numbers = testNhsNumbers(999_940_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;

/** One person's journey with a step of every kind the pathway writes: what each entry is about. */
const journey = { personId: '', referralId: '', assessmentId: '', planId: '', lineId: '', meetingId: '', actionId: '', caseId: '' };

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'auditor'] as Role[]) as[role] = await t.signIn(role);
  place = (await who('coordinator').get('/api/place')).body;

  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber: numbers.next().value,
    givenName: 'Mabel',
    familyName: 'Subjectford',
    birthDate: '1938-06-06',
    gender: '2',
    gpPracticeOds: place.zones[0].practices[0].odsCode,
  });
  journey.personId = person.id;
  journey.referralId = person.referralId;
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  journey.assessmentId = assessment.id;
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot cook safely', outcome: 'A hot meal every day' }] });
  journey.planId = plan.body.id;
  const line = await who('social_worker').post(`/api/plans/${plan.body.id}/lines`, {
    serviceType: 'Long term support: Community',
    component: 'Meals',
    providerPartnerId: place.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id,
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'visit',
    quantity: 7,
    frequency: 'per_week',
    unitCostPence: 450,
    plannedStart: '2026-11-09',
  });
  expect(line.status).toBe(201);
  journey.lineId = line.body.id;
  const meeting = await who('team_manager').post('/api/mdt-meetings', { teamId: person.teamId, heldOn: '2026-10-30', attendeeStaffIds: [staffIdOf(who('team_manager'))] });
  journey.meetingId = meeting.body.id;
  await who('team_manager').post(`/api/mdt-meetings/${meeting.body.id}/cases`, { personId: person.id, note: 'Meals first.' });
  const action = await who('team_manager').post(`/api/mdt-meetings/${meeting.body.id}/actions`, {
    personId: person.id,
    ownerStaffId: staffIdOf(who('social_worker')),
    description: 'Ask about a key safe',
    dueOn: '2026-11-20',
  });
  journey.actionId = action.body.id;
  const caseload = await who('team_manager').get(`/api/caseloads?teamId=${person.teamId}`);
  const theCase = caseload.body.cases.find((c: any) => c.person.id === person.id);
  // Within the team, to the nurse: the case moves on and the team keeps its relationship.
  const moved = await who('team_manager').post(`/api/cases/${theCase.id}/transfer`, { workerStaffId: staffIdOf(who('nurse')), reason: 'Mostly nursing now.', version: theCase.version });
  expect(moved.status).toBe(200);
  journey.caseId = moved.body.caseId;
});
afterAll(() => t.close());

const timeline = (c: Client, query = '') => c.get(`/api/people/${journey.personId}/timeline${query}`);

describe('what each timeline entry is about', () => {
  it('names the subject of every step, and the plan or meeting a line or action belongs to', async () => {
    const res = await timeline(who('nurse'));
    expect(res.status).toBe(200);
    const byAction = (action: string) => res.body.items.filter((i: any) => i.action === action);
    expect(byAction('referral.received')[0]).toMatchObject({ subjectType: 'referral', subjectId: journey.referralId, parent: null });
    expect(byAction('triage.accepted')[0]).toMatchObject({ subjectType: 'referral', subjectId: journey.referralId });
    expect(byAction('referral.allocated')[0]).toMatchObject({ subjectType: 'referral', subjectId: journey.referralId });
    expect(byAction('assessment.completed')[0]).toMatchObject({ subjectType: 'assessment', subjectId: journey.assessmentId });
    expect(byAction('eligibility.decided')[0]).toMatchObject({ subjectType: 'assessment', subjectId: journey.assessmentId });
    expect(byAction('plan.created')[0]).toMatchObject({ subjectType: 'plan', subjectId: journey.planId, parent: null });
    expect(byAction('package.proposed')[0]).toMatchObject({ subjectType: 'service_line', subjectId: journey.lineId, parent: { type: 'plan', id: journey.planId } });
    expect(byAction('mdt.discussed')[0]).toMatchObject({ subjectType: 'mdt_meeting', subjectId: journey.meetingId, parent: null });
    expect(byAction('mdt.action')[0]).toMatchObject({ subjectType: 'mdt_action', subjectId: journey.actionId, parent: { type: 'mdt_meeting', id: journey.meetingId } });
    expect(byAction('case.transferred')[0]).toMatchObject({ subjectType: 'case', subjectId: journey.caseId });
    expect(res.body.items.every((i: any) => i.subjectType !== null)).toBe(true);
  });

  it('filters by what the entries are about, alone or with the kind', async () => {
    const lines = await timeline(who('nurse'), '?subject=service_line');
    expect(lines.status).toBe(200);
    expect(lines.body.items.map((i: any) => i.action)).toEqual(['package.proposed']);

    const referralAndCase = await timeline(who('nurse'), '?subject=referral,case');
    expect(new Set(referralAndCase.body.items.map((i: any) => i.subjectType))).toEqual(new Set(['referral', 'case']));
    expect(referralAndCase.body.items.map((i: any) => i.action).sort()).toEqual(['case.transferred', 'referral.allocated', 'referral.received', 'triage.accepted']);

    const mdt = await timeline(who('nurse'), '?subject=mdt_action');
    expect(mdt.body.items.map((i: any) => i.action)).toEqual(['mdt.action']);
    // Both filters hold at once: triage steps are about a referral, but not every referral step is triage.
    const both = await timeline(who('nurse'), '?subject=referral&kind=triage');
    expect(both.body.items.map((i: any) => i.action)).toEqual(['triage.accepted']);
    // Hospital stays are their own subject: none for her, and none slip into another filter.
    expect((await timeline(who('nurse'), '?subject=stay')).body.items).toEqual([]);
  });

  it('answers 400 naming the filter for a subject it does not know', async () => {
    const res = await timeline(who('nurse'), '?subject=plan,planet');
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'subject' });
    expect(res.body.message).toMatch(/must be a comma-separated list of referral, case, assessment, plan, service_line/);
    const limit = await timeline(who('nurse'), '?limit=0');
    expect(limit.status).toBe(400);
    expect(limit.body.details[0]).toMatchObject({ field: 'limit', problem: 'must be at least 1' });
  });

  it('refuses a practitioner with no relationship, audits the refusal, and answers 404 for nobody', async () => {
    const { body: stranger } = await who('nurse').post('/api/people', { givenName: 'Nora', familyName: 'Unlinked', birthDate: '1949-01-09', allowPossibleDuplicate: true });
    const refused = await who('social_worker').get(`/api/people/${stranger.id}/timeline?subject=plan`);
    expect(refused.status).toBe(403);
    expect(refused.body.breakGlassAllowed).toBe(true);
    const audit = await who('auditor').get(`/api/audit?personId=${stranger.id}&limit=20`);
    expect(audit.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'person.timeline', outcome: 'denied', reason: 'no_relationship', user: expect.objectContaining({ id: who('social_worker').user.id }) })]),
    );
    const nobody = await who('social_worker').get('/api/people/0190a3c5-0000-7000-8000-00000000dead/timeline');
    expect(nobody.status).toBe(404);
  });
});
