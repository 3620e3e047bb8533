import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';

let t: TestApp;
let coordinator: Client;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await t.signIn('coordinator');
});
afterAll(() => t.close());

describe('the service directory (Open Referral UK, HSDS 3.0)', () => {
  it('says its version and profile', async () => {
    const root = await coordinator.get('/api/commissioning/directory/');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ version: '3.0', profile: 'UK' });
  });

  it('lists services paged, each with its organization and CLD service component term, and filters them', async () => {
    const all = await coordinator.get('/api/commissioning/directory/services?per_page=2');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, per_page: 2, number: 1, size: 2, first_page: true, empty: false });
    expect(all.body.total_items).toBeGreaterThanOrEqual(7);
    const transport = await coordinator.get('/api/commissioning/directory/services?service_component=Transport');
    expect(transport.body.contents).toHaveLength(1);
    const s = transport.body.contents[0];
    expect(s).toMatchObject({ status: 'active', organization: { name: 'Bay Community Transport' } });
    expect(s.attributes[0].taxonomy_term).toMatchObject({ name: 'Transport', taxonomy: 'CLD Service_Component' });
    expect(s.service_areas.map((a: { code: string }) => a.code)).toEqual(['Z1', 'Z2', 'Z3']);
    const outside = await coordinator.get('/api/commissioning/directory/services?service_component=Transport&zone=Z5');
    expect(outside.body).toMatchObject({ total_items: 0, empty: true });
    const text = await coordinator.get('/api/commissioning/directory/services?text=carers%20sitting%20network');
    expect(text.body.contents.map((c: { name: string }) => c.name)).toEqual(['Other unpaid carer support — Torbay Carers Support Network', 'Unpaid carer sitting service — Torbay Carers Support Network', 'Unpaid carer universal services — Torbay Carers Support Network']);
    const one = await coordinator.get(`/api/commissioning/directory/services/${s.id}`);
    expect(one.status).toBe(200);
    expect(one.body.phones[0].number).toBe('01803 000103');
    const org = await coordinator.get(`/api/commissioning/directory/organizations/${s.organization_id}`);
    expect(org.body.services).toHaveLength(1);
  });

  it('answers bad input and unknown ids with 4xx, and keeps provider staff out', async () => {
    expect((await coordinator.get('/api/commissioning/directory/services?page=0')).status).toBe(400);
    expect((await coordinator.get('/api/commissioning/directory/services?zone=z1;drop')).status).toBe(400);
    expect((await coordinator.get('/api/commissioning/directory/services/nope')).status).toBe(404);
    expect((await coordinator.get('/api/commissioning/directory/organizations/nope')).status).toBe(404);
    const provider = await t.signIn('provider_staff');
    expect((await provider.get('/api/commissioning/directory/services')).status).toBe(403);
  });
});
