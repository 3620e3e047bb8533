import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { testNhsNumbers } from '../people/nhs-number.js';
import { allocatedPerson, completedEligibleAssessment } from '../pathway/assessments/int-support.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { commitmentRows, recalculateCommitments } from './commitments.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
let bayside: string;
const numbers = testNhsNumbers(999_930_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'finance_officer'] as Role[]) as[role] = await t.signIn(role);
  place = (await who('coordinator').get('/api/place')).body;
  bayside = place.partners.find((p: any) => p.name === 'Bayside Home Care Ltd').id;
});
afterAll(() => t.close());

async function proposedLine(familyName: string, quantity: number) {
  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber: numbers.next().value,
    givenName: 'Gladys',
    familyName,
    birthDate: '1939-03-03',
    gender: '2',
    gpPracticeOds: place.zones[0].practices[0].odsCode,
  });
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot wash alone', outcome: 'Washed every morning' }] });
  const res = await who('social_worker').post(`/api/plans/${plan.body.id}/lines`, {
    serviceType: 'Long term support: Community',
    component: 'Home support or domiciliary care',
    providerPartnerId: bayside,
    deliveryMechanism: 'CASSR commissioned support',
    unit: 'hour',
    frequency: 'per_week',
    unitCostPence: 1636,
    quantity,
    plannedStart: '2026-11-16',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const step = async (lineId: string, what: string, body: Record<string, unknown>, version: number) => {
  const res = await who(what === 'approve' ? 'team_manager' : 'social_worker').post(`/api/service-lines/${lineId}/${what}`, { ...body, version });
  expect({ what, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ what, status: 200, body: null });
};
const commitments = async (on?: string) => (await who('finance_officer').get(`/api/finance/commitments${on ? `?on=${on}` : ''}`)).body;
const lineOf = (body: any, code: string) => body.lines.find((l: any) => l.code === code);
const state = async () =>
  (await commitmentRows(t.database.db, who('finance_officer').placeId)).map(({ updatedAt: _, ...r }) => r).sort((a, b) => a.serviceLineId.localeCompare(b.serviceLineId));

describe('commitments from care packages', () => {
  it('commits an approved line to its budget line, stops an ended one at its end, drops a cancelled one, and equals a full recalculation', async () => {
    await t.database.db.transaction((tx) => recalculateCommitments(tx, who('finance_officer').placeId, new Date()));
    const code = `BL/home_care/older_people/${place.zones[0].code}`;
    const before = lineOf(await commitments(), code) ?? { lines: 0, commitmentPence: 0 };

    const a = await proposedLine('Commitmenta', 10);
    // Proposed is not yet committed.
    expect(lineOf(await commitments(), code) ?? { lines: 0 }).toMatchObject({ lines: before.lines });
    await step(a, 'approve', {}, 1);
    // £163.60 a week from its start on 16 November to 31 March (136 days) is £3,178.51.
    expect(lineOf(await commitments(), code)).toMatchObject({ lines: before.lines + 1, commitmentPence: before.commitmentPence + 317_851 });
    const beforeOn16th = lineOf(await commitments('2026-11-16'), code).commitmentPence - 317_851;

    const b = await proposedLine('Commitmentb', 5);
    await step(b, 'approve', {}, 1);
    await step(b, 'cancel', { reason: 'Family now provides the care' }, 2);
    t.clock.set(new Date('2026-11-16T10:00:00Z'));
    for (const role of Object.keys(as) as Role[]) as[role] = await t.signIn(role);
    await step(a, 'start', { startedOn: '2026-11-16' }, 2);
    await step(a, 'end', { endedOn: '2026-11-16', reason: 'Moved to a care home' }, 3);
    // Ended on the day it started: one day of £163.60 a week, £23.37, and nothing from the day after.
    expect(lineOf(await commitments('2026-11-16'), code)).toMatchObject({ commitmentPence: beforeOn16th + 2_337 });

    const c = await proposedLine('Commitmentc', 7.5);
    await step(c, 'approve', {}, 1);

    const incremental = await state();
    expect(incremental.find((r) => r.serviceLineId === b)).toBeUndefined();
    expect(incremental.find((r) => r.serviceLineId === a)).toMatchObject({ budgetLineCode: code, endOn: '2026-11-16', weeklyPence: 16_360 });
    await t.database.db.transaction((tx) => recalculateCommitments(tx, who('finance_officer').placeId, new Date()));
    expect(await state()).toEqual(incremental);
  });

  it('is refused to roles outside the open book, and a bad day is a 400 naming the field', async () => {
    const refused = await who('social_worker').get('/api/finance/commitments');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Finance officer/);
    const bad = await who('finance_officer').get('/api/finance/commitments?on=2026-13-45');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/on/);
  });

  it('names no person in the answer', async () => {
    const body = await commitments();
    expect(JSON.stringify(body)).not.toMatch(/Gladys|Commitment[abc]/);
  });
});
