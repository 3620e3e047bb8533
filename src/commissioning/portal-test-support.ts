/** Test support of the provider portal: a person with a plan whose lines the tests approve and place. */
import type { Role } from '../access/roles.js';
import { testNhsNumbers } from '../people/nhs-number.js';
import { allocatedPerson, completedEligibleAssessment } from '../pathway/assessments/int-support.js';
import type { Client, TestApp } from '../../tests/support/test-app.js';

type PlaceAnswer = { partners: { id: string; kind: string; name: string }[]; zones: { practices: { odsCode: string }[] }[] };
type LineAnswer = { id: string; version: number; provider: { id: string } };

export const staffRoles: Role[] = ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'auditor', 'provider_staff'];

export type Staff = Partial<Record<Role, Client>>;

export async function signInAll(t: TestApp): Promise<Staff & { place: PlaceAnswer; providers: Record<string, string> }> {
  const as: Staff = {};
  for (const role of staffRoles) as[role] = await t.signIn(role);
  const place = (await as.coordinator!.get('/api/place')).body as PlaceAnswer;
  const providers = Object.fromEntries(place.partners.filter((p) => p.kind === 'provider').map((p) => [p.name, p.id]));
  return { ...as, place, providers };
}

const numbers = testNhsNumbers(999_930_000);

export const homeCareLine = (providerPartnerId: string, over: Record<string, unknown> = {}) => ({
  serviceType: 'Long term support: Community',
  component: 'Home support or domiciliary care',
  providerPartnerId,
  deliveryMechanism: 'CASSR commissioned support',
  unit: 'hour',
  frequency: 'per_week',
  quantity: 7,
  unitCostPence: 1636,
  plannedStart: '2026-11-02',
  ...over,
});

/** A person (with an address and phone) assessed eligible, with lines proposed by the social worker and approved by the team manager. */
export async function approvedLines(t: TestApp, as: Staff & { place: PlaceAnswer }, familyName: string, lines: Record<string, unknown>[]) {
  const nhsNumber = numbers.next().value as string;
  const person = await allocatedPerson(t, { integration: as.integration!, coordinator: as.coordinator!, manager: as.team_manager! }, (as.social_worker!.user as unknown as { staffId: string }).staffId, {
    nhsNumber,
    givenName: 'Edna',
    familyName,
    birthDate: '1938-04-04',
    gender: '2',
    addressLines: ['7 Quayside Row', 'Paignton'],
    postcode: 'TQ4 6AA',
    phone: '01803 555123',
    gpPracticeOds: as.place.zones[0]!.practices[0]!.odsCode,
  });
  const assessment = await completedEligibleAssessment(t, as.nurse!, as.social_worker!, person.id);
  const plan = await as.social_worker!.post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot wash alone', outcome: 'Washed every morning' }] });
  if (plan.status !== 201) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  const made: LineAnswer[] = [];
  for (const l of lines) {
    const res = await as.social_worker!.post(`/api/plans/${plan.body.id}/lines`, l);
    if (res.status !== 201) throw new Error(`line: ${res.status} ${JSON.stringify(res.body)}`);
    const ok = await as.team_manager!.post(`/api/service-lines/${res.body.id}/approve`, { version: res.body.version });
    if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${JSON.stringify(ok.body)}`);
    made.push(ok.body as LineAnswer);
  }
  return { person: { ...person, nhsNumber }, planId: plan.body.id as string, lines: made };
}
