import { grantRelationship } from '../../access/relationships.js';
import type { Answer, Client, TestApp } from '../../../tests/support/test-app.js';
import { careActOutcomes } from './sections.js';

/** Helpers the pathway's integration tests share (test code, kept beside the module it serves). */

let counter = 0;

/** PUT through the real HTTP layer (the shared test client speaks the other verbs). */
export async function put(t: TestApp, c: Client, url: string, body: unknown): Promise<Answer> {
  const res = await t.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken }, payload: body as object });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

/**
 * A new person whom the creator's team holds on its caseload, as allocation would leave them:
 * the creator registers them, and the team is granted an integrated caseload relationship.
 */
export async function personOnTeamCaseload(t: TestApp, creator: Client, over: Record<string, unknown> = {}): Promise<{ id: string; teamId: string }> {
  counter += 1;
  const made = await creator.post('/api/people', {
    givenName: 'Edith',
    familyName: `Pathway${String.fromCharCode(65 + (counter % 26))}${String.fromCharCode(65 + Math.floor(counter / 26) % 26)}`,
    birthDate: '1941-03-14',
    gender: '2',
    postcode: 'TQ1 4QQ',
    allowPossibleDuplicate: true,
    ...over,
  });
  if (made.status !== 201) throw new Error(`could not create a person: ${made.status} ${JSON.stringify(made.body)}`);
  const teamId = creator.user.teams[0]!.id;
  await grantRelationship(t.database.db, {
    placeId: creator.placeId,
    personId: made.body.id,
    kind: 'caseload',
    teamId,
    sector: 'integrated',
    reason: 'allocated to the zone team',
    validFrom: new Date(t.clock.now().getTime() - 60_000),
    grantedBy: creator.user.id,
  });
  return { id: made.body.id, teamId };
}

/** Every Care Act outcome achieved, except those named (unable with assistance). */
export function outcomesWithUnable(...unable: string[]) {
  return Object.fromEntries(
    careActOutcomes.map((k) => [k, unable.includes(k) ? { canAchieve: false, ways: ['needs_assistance'], note: 'needs help every day' } : { canAchieve: true }]),
  );
}

/**
 * A nurse and a social worker write one shared assessment and the social worker completes it
 * as eligible; answers the completed assessment.
 */
export async function completedEligibleAssessment(t: TestApp, nurse: Client, socialWorker: Client, personId: string) {
  const started = await socialWorker.post('/api/assessments', { personId, kind: 'needs' });
  if (started.status !== 201) throw new Error(`could not start: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id;
  const saves: [Client, string, unknown][] = [
    [nurse, 'health', { conditions: 'Osteoarthritis; fall at home in October', mobilityAndFalls: 'Walks with a frame' }],
    [nurse, 'impairment', { hasImpairmentOrIllness: true, description: 'Osteoarthritis of both knees' }],
    [socialWorker, 'outcomes', outcomesWithUnable('personalHygiene', 'nutrition', 'homeSafely')],
    [socialWorker, 'wellbeing', { significantImpact: true, areas: ['personal_dignity', 'physical_mental_health_emotional_wellbeing'] }],
  ];
  for (const [who, section, content] of saves) {
    const saved = await put(t, who, `/api/assessments/${id}/sections/${section}`, { content, version: 0 });
    if (saved.status !== 200) throw new Error(`could not save ${section}: ${saved.status} ${JSON.stringify(saved.body)}`);
  }
  const read = await socialWorker.get(`/api/assessments/${id}`);
  const done = await socialWorker.post(`/api/assessments/${id}/complete`, {
    eligibilityDecision: 'eligible',
    outcome: 'Progress to support planning or services',
    version: read.body.version,
  });
  if (done.status !== 200) throw new Error(`could not complete: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body;
}

/**
 * A person referred by their GP, accepted by the co-ordinator to the zone team of their
 * practice, and allocated by the team manager to a worker: an open case on the team's caseload.
 */
export async function allocatedPerson(
  t: TestApp,
  by: { integration: Client; coordinator: Client; manager: Client },
  workerStaffId: string,
  person: Record<string, unknown>,
): Promise<{ id: string; teamId: string; referralId: string }> {
  const referral = await by.integration.post('/api/referrals', {
    person,
    source: 'gp',
    routeOfAccess: 'Community or other route',
    reason: 'Struggling at home after a fall.',
    urgency: 'routine',
  });
  if (referral.status !== 201) throw new Error(`referral: ${referral.status} ${JSON.stringify(referral.body)}`);
  const accepted = await by.coordinator.post(`/api/referrals/${referral.body.id}/accept`, { version: referral.body.version });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const allocated = await by.manager.post(`/api/referrals/${referral.body.id}/allocate`, { workerStaffId, version: accepted.body.version });
  if (allocated.status !== 200) throw new Error(`allocate: ${allocated.status} ${JSON.stringify(allocated.body)}`);
  return { id: referral.body.person.id, teamId: accepted.body.team.id, referralId: referral.body.id };
}
