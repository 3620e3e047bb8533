import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Operation = { method: string; path: string; security?: unknown[] };

/** Every operation of the app's own OpenAPI document, so a route added later is walked too. */
async function operations(): Promise<{ doc: any; ops: Operation[] }> {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) ops.push({ method: method.toUpperCase(), path, security: op.security });
  }
  return { doc, ops };
}

const isPublic = (op: Operation) => Array.isArray(op.security) && op.security.length === 0;

/** The path with every parameter replaced by something no route accepts. */
const badPath = (path: string) => path.replace(/\{[^}]+\}/g, 'not-an-id%20%27');
const badQuery = '?personId=x&limit=-1&from=yesterday&unknownField=1&q=';

describe('authentication comes before validation, on every route', () => {
  it('marks only the public routes public in the OpenAPI document; the others need the session cookie', async () => {
    const { doc, ops } = await operations();
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'caretrust_session' });
    const open = ops.filter(isPublic).map((o) => `${o.method} ${o.path}`);
    expect(open.sort()).toEqual(['DELETE /api/session', 'GET /health', 'POST /api/session']);
    // The walk below has something to walk: the whole API, not a handful.
    expect(ops.filter((o) => !isPublic(o)).length).toBeGreaterThan(30);
  });

  it('answers 401 to an anonymous request with bad parameters, query and body, on every route not public', async () => {
    const { ops } = await operations();
    const answers: string[] = [];
    for (const op of ops.filter((o) => !isPublic(o))) {
      const url = badPath(op.path) + badQuery;
      const hasBody = !['GET', 'HEAD', 'DELETE'].includes(op.method);
      const tries = [
        // no cookie at all
        { headers: {} as Record<string, string>, payload: hasBody ? { unknownField: 'x', nhsNumber: 12 } : undefined },
        // a cookie no session has, and a body that is not even JSON
        {
          headers: { cookie: 'caretrust_session=forged-or-expired', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          payload: hasBody ? '{"not json' : undefined,
        },
      ];
      for (const attempt of tries) {
        const res = await t.app.inject({ method: op.method as 'GET', url, headers: attempt.headers, ...(attempt.payload === undefined ? {} : { payload: attempt.payload }) });
        const body = res.json();
        answers.push(`${op.method} ${op.path} → ${res.statusCode} ${body.error}`);
        expect(body.message, `${op.method} ${op.path}`).toMatch(/Sign in first/);
      }
    }
    expect(answers.filter((a) => !a.endsWith('→ 401 unauthorised'))).toEqual([]);
  });

  it('answers the audit log with bad parameters 401 anonymously, and 400 naming the field once signed in', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/audit?personId=x' });
    expect(anonymous.statusCode).toBe(401);
    const auditor = await t.signIn('auditor');
    const signedIn = await auditor.get('/api/audit?personId=x');
    expect(signedIn.status).toBe(400);
    expect(signedIn.body.details).toEqual([{ field: 'personId', problem: 'must be a person id' }]);
  });

  it('keeps the public routes open: health, sign-in (its bad input still named), sign-out, the documentation', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const badSignIn = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody' } });
    expect(badSignIn.statusCode).toBe(400);
    expect(badSignIn.json().message).toMatch(/email/);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    // An address with no route is still a 404, not a request to sign in.
    expect((await t.app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
  });
});
