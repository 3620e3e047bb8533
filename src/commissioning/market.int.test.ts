import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { rowsOf, sql } from '../platform/db.js';
import { testNhsNumbers } from '../people/nhs-number.js';
import { allocatedPerson, completedEligibleAssessment } from '../pathway/assessments/int-support.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { insertContract, insertDeliveries, insertLinePricing, insertPostedPayRun, insertProvider } from './market-test-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
let placeId: string;
let provider: string;
let zone: string;
let lineA: string;
let lineB: string;
const numbers = testNhsNumbers(999_940_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;
const budgetLine = () => `BL/home_care/older_people/${zone}`;
let before: Record<string, any> = {};

async function newPlan(familyName: string) {
  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber: numbers.next().value,
    givenName: 'Marian',
    familyName,
    birthDate: '1940-05-05',
    gender: '2',
    gpPracticeOds: place.zones[0].practices[0].odsCode,
  });
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const plan = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot dress alone', outcome: 'Dressed every morning' }] });
  expect(plan.status).toBe(201);
  return plan.body.id as string;
}

async function approvedLine(planId: string, line: { unit: string; frequency: string; quantity: number; unitCostPence: number }) {
  const res = await who('social_worker').post(`/api/plans/${planId}/lines`, {
    serviceType: 'Long term support: Community',
    component: 'Home support or domiciliary care',
    providerPartnerId: provider,
    deliveryMechanism: 'CASSR commissioned support',
    plannedStart: '2026-11-16',
    ...line,
  });
  expect(res.status).toBe(201);
  const approved = await who('team_manager').post(`/api/service-lines/${res.body.id}/approve`, { version: 1 });
  expect(approved.status).toBe(200);
  return res.body.id as string;
}

const market = async (by: string, from = '2026-11', to = '2026-12') => {
  const res = await who('commissioner').get(`/api/commissioning/market?from=${from}&to=${to}&by=${by}`);
  expect(res.status).toBe(200);
  return res.body;
};
const rowOf = (view: any, month: string, key: string) => view.rows.find((r: any) => r.month === month && r.key === key) ?? { committedPence: 0, plannedHoursHundredths: 0, packages: 0, people: 0 };

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'finance_officer'] as Role[]) as[role] = await t.signIn(role);
  place = (await who('coordinator').get('/api/place')).body;
  placeId = who('commissioner').placeId;
  zone = place.zones[0].code;
  provider = await insertProvider(t.database.db, placeId, 'Marketfield Home Care Ltd');
  before = { zone: await market('zone'), service: await market('service') };
  const first = await newPlan('Marketone');
  const second = await newPlan('Markettwo');
  // £16.36 an hour: 10 hours a week is £163.60 a week; 1.5 hours a day is 10.5 hours and £171.78 a week.
  lineA = await approvedLine(first, { unit: 'hour', frequency: 'per_week', quantity: 10, unitCostPence: 1636 });
  lineB = await approvedLine(second, { unit: 'hour', frequency: 'per_day', quantity: 1.5, unitCostPence: 1636 });
  // Two visits a week at £20.00: £40.00 a week, spend but no hours.
  await approvedLine(first, { unit: 'visit', frequency: 'per_week', quantity: 2, unitCostPence: 2000 });
});
afterAll(() => t.close());

// Each line's month is its weekly figure × its days in the month ÷ 7, rounded half up once.
const by = (weekly: number, days: number) => Math.floor((2 * weekly * days + 7) / 14);
const nov = { a: by(16_360, 15), b: by(17_178, 15), c: by(4_000, 15), ha: by(1_000, 15), hb: by(1_050, 15) };
const dec = { a: by(16_360, 31), b: by(17_178, 31), c: by(4_000, 31), ha: by(1_000, 31), hb: by(1_050, 31) };

describe('the market view', () => {
  it('commits each line’s weekly cost over its days in each month, counts hours of hourly lines only, and prices the hour', async () => {
    // 16 to 30 November is 15 days: £350.57 + £368.10 + £85.71; 21.43 + 22.50 hours.
    expect([nov.a, nov.b, nov.c, nov.ha, nov.hb]).toEqual([35_057, 36_810, 8_571, 2_143, 2_250]);
    const view = await market('provider');
    expect(view.months).toEqual(['2026-11', '2026-12']);
    expect(view.groups).toContainEqual({ key: provider, label: 'Marketfield Home Care Ltd' });
    expect(rowOf(view, '2026-11', provider)).toEqual({
      month: '2026-11',
      key: provider,
      label: 'Marketfield Home Care Ltd',
      committedPence: nov.a + nov.b + nov.c,
      paidPence: 0,
      plannedHoursHundredths: nov.ha + nov.hb,
      deliveredHoursHundredths: 0,
      // £718.67 over 43.93 hours is £16.3594… an hour: £16.36.
      pricePerHourPence: 1636,
      paidPerDeliveredHourPence: null,
      packages: 2,
      people: 2,
    });
    expect(rowOf(view, '2026-12', provider)).toMatchObject({ committedPence: dec.a + dec.b + dec.c, plannedHoursHundredths: dec.ha + dec.hb, pricePerHourPence: 1636, packages: 2, people: 2 });
    expect(JSON.stringify(view)).not.toMatch(/Marketone|Markettwo|Marian/);
    expect(Object.keys(view.rows[0])).not.toContain('personId');
  });

  it('adds the same spend to the lines’ zone and service, and the totals are the sum of the groups', async () => {
    for (const grouping of ['zone', 'service'] as const) {
      const key = grouping === 'zone' ? zone : 'home_care';
      const after = await market(grouping);
      expect(rowOf(after, '2026-11', key).committedPence - rowOf(before[grouping], '2026-11', key).committedPence).toBe(nov.a + nov.b + nov.c);
      expect(rowOf(after, '2026-12', key).plannedHoursHundredths - rowOf(before[grouping], '2026-12', key).plannedHoursHundredths).toBe(dec.ha + dec.hb);
      for (const month of after.months) {
        const total = after.totals.find((x: any) => x.month === month);
        expect(after.rows.filter((r: any) => r.month === month).reduce((s: number, r: any) => s + r.committedPence, 0)).toBe(total.committedPence);
      }
    }
    expect(rowOf(await market('zone'), '2026-11', zone).label).toBe(place.zones[0].name);
  });

  it('counts what posted pay runs paid in their posting month and the hours providers recorded', async () => {
    const payer = place.partners.find((p: any) => p.kind === 'council').id;
    const preparer = who('finance_officer').user.id;
    await insertPostedPayRun(t.database.db, placeId, payer, preparer, '2026-12-05', [{ provider, serviceLineId: lineA, budgetLineCode: budgetLine(), amountPence: 16_360 }]);
    // A pay run not yet posted pays nothing in the market view.
    await insertPostedPayRun(t.database.db, placeId, payer, preparer, '2026-12-06', [{ provider, serviceLineId: lineB, budgetLineCode: budgetLine(), amountPence: 99_999 }], 'approved');
    await insertDeliveries(t.database.db, placeId, lineA, provider, [
      { on: '2026-11-30', hoursHundredths: 200 },
      { on: '2026-12-01', hoursHundredths: 500 },
      { on: '2026-12-08', hoursHundredths: 550 },
    ]);
    const view = await market('provider');
    expect(rowOf(view, '2026-11', provider)).toMatchObject({ paidPence: 0, deliveredHoursHundredths: 200 });
    // £163.60 paid for 10.5 hours delivered is £15.58 an hour.
    expect(rowOf(view, '2026-12', provider)).toMatchObject({ paidPence: 16_360, deliveredHoursHundredths: 1_050, paidPerDeliveredHourPence: 1_558 });
    const zoned = await market('zone');
    expect(rowOf(zoned, '2026-12', zone).paidPence - (rowOf(before.zone, '2026-12', zone).paidPence ?? 0)).toBe(16_360);
  });

  it('downloads the same table as CSV, pounds and hours with two decimals', async () => {
    const res = await who('commissioner').get('/api/commissioning/market.csv?from=2026-11&to=2026-12&by=provider');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/text\/csv/);
    expect(String(res.headers['content-disposition'])).toContain('market-by-provider-2026-11-to-2026-12.csv');
    const lines = String(res.body).split('\r\n');
    expect(lines[0]).toBe('Month,Provider,Committed spend (£),Paid spend (£),Planned hours,Delivered hours,Price per planned hour (£),Packages,People');
    expect(lines).toContain('2026-11,Marketfield Home Care Ltd,804.38,0.00,43.93,2.00,16.36,2,2');
    expect(lines).toContain(`2026-12,Marketfield Home Care Ltd,${((dec.a + dec.b + dec.c) / 100).toFixed(2)},163.60,${((dec.ha + dec.hb) / 100).toFixed(2)},10.50,16.36,2,2`);
    const view = await market('provider');
    expect(lines.filter((l) => l.startsWith('2026-')).length).toBe(view.rows.length + view.totals.length);
  });

  it('shows a block contract’s units bought against the lines priced on it, and spend to date', async () => {
    const council = place.partners.find((p: any) => p.kind === 'council').id;
    const block = await insertContract(t.database.db, placeId, { provider, commissioner: council, reference: 'MKT-BLOCK-1', kind: 'block', budgetLineCode: budgetLine(), startsOn: '2026-04-01', blockWeeklyUnitsHundredths: 2_000, rates: [{ ratePence: 1636, from: '2026-04-01' }] });
    await insertLinePricing(t.database.db, placeId, lineA, block.contractId, block.rateIds[0]!, '2026-11-16', 1636);
    const on20th = await who('commissioner').get('/api/commissioning/market/utilisation?on=2026-11-20');
    expect(on20th.status).toBe(200);
    // 10 hours a week placed of 20 bought: 50%; 16 to 20 November is 5 days of £163.60 a week, £116.86.
    expect(on20th.body.contracts.find((c: any) => c.reference === 'MKT-BLOCK-1')).toMatchObject({
      kind: 'block',
      providerName: 'Marketfield Home Care Ltd',
      blockWeeklyUnitsHundredths: 2_000,
      placedLines: 1,
      placedWeeklyUnitsHundredths: 1_000,
      utilisationBp: 5_000,
      committedToDatePence: 11_686,
      paidToDatePence: 0,
    });
    const yearEnd = await who('commissioner').get('/api/commissioning/market/utilisation?on=2026-12-31');
    // 46 days of £163.60 a week is £1,075.09; the December pay run paid £163.60.
    expect(yearEnd.body.contracts.find((c: any) => c.reference === 'MKT-BLOCK-1')).toMatchObject({ committedToDatePence: 107_509, paidToDatePence: 16_360 });
  });

  it('compares home-care rates in force month by month; a place with no in-house model shows none', async () => {
    const council = place.partners.find((p: any) => p.kind === 'council').id;
    const spot = await insertProvider(t.database.db, placeId, 'Spotwell Care Ltd');
    await insertContract(t.database.db, placeId, { provider: spot, commissioner: council, reference: 'MKT-SPOT-1', kind: 'spot', budgetLineCode: budgetLine(), startsOn: '2026-04-01', rates: [{ ratePence: 1636, from: '2026-04-01', to: '2026-11-30' }, { ratePence: 1700, from: '2026-12-01' }] });
    const inHouse = await insertProvider(t.database.db, placeId, 'Own Staff Home Care', true);
    await insertContract(t.database.db, placeId, { provider: inHouse, commissioner: council, reference: 'MKT-OWN-1', kind: 'spot', budgetLineCode: budgetLine(), startsOn: '2026-04-01', rates: [{ ratePence: 2500, from: '2026-04-01' }] });
    const res = await who('commissioner').get('/api/commissioning/market/in-house-comparison?from=2026-11&to=2026-12');
    expect(res.status).toBe(200);
    expect([res.body.basis, res.body.inHouse]).toEqual([null, []]);
    // The block's £16.36 and the spot £16.36 then £17.00: a mean of £16.36, then £16.68; the in-house contract is not the market.
    expect(res.body.months.map((m: any) => [m.month, m.commissionedRates, m.commissionedLowestPence, m.commissionedMeanPence, m.commissionedHighestPence, m.differencePence, m.changed])).toEqual([
      ['2026-11', 2, 1636, 1636, 1636, null, false],
      ['2026-12', 2, 1636, 1668, 1700, null, true],
    ]);
  });

  it('refuses roles outside commissioning and audits both, and a bad month range is a 400 saying what to give', async () => {
    const refused = await who('social_worker').get('/api/commissioning/market?from=2026-11&to=2026-12');
    expect([refused.status, refused.body.message]).toEqual([403, expect.stringMatching(/Commissioner/)]);
    expect((await who('social_worker').get('/api/commissioning/market.csv')).status).toBe(403);
    expect((await who('social_worker').get('/api/commissioning/market/utilisation')).status).toBe(403);
    expect((await who('social_worker').get('/api/commissioning/market/in-house-comparison')).status).toBe(403);
    const audit = await rowsOf<{ a: string }>(t.database.db, sql`select action || ':' || outcome as a from audit_entry where place_id = ${placeId} and action like 'commissioning.%' and outcome = 'denied' order by seq`);
    expect(audit.map((r) => r.a)).toEqual(['commissioning.market_read:denied', 'commissioning.market_export:denied', 'commissioning.utilisation_read:denied', 'commissioning.in_house_read:denied']);
    const allowed = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_entry where place_id = ${placeId} and action = 'commissioning.market_read' and outcome = 'allowed'`);
    expect(allowed[0]!.n).toBeGreaterThan(0);

    const c = who('commissioner');
    const backwards = await c.get('/api/commissioning/market?from=2026-12&to=2026-11');
    expect([backwards.status, backwards.body.details]).toEqual([400, [{ field: 'to', problem: 'must not be before 2026-12, the first month' }]]);
    const month13 = await c.get('/api/commissioning/market?from=2026-13');
    expect([month13.status, JSON.stringify(month13.body)]).toEqual([400, expect.stringContaining('must be a month written YYYY-MM')]);
    const tooLong = await c.get('/api/commissioning/market.csv?from=2010-01&to=2026-12');
    expect([tooLong.status, tooLong.body.details?.[0]?.problem]).toEqual([400, 'must be at most 60 months from 2010-01']);
    expect((await c.get('/api/commissioning/market?by=team')).status).toBe(400);
    expect((await c.get('/api/commissioning/market/utilisation?on=2026-02-30')).status).toBe(400);
    const defaults = await c.get('/api/commissioning/market');
    expect([defaults.status, defaults.body.from, defaults.body.to, defaults.body.by]).toEqual([200, '2025-12', '2026-11', 'provider']);
  });
});
