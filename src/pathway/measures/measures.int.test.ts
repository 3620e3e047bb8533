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
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'board_member', 'finance_officer', 'auditor'] as Role[]) {
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

describe('the 28-day measure, narrowed', () => {
  it('to one assessment (whenever it was completed), one person, worker, team or zone', async () => {
    await signInAll();
    const person = await allocatedPerson(
      t,
      { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') },
      (who('social_worker').user as any).staffId,
      { nhsNumber: numbers.next().value, givenName: 'Hilda', familyName: 'Filterby', birthDate: '1940-01-30', gender: '2', gpPracticeOds: place.zones[0].practices[0].odsCode },
    );
    const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);

    const one = await measure(who('social_worker'), `by=person&assessmentId=${assessment.id}`);
    expect(one.status).toBe(200);
    expect(one.body.rows).toHaveLength(1);
    expect(one.body.rows[0]).toMatchObject({ assessmentId: assessment.id, person: { id: person.id, name: 'Hilda Filterby' }, status: 'open', days: 0 });
    expect(one.body).toMatchObject({ from: assessment.completedOn, to: assessment.completedOn, totals: { assessments: 1, stillOpen: 1 } });
    const theirs = await measure(who('social_worker'), `by=person&personId=${person.id}`);
    expect(theirs.body.rows.map((r: any) => r.assessmentId)).toEqual([assessment.id]);

    const byTeam = await measure(who('team_manager'), `by=team&teamId=${person.teamId}`);
    expect(byTeam.body.rows.map((r: any) => r.key.id)).toEqual([person.teamId]);
    expect(byTeam.body.totals).toMatchObject({ assessments: byTeam.body.rows[0].assessments, stillOpen: byTeam.body.rows[0].stillOpen });
    const allTeams = await measure(who('team_manager'), 'by=team');
    expect(allTeams.body.rows.find((r: any) => r.key.id === person.teamId)).toEqual(byTeam.body.rows[0]);
    const zone1 = place.zones[0].id;
    const byZone = await measure(who('commissioner'), `by=zone&zoneId=${zone1}`);
    expect(byZone.body.rows.map((r: any) => r.key.id)).toEqual([zone1]);
    const worker = who('social_worker').user.id;
    const byWorker = await measure(who('board_member'), `by=worker&workerId=${worker}`);
    expect(byWorker.body.rows.map((r: any) => r.key.id)).toEqual([worker]);
    expect(byWorker.body.rows[0].assessments).toBeGreaterThanOrEqual(1);
    // A team filter on the rows of one practitioner: only those of the team, and hers among them.
    const mineInTeam = await measure(who('social_worker'), `by=person&teamId=${person.teamId}`);
    expect(mineInTeam.body.rows.some((r: any) => r.assessmentId === assessment.id)).toBe(true);

    // Thirteen months on, the default period has passed it by; asked for by id, it is still there.
    t.clock.advance(396 * 86_400_000);
    await signInAll();
    const later = await measure(who('social_worker'), 'by=person');
    expect(later.body.rows.some((r: any) => r.assessmentId === assessment.id)).toBe(false);
    const byId = await measure(who('social_worker'), `by=person&assessmentId=${assessment.id}`);
    expect(byId.body.rows[0]).toMatchObject({ assessmentId: assessment.id, status: 'breached', inPlace: false });
  });

  it('refuses one person’s row to a practitioner without a relationship, and audits it', async () => {
    await signInAll();
    const stranger = await assessedByNurseAlone(place.zones[1].practices[0].odsCode);
    const refused = await measure(who('social_worker'), `by=person&personId=${stranger.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', breakGlassAllowed: true });
    const audit = await who('auditor').get(`/api/audit?personId=${stranger.id}&limit=20`);
    expect(audit.body.entries.some((e: any) => e.action === 'measure.package_28_days' && e.outcome === 'denied' && e.user.id === who('social_worker').user.id)).toBe(true);
    // The nurse who assessed her sees her row.
    expect((await measure(who('nurse'), `by=person&personId=${stranger.id}`)).body.rows).toHaveLength(1);
  });

  it('answers 400 naming the filter: one person in an aggregate, ids that are not ids, or not of this place', async () => {
    await signInAll();
    const single = await measure(who('team_manager'), 'by=team&personId=0190a3c5-0000-7000-8000-000000000001');
    expect(single.status).toBe(400);
    expect(single.body.details).toEqual([{ field: 'personId', problem: 'is only for by=person' }]);
    expect(single.body.message).toMatch(/never shows one person/);
    const notAnId = await measure(who('team_manager'), 'by=team&teamId=north');
    expect(notAnId.body.details).toEqual([{ field: 'teamId', problem: 'must be a team id (a UUID)' }]);
    const noTeam = await measure(who('team_manager'), 'by=team&teamId=0190a3c5-0000-7000-8000-000000000002');
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.details).toEqual([{ field: 'teamId', problem: 'is not a team in this place' }]);
    const noAssessment = await measure(who('social_worker'), 'by=person&assessmentId=0190a3c5-0000-7000-8000-000000000003');
    expect(noAssessment.status).toBe(400);
    expect(noAssessment.body.details[0].field).toBe('assessmentId');
    const noWorker = await measure(who('commissioner'), 'by=worker&workerId=0190a3c5-0000-7000-8000-000000000004');
    expect(noWorker.body.details[0].field).toBe('workerId');
  });
});
