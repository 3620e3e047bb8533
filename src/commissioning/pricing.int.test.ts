import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { testNhsNumbers } from '../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { allocatedPerson, completedEligibleAssessment } from '../pathway/assessments/int-support.js';
import { homeCareRate, newContract, newProvider } from './provider-test-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
let place: any;
const numbers = testNhsNumbers(999_930_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'auditor'] as Role[]) as[role] = await t.signIn(role);
  place = (await who('coordinator').get('/api/place')).body;
});
afterAll(() => t.close());

const line = (providerPartnerId: string, over: Record<string, unknown> = {}) => ({
  serviceType: 'Long term support: Community',
  component: 'Home support or domiciliary care',
  providerPartnerId,
  deliveryMechanism: 'CASSR commissioned support',
  unit: 'hour',
  quantity: 10,
  frequency: 'per_week',
  plannedStart: '2026-11-16',
  ...over,
});

async function plan(familyName: string): Promise<string> {
  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber: numbers.next().value,
    givenName: 'Gladys',
    familyName,
    birthDate: '1939-03-03',
    gender: '2',
    gpPracticeOds: place.zones[0].practices[0].odsCode,
  });
  const assessment = await completedEligibleAssessment(t, who('nurse'), who('social_worker'), person.id);
  const p = await who('social_worker').post('/api/plans', { assessmentId: assessment.id, needs: [{ need: 'Cannot wash alone', outcome: 'Washed every morning' }] });
  return p.body.id;
}

async function contractedProvider(rate = 1636) {
  const p = await newProvider(who('commissioner'));
  const c = await newContract(who('commissioner'), place, p.partnerId);
  const r = await who('commissioner').post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ ratePence: rate }));
  return { provider: p, contract: c, rate: r.body.rate };
}

describe('pricing service lines from contract rates', () => {
  it('prices a new line from the contract rate in force at its start, with no price asked', async () => {
    const { provider, contract, rate } = await contractedProvider(1636);
    const planId = await plan('Contractrate');
    const res = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitCostPence: 1636, weeklyCostPence: 16_360 });
    expect(res.body.pricing).toMatchObject({ source: 'contract', contractId: contract.id, contractReference: contract.reference, rateCardId: rate.id, ratePence: 1636 });
    expect(res.body.pricing.message).toMatch(/^contract rate £16\.36 a hour/);
    // Giving the same price is fine.
    const same = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId, { unitCostPence: 1636, quantity: 2 }));
    expect(same.status).toBe(201);
  });

  it('refuses a unit cost that differs from the contract rate, naming the rate', async () => {
    const { provider, contract } = await contractedProvider(1636);
    const planId = await plan('Mismatch');
    const res = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId, { unitCostPence: 1800 }));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(`contract ${contract.reference} prices this service at £16.36 a hour`);
    expect(res.body.details).toEqual([{ field: 'unitCostPence', problem: expect.stringContaining('must be the contract rate 1636') }]);
  });

  it('takes a spot price where no contract covers the service, and asks for one when it is missing', async () => {
    const uncontracted = await newProvider(who('commissioner'));
    const planId = await plan('Spotprice');
    const missing = await who('social_worker').post(`/api/plans/${planId}/lines`, line(uncontracted.partnerId));
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'unitCostPence', problem: expect.stringMatching(/^is required: no contract rate/) }]);
    const spot = await who('social_worker').post(`/api/plans/${planId}/lines`, line(uncontracted.partnerId, { unitCostPence: 1750 }));
    expect(spot.status).toBe(201);
    expect(spot.body.pricing).toMatchObject({ source: 'spot', contractId: null, message: 'spot price, no contract' });
    // An enhanced rate the contract does not have is a spot price too.
    const { provider } = await contractedProvider(1636);
    const rural = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId, { enhancement: 'rural' }));
    expect(rural.status).toBe(400);
  });

  it('re-prices an approved line live on the new rate’s day as a new version, keeping its history; a line ended before is left alone', async () => {
    const { provider, contract } = await contractedProvider(1636);
    const planId = await plan('Repriced');
    const proposed = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId));
    const lineId = proposed.body.id;
    const approved = await who('team_manager').post(`/api/service-lines/${lineId}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    const endsBefore = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId, { plannedEnd: '2026-11-30', quantity: 1 }));
    await who('team_manager').post(`/api/service-lines/${endsBefore.body.id}/approve`, { version: 1 });

    const weekly = async () => (await who('commissioner').get('/api/finance/commitments?on=2026-12-01')).body.lines.reduce((n: number, l: any) => n + l.weeklyPence, 0);
    const before = await weekly();
    const change = await who('commissioner').post(`/api/commissioning/contracts/${contract.id}/rates`, homeCareRate({ ratePence: 1700, effectiveFrom: '2026-12-01' }));
    expect(change.status).toBe(201);
    expect(change.body.repricedLines).toBe(1);

    const p = await who('social_worker').get(`/api/plans/${planId}`);
    const repriced = p.body.lines.find((l: any) => l.id === lineId);
    expect(repriced).toMatchObject({ unitCostPence: 1700, weeklyCostPence: 17_000, priceFrom: '2026-12-01', version: 3, status: 'approved' });
    expect(p.body.lines.find((l: any) => l.id === endsBefore.body.id)).toMatchObject({ unitCostPence: 1636, version: 2 });
    const history = await who('social_worker').get(`/api/service-lines/${lineId}/versions`);
    expect(history.body.versions.map((v: any) => v.change)).toEqual(['proposed', 'approved', 'varied']);
    // The commitment follows: from 1 December the line commits £170 a week.
    expect((await weekly()) - before).toBe(17_000 - 16_360);
    // A line proposed after the change takes the new rate from 1 December.
    const later = await who('social_worker').post(`/api/plans/${planId}/lines`, line(provider.partnerId, { plannedStart: '2026-12-07', quantity: 3 }));
    expect(later.body).toMatchObject({ unitCostPence: 1700, pricing: { source: 'contract', ratePence: 1700 } });
    // The person's record audits the re-pricing as the commissioner's step, via the contract rate.
    const audit = await who('auditor').get(`/api/audit?personId=${proposed.body.personId}&limit=100`);
    expect(audit.body.entries.some((e: any) => e.action === 'service_line.vary' && e.detail?.via === 'contract_rate')).toBe(true);
  });
});
