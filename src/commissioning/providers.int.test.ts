import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { newProvider } from './provider-test-support.js';

let t: TestApp;
let commissioner: Client;
let finance: Client;
let socialWorker: Client;

beforeAll(async () => {
  t = await startTestApp();
  commissioner = await t.signIn('commissioner');
  finance = await t.signIn('finance_officer');
  socialWorker = await t.signIn('social_worker');
});
afterAll(() => t.close());

const fullBank = /123456|12345678|12-34-56/;

describe('providers', () => {
  it('adds a provider with its profile and shows its bank details only masked, in the answer, the list, the page and the audit', async () => {
    const made = await newProvider(commissioner, { odsCode: 'ZX1A2' });
    expect(made).toMatchObject({
      kind: 'provider',
      odsCode: 'ZX1A2',
      services: ['Home support or domiciliary care'],
      areas: ['Z1'],
      inHouse: false,
      version: 1,
      bank: { accountName: 'Harbour Test Care', sortCode: '**-**-56', accountNumber: '****5678' },
    });
    const one = await finance.get(`/api/commissioning/providers/${made.partnerId}`);
    expect(one.status).toBe(200);
    expect(one.headers.etag).toBe('"1"');
    const list = await finance.get('/api/commissioning/providers');
    expect(list.body.providers.some((p: any) => p.partnerId === made.partnerId)).toBe(true);
    for (const body of [made, one.body, list.body]) expect(JSON.stringify(body)).not.toMatch(fullBank);
    const auditor = await t.signIn('auditor');
    const audit = await auditor.get('/api/audit?limit=200');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toMatch(fullBank);
    expect(audit.body.entries.some((e: any) => e.action === 'commissioning.provider_create')).toBe(true);
    // The new provider is a partner of the place too.
    const place = await commissioner.get('/api/place');
    expect(place.body.partners.some((p: any) => p.id === made.partnerId && p.kind === 'provider')).toBe(true);
  });

  it('filters by service and zone (a provider with no areas covers every zone)', async () => {
    const z1 = await newProvider(commissioner, { services: ['Reablement'], areas: ['Z1'] });
    const everywhere = await newProvider(commissioner, { services: ['Reablement'], areas: [] });
    const z2 = await commissioner.get(`/api/commissioning/providers?service=${encodeURIComponent('Reablement')}&zone=Z2`);
    const ids = z2.body.providers.map((p: any) => p.partnerId);
    expect(ids).toContain(everywhere.partnerId);
    expect(ids).not.toContain(z1.partnerId);
    const bad = await commissioner.get('/api/commissioning/providers?service=Knitting');
    expect(bad.status).toBe(400);
  });

  it('changes a profile at the version read and refuses a stale one with 409', async () => {
    const p = await newProvider(commissioner);
    const changed = await commissioner.patch(`/api/commissioning/providers/${p.partnerId}`, { areas: ['Z1', 'Z2'], inHouse: true }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ areas: ['Z1', 'Z2'], inHouse: true, version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await commissioner.patch(`/api/commissioning/providers/${p.partnerId}`, { areas: ['Z3'], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/now version 2/);
    const bank = await commissioner.patch(`/api/commissioning/providers/${p.partnerId}`, { bank: { accountName: 'New', sortCode: '99 88 77', accountNumber: '87654321' }, version: 2 });
    expect(bank.body.bank).toEqual({ accountName: 'New', sortCode: '**-**-77', accountNumber: '****4321' });
    expect(JSON.stringify(bank.body)).not.toMatch(/998877|87654321/);
  });

  it('refuses bad profiles with the field named, and other roles with 403', async () => {
    const cqc = await commissioner.post('/api/commissioning/providers', { name: 'Bad Cqc Ltd', cqcLocationIds: ['12345'] });
    expect(cqc.status).toBe(400);
    expect(cqc.body.details[0].field).toMatch(/cqcLocationIds/);
    const zone = await commissioner.post('/api/commissioning/providers', { name: 'No Zone Ltd', areas: ['Z99'] });
    expect(zone.status).toBe(400);
    expect(zone.body.details).toEqual([expect.objectContaining({ field: 'areas' })]);
    const sort = await commissioner.post('/api/commissioning/providers', { name: 'Bad Bank Ltd', bank: { accountName: 'x', sortCode: '12', accountNumber: '1' } });
    expect(sort.status).toBe(400);
    expect(JSON.stringify(sort.body)).not.toMatch(/"12"/);
    const byFinance = await finance.post('/api/commissioning/providers', { name: 'Finance Ltd' });
    expect(byFinance.status).toBe(403);
    expect(byFinance.body.message).toMatch(/Only Commissioner may add providers/);
    const read = await socialWorker.get('/api/commissioning/providers');
    expect(read.status).toBe(403);
    const missing = await commissioner.get('/api/commissioning/providers/00000000-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
  });
});
