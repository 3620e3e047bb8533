import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { homeCareRate, newContract, newProvider } from './provider-test-support.js';

let t: TestApp;
let commissioner: Client;
let place: any;

beforeAll(async () => {
  t = await startTestApp();
  commissioner = await t.signIn('commissioner');
  place = (await commissioner.get('/api/place')).body;
});
afterAll(() => t.close());

describe('contracts', () => {
  it('makes block, framework and call-off contracts and lists them by provider', async () => {
    const p = await newProvider(commissioner);
    const block = await newContract(commissioner, place, p.partnerId, { kind: 'block', blockAnnualPence: 52_000_000, blockWeeklyUnits: 611.5, title: 'Block home care' });
    expect(block).toMatchObject({ kind: 'block', blockAnnualPence: 52_000_000, blockWeeklyUnits: 611.5, status: 'active', rates: [], provider: { id: p.partnerId, name: p.name } });
    const framework = await newContract(commissioner, place, p.partnerId, { kind: 'framework' });
    const callOff = await newContract(commissioner, place, p.partnerId, { kind: 'call_off', frameworkId: framework.id, startsOn: '2026-05-01' });
    expect(callOff.frameworkId).toBe(framework.id);
    const list = await commissioner.get(`/api/commissioning/contracts?providerPartnerId=${p.partnerId}`);
    expect(list.body.contracts.map((c: any) => c.kind).sort()).toEqual(['block', 'call_off', 'framework']);
  });

  it('refuses a call-off without a framework, an end before the start, an unknown provider and a budget line of no such place', async () => {
    const p = await newProvider(commissioner);
    const council = place.partners.find((x: any) => x.kind === 'council').id;
    const base = { reference: 'BAD-1', title: 'Bad', kind: 'spot', providerPartnerId: p.partnerId, commissioningPartnerId: council, budgetLineCode: 'BL/home_care/older_people/ALL', clientGroups: ['older_people'], startsOn: '2026-04-01' };
    const callOff = await commissioner.post('/api/commissioning/contracts', { ...base, kind: 'call_off' });
    expect(callOff.status).toBe(400);
    expect(callOff.body.details).toEqual([expect.objectContaining({ field: 'frameworkId' })]);
    const ends = await commissioner.post('/api/commissioning/contracts', { ...base, endsOn: '2026-03-01' });
    expect(ends.status).toBe(400);
    expect(ends.body.details).toEqual([{ field: 'endsOn', problem: 'must not be before startsOn' }]);
    const unknown = await commissioner.post('/api/commissioning/contracts', { ...base, providerPartnerId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'providerPartnerId', problem: 'is not a provider of this place' }]);
    const line = await commissioner.post('/api/commissioning/contracts', { ...base, budgetLineCode: 'BL/home_care/older_people/Z99' });
    expect(line.status).toBe(400);
    expect(line.body.details[0].field).toBe('budgetLineCode');
    const notBl = await commissioner.post('/api/commissioning/contracts', { ...base, budgetLineCode: 'POOL/BANK' });
    expect(notBl.status).toBe(400);
    const ok = await commissioner.post('/api/commissioning/contracts', base);
    expect(ok.status).toBe(201);
    const again = await commissioner.post('/api/commissioning/contracts', base);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/BAD-1 already exists/);
  });

  it('ends a contract on a day, not before its start, at the version read', async () => {
    const p = await newProvider(commissioner);
    const c = await newContract(commissioner, place, p.partnerId);
    const early = await commissioner.post(`/api/commissioning/contracts/${c.id}/end`, { endsOn: '2026-01-01', version: 1 });
    expect(early.status).toBe(400);
    const stale = await commissioner.post(`/api/commissioning/contracts/${c.id}/end`, { endsOn: '2026-10-31', version: 7 });
    expect(stale.status).toBe(409);
    const ended = await commissioner.post(`/api/commissioning/contracts/${c.id}/end`, { endsOn: '2026-10-31', version: 1 });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endsOn: '2026-10-31', status: 'ended', version: 2 });
  });

  it('keeps rate history: a new rate ends the one before the day before; a rate without a day is a clear 400', async () => {
    const p = await newProvider(commissioner);
    const c = await newContract(commissioner, place, p.partnerId);
    const first = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rate: { ratePence: 1636, effectiveFrom: '2026-04-01', effectiveTo: null, enhancement: 'standard' }, ended: null, repricedLines: 0 });
    const next = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ ratePence: 1700, effectiveFrom: '2026-12-01' }));
    expect(next.body).toMatchObject({ rate: { ratePence: 1700, effectiveFrom: '2026-12-01' }, ended: { id: first.body.rate.id, effectiveTo: '2026-11-30', ratePence: 1636 } });
    const twoCarers = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ enhancement: 'two_carers', ratePence: 3100 }));
    expect(twoCarers.status).toBe(201);
    const back = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ ratePence: 1500, effectiveFrom: '2026-06-01' }));
    expect(back.status).toBe(409);
    const { effectiveFrom: _, ...noDay } = homeCareRate();
    const missing = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, noDay);
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'effectiveFrom', problem: expect.stringMatching(/^is required: give the day the rate applies from/) }]);
    const unit = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ unit: 'fortnight' }));
    expect(unit.status).toBe(400);
    const outside = await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ effectiveFrom: '2025-01-01', enhancement: 'rural' }));
    expect(outside.status).toBe(400);
    const contract = await commissioner.get(`/api/commissioning/contracts/${c.id}`);
    expect(contract.body.rates.map((r: any) => [r.enhancement, r.effectiveFrom, r.effectiveTo, r.ratePence])).toEqual([
      ['standard', '2026-04-01', '2026-11-30', 1636],
      ['standard', '2026-12-01', null, 1700],
      ['two_carers', '2026-04-01', null, 3100],
    ]);
  });

  it('applies the annual uplift from an anniversary as new rates, rounded half up to the penny', async () => {
    const p = await newProvider(commissioner);
    const c = await newContract(commissioner, place, p.partnerId, { startsOn: '2025-04-01', annualUpliftBp: 250 });
    await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ effectiveFrom: '2025-04-01' }));
    await commissioner.post(`/api/commissioning/contracts/${c.id}/rates`, homeCareRate({ unit: 'visit', ratePence: 1010, effectiveFrom: '2025-04-01' }));
    const notAnniversary = await commissioner.post(`/api/commissioning/contracts/${c.id}/uplift`, { from: '2026-05-01' });
    expect(notAnniversary.status).toBe(400);
    const up = await commissioner.post(`/api/commissioning/contracts/${c.id}/uplift`, { from: '2026-04-01' });
    expect(up.status).toBe(201);
    // 1636 × 1.025 = 1676.9 → 1677; 1010 × 1.025 = 1035.25 → 1035.
    const now = up.body.contract.rates.filter((r: any) => r.effectiveFrom === '2026-04-01').map((r: any) => [r.unit, r.ratePence, r.reason]);
    expect(now.sort()).toEqual([
      ['hour', 1677, 'uplift'],
      ['visit', 1035, 'uplift'],
    ]);
    const twice = await commissioner.post(`/api/commissioning/contracts/${c.id}/uplift`, { from: '2026-04-01' });
    expect(twice.status).toBe(409);
  });
});
