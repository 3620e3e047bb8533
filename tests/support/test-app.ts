import { buildApp, type AppInstance } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { Database } from '../../src/platform/db.js';
import type { Role } from '../../src/access/roles.js';
import { FIXTURE } from './fixture.js';
import { seedPlace } from '../../src/synth/seed.js';
import { testDatabase } from './test-db.js';

export type Answer = { status: number; body: any; headers: Record<string, unknown> };

/** A signed-in user talking to the app through its real HTTP layer (Fastify's inject). */
export class Client {
  constructor(
    private readonly app: AppInstance,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: { id: string; role: string; displayName: string; teams: { id: string }[] },
    readonly placeId: string,
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers };
  }
  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers);
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * The app over this test file's own copy of the fixture place, with a clock the test moves.
 * `preset` serves (and signs into) another place, loaded beside the fixture's with a small
 * population; `now` starts the clock elsewhere.
 */
export async function startTestApp(opts: { signInLimit?: number; preset?: string; now?: string } = {}) {
  const database: Database = await testDatabase();
  const preset = opts.preset ?? FIXTURE.preset;
  if (preset !== FIXTURE.preset) await seedPlace(database.db, { preset, population: 200, seed: FIXTURE.seed, asOf: FIXTURE.asOf });
  const clock = fixedClock(opts.now ?? FIXTURE.now);
  const app = await buildApp({ database, clock, place: preset, signInLimit: opts.signInLimit ?? 1000, webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    database,
    clock,
    async signIn(role: Role): Promise<Client> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: `${role}@${preset}.demo`, password: FIXTURE.password },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
      const body = res.json();
      return new Client(app, cookie, body.csrfToken, { ...body.user }, body.place.id);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
