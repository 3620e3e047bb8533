import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';
import { SessionCache } from './session-cache.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ signInLimit: 5 });
});
afterAll(() => t.close());

const signIn = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: `10.0.0.${email.length}` });

describe('signing in', () => {
  it('answers the user, their teams and place, and sets an httpOnly SameSite cookie', async () => {
    const res = await signIn('coordinator@torbay.demo', 'caretrust-demo');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.role).toBe('coordinator');
    expect(body.user.teams.length).toBeGreaterThan(0);
    expect(body.place.preset).toBe('torbay');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a wrong password with the same message as an unknown email', async () => {
    const wrong = await signIn('nurse@torbay.demo', 'not-the-password');
    const unknown = await signIn('nobody@torbay.demo', 'caretrust-demo');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('slows down guessing: too many attempts from one address answer 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn('therapist@torbay.demo', `guess-${i}`)).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('ends the session on sign-out, and when it expires', async () => {
    const res = await signIn('auditor@torbay.demo', 'caretrust-demo');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = res.json().csrfToken;
    const me = () => t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await me()).statusCode).toBe(401);

    const again = await signIn('auditor@torbay.demo', 'caretrust-demo');
    const cookie2 = String(again.headers['set-cookie']).split(';')[0]!;
    t.clock.advance(9 * 3600_000);
    const expired = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookie2 } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toMatch(/expired/);
  });

  it('says the service is up, on which database, for which place', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind, place: 'torbay' });
  });
});

describe('sessions remembered for a few seconds', () => {
  const tokenOf = (res: { headers: Record<string, unknown> }) => decodeURIComponent(String(res.headers['set-cookie']).split(';')[0]!.split('=')[1]!);
  const setActive = (email: string, active: boolean) => t.database.db.execute(sql`update app_user set active = ${active} where email = ${email}`);

  it('a sign-out through this server ends the session at once, even just after it was read', async () => {
    const res = await signIn('nurse@torbay.demo', 'caretrust-demo');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = () => t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': res.json().csrfToken } });
    expect((await me()).statusCode).toBe(401);
  });

  it('an account made inactive elsewhere is refused once the bound has passed, and at once without the cache', async () => {
    const email = 'therapist@torbay.demo';
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password: 'caretrust-demo' }, remoteAddress: '10.0.1.1' });
    expect(res.statusCode).toBe(200);
    const token = tokenOf(res);
    let ms = 1_000; // the cache counts from when it saw the session; zero would mean "no start"
    const cache = new SessionCache(5, { now: () => ms });
    const now = t.clock.now();
    try {
      expect((await cache.resolve(t.database.db, token, now))?.actor.email).toBe(email);
      await setActive(email, false); // as another server process or the command line would
      ms = 5_999;
      expect((await cache.resolve(t.database.db, token, now))?.actor.email).toBe(email);
      ms = 6_001;
      expect(await cache.resolve(t.database.db, token, now)).toBeNull();
      await setActive(email, true);
      const off = new SessionCache(0);
      expect(await off.resolve(t.database.db, token, now)).not.toBeNull();
      await setActive(email, false);
      expect(await off.resolve(t.database.db, token, now)).toBeNull();
    } finally {
      await setActive(email, true);
    }
  });

  it('never uses a remembered session after it expires, nor the teams of another day', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'social_worker@torbay.demo', password: 'caretrust-demo' }, remoteAddress: '10.0.1.2' });
    const token = tokenOf(res);
    const cache = new SessionCache(60, { now: () => 1_000 });
    const now = t.clock.now();
    const view = await cache.resolve(t.database.db, token, now);
    expect(view).not.toBeNull();
    expect(await cache.resolve(t.database.db, token, now)).toBe(view);
    const tomorrow = new Date(now.getTime() + 24 * 3600_000);
    expect(await cache.resolve(t.database.db, token, tomorrow)).toBeNull(); // sessions last 8 hours
    expect(await cache.resolve(t.database.db, token, new Date(view!.expiresAt.getTime() + 1))).toBeNull();
  });
});

describe('security headers', () => {
  it('are on every answer: the API, an error and the health check', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/health' }),
      await t.app.inject({ method: 'GET', url: '/api/people?q=smith' }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404]);
    for (const a of answers) {
      const csp = String(a.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(a.headers['x-powered-by']).toBeUndefined();
    }
  });
});

