import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { allocatedPerson, completedEligibleAssessment, outcomesWithUnable, put } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
const numbers = testNhsNumbers(999_950_000);
const measure = (c: Client, query: string) => c.get(`/api/measures/package-in-28-days?${query}`);

async function signInAll() {
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'board_member', 'finance_officer'] as Role[]) {
    as[role] = await t.signIn(role);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  await signInAll();
  place = (await who('coordinator').get('/api/place')).body;
});
afterAll(() => t.close());

/** A person registered by the nurse (no case), assessed eligible by the nurse alone. */
async function assessedByNurseAlone(gpPracticeOds: string) {
  const nurse = who('nurse');
  const { body: person } = await nurse.post('/api/people', {
    givenName: 'Ivy',
    familyName: 'Nocase',
    birthDate: '1944-04-04',
    gender: '2',
    gpPracticeOds,
    allowPossibleDuplicate: true,
  });
  const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
  await put(t, nurse, `/api/assessments/${a.id}/sections/impairment`, { content: { hasImpairmentOrIllness: true } });
  await put(t, nurse, `/api/assessments/${a.id}/sections/outcomes`, { content: outcomesWithUnable('nutrition', 'toiletNeeds') });
  const saved = await put(t, nurse, `/api/assessments/${a.id}/sections/wellbeing`, { content: { significantImpact: true, areas: ['personal_dignity'] } });
  const done = await nurse.post(`/api/assessments/${a.id}/complete`, { eligibilityDecision: 'eligible', outcome: 'Progress to support planning or services', version: saved.body.assessmentVersion });
  expect(done.status).toBe(200);
  return person;
}

const zoneRow = (res: any, zoneId: string) => res.body.rows.find((r: any) => r.key.id === zoneId) ?? { assessments: 0, stillOpen: 0 };

describe('the 28-day measure', () => {
  it('shows practitioners only the people they may open, and aggregates only to managers, commissioners and the board', async () => {
    const zone2 = place.zones[1];
    const before = zoneRow(await measure(who('commissioner'), 'by=zone'), zone2.id);
    const ivy = await assessedByNurseAlone(zone2.practices[0].odsCode);
    const byNurse = await measure(who('nurse'), 'by=person');
    expect(byNurse.status).toBe(200);
    expect(byNurse.body.rows.find((r: any) => r.person.id === ivy.id)).toMatchObject({ status: 'open', days: 0, daysLeft: 28, warning: false, person: { name: 'Ivy Nocase' } });
    // The social worker has no relationship with Ivy: she is not in their rows.
    const bySocialWorker = await measure(who('social_worker'), 'by=person');
    expect(bySocialWorker.body.rows.some((r: any) => r.person.id === ivy.id)).toBe(false);
    // No open case: her zone follows from her GP practice.
    const after = zoneRow(await measure(who('commissioner'), 'by=zone'), zone2.id);
    expect(after.assessments).toBe(before.assessments + 1);
    expect(after.stillOpen).toBe(before.stillOpen + 1);

    const boardByZone = await measure(who('board_member'), 'by=zone');
    expect(boardByZone.status).toBe(200);
    expect(boardByZone.body.rows.every((r: any) => !('person' in r))).toBe(true);
    const byWorker = await measure(who('team_manager'), 'by=worker');
    expect(byWorker.body.rows.find((r: any) => r.key.id === who('nurse').user.id)).toMatchObject({ key: { name: who('nurse').user.displayName } });

    const commissionerPeople = await measure(who('commissioner'), 'by=person');
    expect(commissionerPeople.status).toBe(403);
    const workerAggregates = await measure(who('social_worker'), 'by=team');
    expect(workerAggregates.status).toBe(403);
    expect((await measure(who('finance_officer'), 'by=zone')).status).toBe(403);
  });

  it('warns from 21 days and counts a package still awaited after 28 days as breached', async () => {
    const person = await allocatedPerson(
      t,
      { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') },
      (who('social_worker').user as any).staffId,
      { nhsNumber: numbers.next().value, givenName: 'Lena', familyName: 'Waitingham', birthDate: '1939-09-09', gender: '2', gpPracticeOds: place.zones[0].practices[0].odsCode },
    );
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
    expect(assessment.completedOn).toBe('2026-11-02');
    const teamBefore = (await measure(who('team_manager'), 'by=team')).body.rows.find((r: any) => r.key.id === person.teamId);
    expect(teamBefore.key.name).toBeTruthy();

    t.clock.advance(22 * 86_400_000);
    await signInAll();
    const warned = await measure(who('social_worker'), 'by=person');
    expect(warned.body.rows.find((r: any) => r.person.id === person.id)).toMatchObject({ status: 'open', days: 22, warning: true, daysLeft: 6 });
    expect(warned.body.totals.warnings).toBeGreaterThanOrEqual(1);

    t.clock.advance(7 * 86_400_000);
    await signInAll();
    const breached = await measure(who('social_worker'), 'by=person');
    expect(breached.body.rows.find((r: any) => r.person.id === person.id)).toMatchObject({ status: 'breached', days: 29, inPlace: false, warning: false });
    const team = (await measure(who('team_manager'), 'by=team')).body.rows.find((r: any) => r.key.id === person.teamId);
    expect(team.breachedStillOpen).toBeGreaterThanOrEqual(1);

    // A period that ends before the assessment leaves it out; a period the wrong way round is refused.
    const earlier = await measure(who('social_worker'), 'by=person&from=2026-01-01&to=2026-11-01');
    expect(earlier.body.rows.some((r: any) => r.person.id === person.id)).toBe(false);
    const backwards = await measure(who('social_worker'), 'by=person&from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0].field).toBe('from');
    const badBy = await measure(who('team_manager'), 'by=planet');
    expect(badBy.status).toBe(400);
    expect(badBy.body.details[0].field).toBe('by');
    const badDate = await measure(who('team_manager'), 'by=team&to=2026-02-30');
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0].field).toBe('to');
  });
});
