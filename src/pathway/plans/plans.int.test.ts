import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { completedEligibleAssessment, outcomesWithUnable, personOnTeamCaseload, put } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let zone1Practice: string;
let bayside: string; // an independent home care provider
let careTrust: string; // the care trust's own community equipment service
let gpPracticeId: string;
const numbers = testNhsNumbers(999_970_000);

async function signInAll() {
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'board_member', 'administrator', 'auditor'] as Role[]) {
    as[role] = await t.signIn(role);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await signInAll();
  const place = await who('coordinator').get('/api/place');
  zone1Practice = place.body.zones[0].practices[0].odsCode;
  gpPracticeId = place.body.zones[0].practices[0].id;
  bayside = place.body.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id;
  careTrust = place.body.partners.find((p: any) => p.kind === 'care_trust').id;
});
afterAll(() => t.close());

const homeCare = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceType: 'Long term support: Community',
  component: 'Home support or domiciliary care',
  providerPartnerId: bayside,
  deliveryMechanism: 'CASSR commissioned support',
  unit: 'hour',
  quantity: 10,
  frequency: 'per_week',
  unitCostPence: 1636,
  plannedStart: day(7),
  ...over,
});
const equipment = (over: Record<string, unknown> = {}) => ({
  serviceType: 'Long term support: Community',
  component: 'Equipment',
  providerPartnerId: careTrust,
  deliveryMechanism: 'CASSR commissioned support',
  unit: 'item',
  quantity: 1,
  frequency: 'one_off',
  unitCostPence: 18_500,
  plannedStart: day(3),
  ...over,
});
/** A London date this many days from the test clock's today. */
const day = (offset = 0) => new Date(t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const needs = [
  { need: 'Cannot wash or dress without help since the fall', outcome: 'To wash and dress every morning and stay at home', careActOutcome: 'personalHygiene' },
  { need: 'Unsafe on the stairs and in the bathroom', outcome: 'To move round the house safely', careActOutcome: 'homeSafely' },
];

/** A person with an eligible assessment and a plan, on the zone 1 team's caseload. */
async function planFor(): Promise<{ personId: string; plan: any }> {
  const person = await personOnTeamCaseload(t, who('nurse'));
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs });
  expect(plan.status).toBe(201);
  return { personId: person.id, plan: plan.body };
}

describe("Mrs Smith's journey: referral to package in place", () => {
  it('GP referral → co-ordinator accepts → manager allocates → nurse and social worker assess → eligible → home care and equipment proposed, approved, in place → within 28 days', async () => {
    const referral = await who('integration').post('/api/referrals', {
      person: { nhsNumber: numbers.next().value, title: 'Mrs', givenName: 'Dorothy', familyName: 'Smithson', birthDate: '1941-02-11', gender: '2', gpPracticeOds: zone1Practice },
      source: 'gp',
      sourceName: 'Shiphay Green Surgery',
      routeOfAccess: 'Community or other route',
      reason: 'Fell at home; cannot manage stairs or washing.',
      urgency: 'urgent',
    });
    expect(referral.status).toBe(201);
    const accepted = await who('coordinator').post(`/api/referrals/${referral.body.id}/accept`, { version: referral.body.version });
    expect(accepted.status).toBe(200);
    const allocated = await who('team_manager').post(`/api/referrals/${referral.body.id}/allocate`, {
      workerStaffId: (who('social_worker').user as any).staffId,
      version: accepted.body.version,
    });
    expect(allocated.status).toBe(200);
    const personId: string = referral.body.person.id;
    const teamId: string = accepted.body.team.id;

    // One shared assessment, written by the nurse and the social worker together.
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), personId);
    expect(assessment.eligibilityDecision).toBe('eligible');
    const authors = Object.fromEntries(assessment.sections.map((s: any) => [s.section, s.author.role]));
    expect(authors).toEqual({ health: 'nurse', impairment: 'nurse', outcomes: 'social_worker', wellbeing: 'social_worker' });

    const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs });
    expect(plan.status).toBe(201);
    expect(plan.body.needs).toHaveLength(2);

    const care = await who('social_worker').post(`/api/plans/${plan.body.id}/lines`, homeCare());
    expect(care.status).toBe(201);
    expect(care.body).toMatchObject({ status: 'proposed', quantity: 10, unitCostPence: 1636, weeklyCostPence: 16_360, provider: { name: 'Bayside Home Care Ltd' } });
    const kit = await who('social_worker').post(`/api/plans/${plan.body.id}/lines`, equipment());
    expect(kit.status).toBe(201);
    expect(kit.body).toMatchObject({ weeklyCostPence: 0, oneOffCostPence: 18_500, provider: { kind: 'care_trust' } });

    const proposed = await who('social_worker').get(`/api/plans/${plan.body.id}`);
    expect(proposed.body.cost).toEqual({ weeklyPence: 16_360, committedWeeklyPence: 0, inPlaceWeeklyPence: 0, oneOffPence: 18_500 });

    // The social worker has no approval limit: refused, naming it, and audited.
    const byWorker = await who('social_worker').post(`/api/service-lines/${care.body.id}/approve`, { version: 1 });
    expect(byWorker.status).toBe(403);
    expect(byWorker.body.message).toMatch(/approval limit as Social worker is £0\.00 a week/);
    const audit = await who('auditor').get(`/api/audit?personId=${personId}&limit=100`);
    expect(audit.body.entries.some((e: any) => e.action === 'service_line.approve' && e.outcome === 'denied' && e.reason === 'approval_limit')).toBe(true);

    const approved = await who('team_manager').post(`/api/service-lines/${care.body.id}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: 2, approvedBy: who('team_manager').user.id, planCost: { committedWeeklyPence: 16_360 } });
    const kitApproved = await who('team_manager').post(`/api/service-lines/${kit.body.id}/approve`, { version: 1 });
    expect(kitApproved.status).toBe(200);

    const teamRowBefore = (await who('team_manager').get('/api/measures/package-in-28-days?by=team')).body.rows.find((r: any) => r.key.id === teamId);
    const withinBefore = teamRowBefore?.withinTarget ?? 0;

    // Ten days later both are in place; the package is in place, and its first review is due in a year.
    t.clock.advance(3 * 86_400_000);
    await signInAll();
    const kitIn = await who('nurse').post(`/api/service-lines/${kit.body.id}/start`, { startedOn: '2026-11-05', version: 2 });
    expect(kitIn.status).toBe(200);
    expect(kitIn.body.reviewScheduled).toEqual({ id: expect.any(String), dueOn: '2027-11-05' });
    t.clock.advance(7 * 86_400_000);
    await signInAll();
    const careIn = await who('social_worker').post(`/api/service-lines/${care.body.id}/start`, { startedOn: '2026-11-12', version: 2 });
    expect(careIn.status).toBe(200);
    expect(careIn.body.reviewScheduled).toBeNull();
    expect(careIn.body.planCost).toMatchObject({ inPlaceWeeklyPence: 16_360 });

    const inPlace = await who('nurse').get(`/api/plans/${plan.body.id}`);
    expect(inPlace.body.inPlaceOn).toBe('2026-11-05');
    expect(inPlace.body.lines.map((l: any) => l.status)).toEqual(['in_place', 'in_place']);

    const versions = await who('social_worker').get(`/api/service-lines/${care.body.id}/versions`);
    expect(versions.body.versions.map((v: any) => [v.version, v.change, v.changedBy])).toEqual([
      [1, 'proposed', who('social_worker').user.id],
      [2, 'approved', who('team_manager').user.id],
      [3, 'in_place', who('social_worker').user.id],
    ]);

    // The 28-day measure: in place 3 days after the assessment.
    const mine = await who('social_worker').get('/api/measures/package-in-28-days?by=person');
    expect(mine.status).toBe(200);
    const row = mine.body.rows.find((r: any) => r.person.id === personId);
    expect(row).toMatchObject({ status: 'within', days: 3, inPlace: true, completedOn: '2026-11-02', firstInPlaceOn: '2026-11-05', worker: { name: who('social_worker').user.displayName } });
    const byTeam = await who('team_manager').get('/api/measures/package-in-28-days?by=team');
    expect(byTeam.status).toBe(200);
    // (The synthetic place may hold earlier packages of this team: count the change.)
    expect(byTeam.body.rows.find((r: any) => r.key.id === teamId).withinTarget).toBe(withinBefore + 1);

    const reviews = await who('social_worker').get(`/api/people/${personId}/reviews`);
    expect(reviews.body.reviews).toMatchObject([{ kind: 'planned', dueOn: '2027-11-05', status: 'due', planId: plan.body.id }]);

    const timeline = await who('social_worker').get(`/api/people/${personId}/timeline?limit=100`);
    const actions = timeline.body.items.map((i: any) => i.action);
    for (const a of ['referral.received', 'assessment.started', 'assessment.completed', 'eligibility.decided', 'plan.created', 'package.proposed', 'package.approved', 'package.in_place', 'review.scheduled']) {
      expect(actions).toContain(a);
    }
  });
});

describe('plans', () => {
  it('are made only from a completed assessment that found eligible needs, and once', async () => {
    const person = await personOnTeamCaseload(t, who('nurse'));
    const { body: open } = await who('social_worker').post('/api/assessments', { personId: person.id, kind: 'needs' });
    const early = await who('social_worker').post('/api/plans', { assessmentId: open.id, needs });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/in progress/);
    await put(t, who('social_worker'), `/api/assessments/${open.id}/sections/impairment`, { content: { hasImpairmentOrIllness: false } });
    await put(t, who('social_worker'), `/api/assessments/${open.id}/sections/outcomes`, { content: outcomesWithUnable() });
    const saved = await put(t, who('social_worker'), `/api/assessments/${open.id}/sections/wellbeing`, { content: { significantImpact: false } });
    await who('social_worker').post(`/api/assessments/${open.id}/complete`, {
      eligibilityDecision: 'not_eligible',
      outcome: 'NFA: Information and advice or signposting',
      version: saved.body.assessmentVersion,
    });
    const notEligible = await who('social_worker').post('/api/plans', { assessmentId: open.id, needs });
    expect(notEligible.status).toBe(409);
    expect(notEligible.body.message).toMatch(/no eligible needs/);

    const { plan } = await planFor();
    const again = await who('social_worker').post('/api/plans', { assessmentId: plan.assessmentId, needs });
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(plan.id);
    const noNeeds = await who('social_worker').post('/api/plans', { assessmentId: plan.assessmentId, needs: [] });
    expect(noNeeds.status).toBe(400);
    expect(noNeeds.body.details[0].field).toBe('needs');
  });

  it('refuse bad lines with 400 naming the field, and store nothing', async () => {
    const { plan } = await planFor();
    const sw = who('social_worker');
    const cases: [Record<string, unknown>, string][] = [
      [homeCare({ component: 'Massage' }), 'component'],
      [homeCare({ serviceType: 'Long term support: Moon' }), 'serviceType'],
      [homeCare({ deliveryMechanism: 'Cash in hand' }), 'deliveryMechanism'],
      [homeCare({ unitCostPence: -1636 }), 'unitCostPence'],
      [homeCare({ unitCostPence: 0 }), 'unitCostPence'],
      [homeCare({ unitCostPence: 16.36 }), 'unitCostPence'],
      [homeCare({ unitCostPence: 900_000_000 }), 'unitCostPence'],
      [homeCare({ quantity: -10 }), 'quantity'],
      [homeCare({ quantity: 7.555 }), 'quantity'],
      [homeCare({ quantity: 200 }), 'quantity'],
      [homeCare({ frequency: 'per_fortnight' }), 'frequency'],
      [homeCare({ plannedStart: '2026-11-31' }), 'plannedStart'],
      [homeCare({ plannedStart: day(1), plannedEnd: day(0) }), 'plannedEnd'],
      [homeCare({ plannedStart: day(-1) }), 'plannedStart'],
      [homeCare({ providerPartnerId: undefined }), 'providerPartnerId'],
      [homeCare({ providerPartnerId: gpPracticeId }), 'providerPartnerId'],
      [homeCare({ providerPartnerId: undefined, providerOds: 'ZZZ99' }), 'providerOds'],
      [homeCare({ unit: 'day', frequency: 'per_day', quantity: 7, unitCostPence: 4_000_000 }), 'quantity'],
      [{ ...homeCare(), colour: 'blue' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await sw.post(`/api/plans/${plan.id}/lines`, body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.details.map((d: any) => d.field)).toContain(field);
    }
    const after = await sw.get(`/api/plans/${plan.id}`);
    expect(after.body.lines).toEqual([]);
    // An NHS trust may provide community services, by ODS code.
    const byOds = await sw.post(`/api/plans/${plan.id}/lines`, homeCare({ providerPartnerId: undefined, providerOds: '9sd', component: 'Professional support: Other', quantity: 7.5 }));
    expect(byOds.status).toBe(201);
    expect(byOds.body).toMatchObject({ provider: { odsCode: '9SD', kind: 'nhs_trust' }, quantity: 7.5, weeklyCostPence: 12_270 });
  });

  it('move only along their states (409 naming the state), refuse stale versions, and keep dates in order', async () => {
    const { plan } = await planFor();
    const sw = who('social_worker');
    const tm = who('team_manager');
    const { body: line } = await sw.post(`/api/plans/${plan.id}/lines`, homeCare({ plannedStart: day(0) }));
    const tooEarly = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(0), version: 1 });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.message).toBe('This line is proposed: only a line that is approved can be put in place.');
    const stale = await tm.post(`/api/service-lines/${line.id}/approve`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    const approved = await tm.post(`/api/service-lines/${line.id}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    const twice = await tm.post(`/api/service-lines/${line.id}/approve`, { version: 2 });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/This line is approved/);
    const beforeAssessment = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(-1), version: 2 });
    expect(beforeAssessment.status).toBe(400);
    expect(beforeAssessment.body.details[0]).toMatchObject({ field: 'startedOn', problem: expect.stringContaining(day(0)) });
    const future = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(1), version: 2 });
    expect(future.status).toBe(400);
    const started = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(0), version: 2 });
    expect(started.status).toBe(200);
    const cancel = await sw.post(`/api/service-lines/${line.id}/cancel`, { reason: 'no longer needed', version: 3 });
    expect(cancel.status).toBe(409);
    expect(cancel.body.message).toMatch(/This line is in place/);
    const endBefore = await sw.post(`/api/service-lines/${line.id}/end`, { endedOn: day(-1), reason: 'moved away', version: 3 });
    expect(endBefore.status).toBe(400);
    expect(endBefore.body.details[0].field).toBe('endedOn');
    const noReason = await sw.post(`/api/service-lines/${line.id}/end`, { endedOn: day(0), reason: '  ', version: 3 });
    expect(noReason.status).toBe(400);
    const ended = await sw.post(`/api/service-lines/${line.id}/end`, { endedOn: day(0), reason: 'Moved to live with her daughter', version: 3 });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedOn: day(0), planCost: { weeklyPence: 0 } });
    const restart = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(0), version: 4 });
    expect(restart.status).toBe(409);

    const { body: spare } = await sw.post(`/api/plans/${plan.id}/lines`, equipment());
    const cancelled = await sw.post(`/api/service-lines/${spare.id}/cancel`, { reason: 'Family bought a perching stool', version: 1 });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', endReason: 'Family bought a perching stool' });
  });

  it('keep approval within limits: the plan’s weekly cost after approval, own proposals, and the funding panel', async () => {
    const { plan } = await planFor();
    const sw = who('social_worker');
    const tm = who('team_manager');
    // £16.36 × 40 hours = £654.40 a week, twice: the second takes the plan over the manager's £1,000.
    const { body: first } = await sw.post(`/api/plans/${plan.id}/lines`, homeCare({ quantity: 40 }));
    const { body: second } = await sw.post(`/api/plans/${plan.id}/lines`, homeCare({ quantity: 40, component: 'Day support', unit: 'session' }));
    expect((await tm.post(`/api/service-lines/${first.id}/approve`, { version: 1 })).status).toBe(200);
    const over = await tm.post(`/api/service-lines/${second.id}/approve`, { version: 1 });
    expect(over.status).toBe(403);
    expect(over.body.message).toBe(
      'Your approval limit as Team manager is £1,000.00 a week; with this line the plan would cost £1,308.80 a week. Ask someone with a higher limit to approve it.',
    );
    // The commissioner approves at the funding panel, without a relationship with the person.
    const panel = await who('commissioner').post(`/api/service-lines/${second.id}/approve`, { version: 1 });
    expect(panel.status).toBe(200);
    expect(panel.body.planCost.committedWeeklyPence).toBe(130_880);
    const board = await who('board_member').post(`/api/service-lines/${second.id}/approve`, { version: 2 });
    expect(board.status).toBe(403);
    expect(board.body.message).toMatch(/£0\.00 a week/);

    // A place may give social workers a limit; they still cannot approve their own proposals.
    const limits = await who('administrator').post('/api/approval-limits', { role: 'social_worker', weeklyPence: 50_000 });
    expect(limits.status).toBe(200);
    expect(limits.body.limits.find((l: any) => l.role === 'social_worker')).toMatchObject({ weeklyPence: 50_000, source: 'place' });
    expect(limits.body.limits.find((l: any) => l.role === 'team_manager')).toMatchObject({ weeklyPence: 100_000, source: 'default' });
    const byManagerLimits = await tm.post('/api/approval-limits', { role: 'team_manager', weeklyPence: 99_999_999 });
    expect(byManagerLimits.status).toBe(403);
    const negative = await who('administrator').post('/api/approval-limits', { role: 'social_worker', weeklyPence: -1 });
    expect(negative.status).toBe(400);
    const other = await planFor();
    const { body: own } = await sw.post(`/api/plans/${other.plan.id}/lines`, homeCare());
    const ownApproval = await sw.post(`/api/service-lines/${own.id}/approve`, { version: 1 });
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body.message).toBe('You proposed this line: someone else must approve it.');
    const { body: byNurse } = await who('nurse').post(`/api/plans/${other.plan.id}/lines`, homeCare({ quantity: 5 }));
    const swApproves = await sw.post(`/api/service-lines/${byNurse.id}/approve`, { version: 1 });
    expect(swApproves.status).toBe(200);
    await who('administrator').post('/api/approval-limits', { role: 'social_worker', weeklyPence: 0 });
  });

  it('name the person and the assessment they meet, so the plan page needs neither', async () => {
    const nhsNumber = numbers.next().value;
    const person = await personOnTeamCaseload(t, who('nurse'), { givenName: 'Ida', familyName: 'Planworth', nhsNumber, birthDate: '1937-07-17' });
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
    const made = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs });
    expect(made.body.person).toEqual({ id: person.id, name: 'Ida Planworth', nhsNumber, birthDate: '1937-07-17' });
    const read = await who('nurse').get(`/api/plans/${made.body.id}`);
    expect(read.body).toMatchObject({ person: { name: 'Ida Planworth', nhsNumber }, assessment: { id: assessment.id, kind: 'needs', completedOn: day(0) } });
    const list = await who('nurse').get(`/api/people/${person.id}/plans`);
    expect(list.body.plans[0].person.name).toBe('Ida Planworth');
  });

  it('are closed to practitioners without a relationship and to roles that see no care detail', async () => {
    const { plan, personId } = await planFor();
    // The nurse registered a stranger; the social worker has no relationship with her.
    const { body: stranger } = await who('nurse').post('/api/people', { givenName: 'Ivy', familyName: 'Noplanfor', birthDate: '1944-04-04', allowPossibleDuplicate: true });
    expect((await who('social_worker').get(`/api/people/${stranger.id}/plans`)).status).toBe(403);
    const audit = await who('auditor').get(`/api/audit?personId=${stranger.id}&limit=20`);
    expect(audit.body.entries.some((e: any) => e.action === 'plan.list' && e.outcome === 'denied' && e.reason === 'no_relationship')).toBe(true);
    const byCommissioner = await who('commissioner').get(`/api/plans/${plan.id}`);
    expect(byCommissioner.status).toBe(403);
    expect(byCommissioner.body).not.toHaveProperty('person');
    expect((await who('auditor').get(`/api/audit?personId=${personId}&limit=50`)).body.entries.some((e: any) => e.action === 'plan.read' && e.outcome === 'denied')).toBe(true);
    expect((await who('nurse').get('/api/plans/plan-1')).body.details).toEqual([{ field: 'id', problem: 'must be a care plan id (a UUID)' }]);
    expect((await who('board_member').post(`/api/plans/${plan.id}/lines`, homeCare())).status).toBe(403);
    expect((await who('nurse').get('/api/plans/01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
