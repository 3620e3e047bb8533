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
  (await commitmentRows(t.database.db, who('finance_officer').placeId)).map(({ updatedAt: _, ...r }) => r).sort((a, b) => a.serviceLineId.localeCompare(b.serviceLineId) || a.startOn.localeCompare(b.startOn));

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
    // 7.5 hours at £16.36 is £122.70 a week: 136 days to 31 March commit £2,383.89.
    const beforeVariation = lineOf(await commitments(), code).commitmentPence;
    // Re-priced to 10 hours from 4 January: £122.70 a week for 49 days (£858.90), then £163.60 a week for 87 days (£2,033.31), each rounded once.
    const varied = await who('social_worker').post(`/api/service-lines/${c}/variation`, { from: '2027-01-04', quantity: 10, reason: 'Needs a longer morning call', version: 2 });
    expect([varied.status, varied.body.version, varied.body.quantity, varied.body.weeklyCostPence, varied.body.priceFrom]).toEqual([200, 3, 10, 16_360, '2027-01-04']);
    expect(lineOf(await commitments(), code)).toMatchObject({ commitmentPence: beforeVariation - 238_389 + 85_890 + 203_331 });
    expect((await state()).filter((r) => r.serviceLineId === c).map((r) => [r.startOn, r.endOn, r.weeklyPence])).toEqual([
      ['2026-11-16', '2027-01-03', 12_270],
      ['2027-01-04', null, 16_360],
    ]);
    const history = await who('social_worker').get(`/api/service-lines/${c}/versions`);
    expect(history.body.versions.map((v: any) => v.change)).toEqual(['proposed', 'approved', 'varied']);

    const incremental = await state();
    expect(incremental.find((r) => r.serviceLineId === b)).toBeUndefined();
    expect(incremental.find((r) => r.serviceLineId === a)).toMatchObject({ budgetLineCode: code, endOn: '2026-11-16', weeklyPence: 16_360 });
    await t.database.db.transaction((tx) => recalculateCommitments(tx, who('finance_officer').placeId, new Date()));
    expect(await state()).toEqual(incremental);
  });

  it('re-pricing refuses a day before the present price, no change, a stale version or a line that is not running', async () => {
    const d = await proposedLine('Commitmentd', 4);
    const vary = (body: Record<string, unknown>) => who('social_worker').post(`/api/service-lines/${d}/variation`, { reason: 'Price review', ...body });
    expect((await vary({ from: '2026-12-01', unitCostPence: 1700, version: 1 })).status).toBe(409);
    await step(d, 'approve', {}, 1);
    const early = await vary({ from: '2026-11-01', unitCostPence: 1700, version: 2 });
    expect([early.status, early.body.details[0]]).toEqual([400, { field: 'from', problem: 'must not be before 2026-11-16, when the line is planned to start' }]);
    const same = await vary({ from: '2026-12-01', quantity: 4, version: 2 });
    expect([same.status, same.body.details[0].field]).toEqual([400, 'quantity']);
    const float = await vary({ from: '2026-12-01', unitCostPence: 17.5, version: 2 });
    expect([float.status, float.body.details[0].field]).toEqual([400, 'unitCostPence']);
    expect((await vary({ from: '2026-12-01', unitCostPence: 1700, version: 2 })).status).toBe(200);
    const again = await vary({ from: '2026-12-01', unitCostPence: 1800, version: 3 });
    expect([again.status, again.body.details[0].problem]).toEqual([400, 'must be after 2026-12-01, when the present price applies from']);
    expect((await vary({ from: '2027-01-01', unitCostPence: 1800, version: 2 })).status).toBe(409);
    expect((await who('finance_officer').post(`/api/service-lines/${d}/variation`, { from: '2027-01-01', unitCostPence: 1800, reason: 'x', version: 3 })).status).toBe(403);
    const rows = await state();
    await t.database.db.transaction((tx) => recalculateCommitments(tx, who('finance_officer').placeId, new Date()));
    expect(await state()).toEqual(rows);
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
