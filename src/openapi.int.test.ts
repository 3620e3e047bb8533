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
      'GET /api/codes',
      'GET /api/cases/:id',
      'GET /api/service-lines',
      'GET /api/people/:id/timeline',
      'GET /api/measures/package-in-28-days',
      'GET /api/plans/:id',
      'GET /api/assessments/:id',
    ];
    for (const route of expected) expect(documented, route).toContain(route);
    expect(doc.paths['/api/people'].post.requestBody.content['application/json'].schema.properties.nhsNumber).toBeDefined();
    // The care pathway's reads carry their filters and the fields pages rely on.
    const params = (path: string) => (doc.paths[path].get.parameters as { name: string }[]).map((p) => p.name);
    expect(params('/api/service-lines')).toEqual(expect.arrayContaining(['status', 'teamId', 'limit', 'offset']));
    expect(params('/api/measures/package-in-28-days')).toEqual(expect.arrayContaining(['assessmentId', 'personId', 'workerId', 'teamId', 'zoneId']));
    expect(params('/api/people/{id}/timeline')).toEqual(expect.arrayContaining(['kind', 'subject']));
    const ok = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
    expect(ok('/api/plans/{id}').properties.person.properties.nhsNumber).toBeDefined();
    expect(ok('/api/assessments/{id}').properties.person).toBeDefined();
    expect(ok('/api/cases/{id}').properties.history).toBeDefined();
    expect(ok('/api/codes').properties.professions).toBeDefined();
    expect(ok('/api/people/{id}/timeline').properties.items.items.properties.subjectType).toBeDefined();
    // The place overview and the flow measures are described, not left as any object.
    expect(ok('/api/place').properties.delegationHistory.items.properties.toPartnerName).toBeDefined();
    expect(ok('/api/place').properties.zones.items.properties.practices.items.properties.odsCode).toBeDefined();
    expect(ok('/api/flow/measures').properties.dischargeReadyDate.items.properties.percentOnDischargeReadyDate).toBeDefined();
  });
});
