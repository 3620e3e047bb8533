import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';

// Witham, Braintree & Halstead was dissolved on 30 September 2006; the tests' clock
// is in 2026, long after. Its records are kept and can be read and exported, never changed.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ preset: 'wbh' });
});
afterAll(() => t.close());

const writeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

describe('a place after its dissolution', () => {
  it('still signs staff in, shows the place with its end date, and serves its records and exports', async () => {
    const coordinator = await t.signIn('coordinator');
    expect(coordinator.placeId).toBeTruthy();
    const place = await coordinator.get('/api/place');
    expect(place.status).toBe(200);
    expect(place.body.place).toMatchObject({ preset: 'wbh', dissolvedOn: '2006-09-30' });

    const people = await coordinator.get('/api/people?q=smith');
    expect(people.status).toBe(200);

    const finance = await t.signIn('finance_officer');
    const csv = await finance.get('/api/flow/measures.csv?measure=delayed-days&from=2026-10&to=2026-10');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/text\/csv/);

    const auditor = await t.signIn('auditor');
    expect((await auditor.get('/api/audit?limit=5')).status).toBe(200);
  });

  it('refuses every change, on every write route, with 409 naming the day it was dissolved', async () => {
    const coordinator = await t.signIn('coordinator');
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const refused: string[] = [];
    let writes = 0;
    for (const [path, methods] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const m = method.toUpperCase();
        if (!writeMethods.has(m) || (Array.isArray(op.security) && op.security.length === 0)) continue;
        writes++;
        // Even a well-formed id and an empty body: the place's state is answered first.
        const url = path.replace(/\{[^}]+\}/g, '0190a000-0000-7000-8000-000000000000');
        const res = await coordinator.request(m as 'POST', url, m === 'DELETE' ? undefined : {});
        if (res.status === 409 && res.body.error === 'conflict' && res.body.dissolvedOn === '2006-09-30') refused.push(`${m} ${path}`);
        else refused.push(`${m} ${path} answered ${res.status} ${res.body?.message}`);
      }
    }
    expect(writes).toBeGreaterThan(10);
    expect(refused.filter((r) => r.includes('answered'))).toEqual([]);

    const res = await coordinator.post('/api/referrals', { reason: 'Falls' });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'Witham, Braintree & Halstead was dissolved on 2006-09-30: its records are kept read-only. They can be read and exported, but not changed.',
    );
  });

  it('signs out as usual', async () => {
    const coordinator = await t.signIn('coordinator');
    expect((await coordinator.request('DELETE', '/api/session')).status).toBe(204);
    expect((await coordinator.get('/api/session')).status).toBe(401);
  });

  it('took changes until the end of its last day', async () => {
    const coordinator = await t.signIn('coordinator');
    t.clock.set(new Date('2006-09-30T22:00:00Z')); // 23:00 in London, still 30 September
    try {
      // Past the read-only rule, the route's own validation answers.
      const res = await coordinator.post('/api/referrals', { unknownField: 1 });
      expect(res.status).toBe(400);
    } finally {
      t.clock.set(new Date('2026-11-02T09:30:00Z'));
    }
  });
});
