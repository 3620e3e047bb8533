import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { allocatedPerson, completedEligibleAssessment, personOnTeamCaseload } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let zone1Practice: string;
let bayside: string;
const numbers = testNhsNumbers(999_960_000);
const day = (offset = 0) => new Date(t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

async function signInAll() {
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner'] as Role[]) as[role] = await t.signIn(role);
}

beforeAll(async () => {
  t = await startTestApp();
  await signInAll();
  const place = await who('coordinator').get('/api/place');
  zone1Practice = place.body.zones[0].practices[0].odsCode;
  bayside = place.body.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id;
});
afterAll(() => t.close());

const allocated = (familyName: string) =>
  allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, (who('social_worker').user as any).staffId, {
    nhsNumber: numbers.next().value,
    givenName: 'Maud',
    familyName,
    birthDate: '1938-08-08',
    gender: '2',
    gpPracticeOds: zone1Practice,
  });

describe('reviews', () => {
  it('are scheduled planned or unplanned, due today or within the year, for the person’s own plan', async () => {
    const person = await personOnTeamCaseload(t, who('nurse'));
    const other = await personOnTeamCaseload(t, who('nurse'));
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), other.id);
    const { body: othersPlan } = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Washing', outcome: 'Wash daily' }] });
    const sw = who('social_worker');
    const past = await sw.post('/api/reviews', { personId: person.id, kind: 'unplanned', dueOn: day(-1), reason: 'Carer taken ill' });
    expect(past.status).toBe(400);
    expect(past.body.details[0].field).toBe('dueOn');
    const far = await sw.post('/api/reviews', { personId: person.id, kind: 'planned', dueOn: day(400), reason: 'Annual' });
    expect(far.status).toBe(400);
    expect(far.body.details[0].field).toBe('dueOn');
    const notTheirs = await sw.post('/api/reviews', { personId: person.id, planId: othersPlan.id, kind: 'planned', dueOn: day(30), reason: 'Annual' });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.details[0].field).toBe('planId');
    const noReason = await sw.post('/api/reviews', { personId: person.id, kind: 'unplanned', dueOn: day(0), reason: ' ' });
    expect(noReason.status).toBe(400);
    const badKind = await sw.post('/api/reviews', { personId: person.id, kind: 'whenever', dueOn: day(0), reason: 'x' });
    expect(badKind.body.details[0].field).toBe('kind');

    const made = await sw.post('/api/reviews', { personId: person.id, kind: 'unplanned', dueOn: day(3), reason: 'Carer taken into hospital' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'unplanned', status: 'due', overdue: false, planId: null, version: 1 });
    const list = await who('nurse').get(`/api/people/${person.id}/reviews`);
    expect(list.body.reviews.map((r: any) => r.id)).toEqual([made.body.id]);
    expect((await who('commissioner').get(`/api/people/${person.id}/reviews`)).status).toBe(403);
  });

  it('are completed once, with outcomes achieved and changes; the next planned review follows', async () => {
    const person = await personOnTeamCaseload(t, who('nurse'));
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
    const sw = who('social_worker');
    const { body: plan } = await sw.post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Washing', outcome: 'Wash daily' }] });
    const { body: line } = await sw.post(`/api/plans/${plan.id}/lines`, {
      serviceType: 'Short term support: ST-Max',
      component: 'Reablement',
      providerPartnerId: bayside,
      deliveryMechanism: 'CASSR commissioned support',
      unit: 'hour',
      quantity: 7,
      frequency: 'per_week',
      unitCostPence: 1636,
      plannedStart: day(0),
    });
    await who('team_manager').post(`/api/service-lines/${line.id}/approve`, { version: 1 });
    const started = await sw.post(`/api/service-lines/${line.id}/start`, { startedOn: day(0), version: 2 });
    // Reablement is reviewed six weeks after it starts.
    expect(started.body.reviewScheduled.dueOn).toBe(day(42));
    const review = (await sw.get(`/api/people/${person.id}/reviews`)).body.reviews[0];
    expect(review).toMatchObject({ kind: 'planned', planId: plan.id, dueOn: day(42), reason: expect.stringContaining('short term') });

    const badOutcome = await sw.post(`/api/reviews/${review.id}/complete`, { outcomesAchieved: 'fully', outcome: 'Happy', version: 1 });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.details[0].field).toBe('outcome');
    const stale = await sw.post(`/api/reviews/${review.id}/complete`, { outcomesAchieved: 'fully', outcome: 'Continuation of support or services', version: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    const nextInPast = await sw.post(`/api/reviews/${review.id}/complete`, { outcomesAchieved: 'partly', outcome: 'Continuation of support or services', nextDueOn: day(-3) });
    expect(nextInPast.status).toBe(400);
    expect(nextInPast.body.details[0].field).toBe('nextDueOn');

    const done = await sw.post(`/api/reviews/${review.id}/complete`, {
      outcomesAchieved: 'partly',
      outcome: 'Continuation of support or services',
      note: 'Washing independently; still needs help with the stairs',
      changes: 'Reablement hours reduced from seven to four',
      version: 1,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcomesAchieved: 'partly', completedBy: sw.user.id, version: 2 });
    // Services continue, so the next planned review is a year on.
    expect(done.body.nextReview).toEqual({ id: expect.any(String), dueOn: expect.stringMatching(/^2027-/) });
    const again = await sw.post(`/api/reviews/${review.id}/complete`, { outcomesAchieved: 'fully', outcome: 'Continuation of support or services' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/completed/);

    const next = await sw.post(`/api/reviews/${done.body.nextReview.id}/complete`, {
      outcomesAchieved: 'fully',
      outcome: 'Continuation of support or services',
      nextDueOn: day(90),
    });
    expect(next.status).toBe(200);
    expect(next.body.nextReview.dueOn).toBe(day(90));
    const timeline = await sw.get(`/api/people/${person.id}/timeline?kind=review`);
    expect(timeline.body.items.map((i: any) => i.action).sort()).toEqual(['review.completed', 'review.completed', 'review.scheduled', 'review.scheduled', 'review.scheduled']);
  });

  it('are listed for the team holding the person’s open case, overdue ones when asked', async () => {
    const maud = await allocated('Duedate');
    const later = await allocated('Notyetdue');
    const sw = who('social_worker');
    const { body: due } = await sw.post('/api/reviews', { personId: maud.id, kind: 'unplanned', dueOn: day(0), reason: 'Daughter worried about falls' });
    const { body: notYet } = await sw.post('/api/reviews', { personId: later.id, kind: 'planned', dueOn: day(30), reason: 'Annual review' });
    const all = await who('team_manager').get(`/api/reviews?teamId=${maud.teamId}`);
    expect(all.status).toBe(200);
    const ids = all.body.reviews.map((r: any) => r.id);
    expect(ids).toContain(due.id);
    expect(ids).toContain(notYet.id);

    t.clock.advance(2 * 86_400_000);
    await signInAll();
    const overdue = await who('nurse').get(`/api/reviews?teamId=${maud.teamId}&overdue=true`);
    expect(overdue.status).toBe(200);
    const mine = overdue.body.reviews.find((r: any) => r.id === due.id);
    expect(mine).toMatchObject({ overdue: true, daysOverdue: 2, person: { id: maud.id, name: 'Maud Duedate' }, workerStaffId: (who('social_worker').user as any).staffId });
    expect(overdue.body.reviews.map((r: any) => r.id)).not.toContain(notYet.id);

    expect((await who('commissioner').get(`/api/reviews?teamId=${maud.teamId}&overdue=true`)).status).toBe(403);
    const place = await who('coordinator').get('/api/place');
    const otherTeam = place.body.teams.find((tm: any) => !who('social_worker').user.teams.some((mine: any) => mine.id === tm.id)).id;
    const notMine = await who('social_worker').get(`/api/reviews?teamId=${otherTeam}&overdue=true`);
    expect(notMine.status).toBe(403);
    const noTeam = await who('social_worker').get('/api/reviews?overdue=true');
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.details[0].field).toBe('teamId');
  });
});
