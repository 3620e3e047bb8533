/** What the provider, contract and pricing tests share: a provider and a contract made through the API. */
import type { Client } from '../../tests/support/test-app.js';

let n = 0;

export async function newProvider(c: Client, over: Record<string, unknown> = {}) {
  n += 1;
  const res = await c.post('/api/commissioning/providers', {
    name: `Harbour Test Care ${n} Ltd`,
    cqcLocationIds: [`1-10000000${n}`],
    services: ['Home support or domiciliary care'],
    areas: ['Z1'],
    email: 'office@example.invalid',
    bank: { accountName: 'Harbour Test Care', sortCode: '12-34-56', accountNumber: '12345678' },
    ...over,
  });
  if (res.status !== 201) throw new Error(`could not add a provider: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

type PlaceAnswer = { partners: { id: string; kind: string }[] };

export async function newContract(c: Client, place: PlaceAnswer, providerId: string, over: Record<string, unknown> = {}) {
  n += 1;
  const council = place.partners.find((p) => p.kind === 'council')!.id;
  const res = await c.post('/api/commissioning/contracts', {
    reference: `TEST-${n}-${Date.now() % 100000}`,
    title: 'Home care framework call-off',
    kind: 'spot',
    providerPartnerId: providerId,
    commissioningPartnerId: council,
    budgetLineCode: 'BL/home_care/older_people/ALL',
    clientGroups: ['older_people'],
    startsOn: '2026-04-01',
    annualUpliftBp: 250,
    ...over,
  });
  if (res.status !== 201) throw new Error(`could not make a contract: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const homeCareRate = (over: Record<string, unknown> = {}) => ({
  serviceType: 'Long term support: Community',
  unit: 'hour',
  ratePence: 1636,
  effectiveFrom: '2026-04-01',
  ...over,
});
