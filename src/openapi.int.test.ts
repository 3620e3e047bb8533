import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../tests/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('lists every route of the contract, with its schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    // The routes of the contract other tools rely on; each must be documented with its schemas.
    const expected = [
      'POST /api/session',
      'GET /api/session',
      'DELETE /api/session',
      'GET /api/people',
      'GET /api/people/mine',
      'GET /api/people/:id',
      'GET /api/people/:id/versions',
      'POST /api/people',
      'PATCH /api/people/:id',
      'POST /api/people/:id/merge',
      'POST /api/people/:id/break-glass',
      'GET /api/break-glass',
      'POST /api/break-glass/:id/review',
      'GET /api/audit',
      'GET /api/place',
      'GET /health',
    ];
    for (const route of expected) expect(documented, route).toContain(route);
    expect(doc.paths['/api/people'].post.requestBody.content['application/json'].schema.properties.nhsNumber).toBeDefined();
  });
});
