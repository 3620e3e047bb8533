import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';

let t: TestApp;
let provider: Client;

beforeAll(async () => {
  t = await startTestApp();
  provider = await t.signIn('provider_staff');
});
afterAll(() => t.close());

describe('a provider staff account', () => {
  it('signs in as the staff of one provider', async () => {
    const res = await provider.get('/api/session');
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('provider_staff');
  });

  it('is refused the rest of the record, reads and changes alike, and told where to go', async () => {
    for (const url of ['/api/people?q=smith', '/api/caseloads', '/api/finance/pool', '/api/audit']) {
      const res = await provider.get(url);
      expect(res.status, url).toBe(403);
      expect(res.body.message).toMatch(/provider portal/);
    }
    const write = await provider.post('/api/cases/0190a3c5-0000-7000-8000-00000000beef/close', { reason: 'x' });
    expect(write.status).toBe(403);
  });
});
