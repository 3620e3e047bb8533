import type { Worker } from 'node:worker_threads';
import { tsWorker } from './ts-worker.js';
import type { HttpJob, HttpJobResult } from './http-worker.js';

/** A signed-in user of the app under test, talking to it over real HTTP on the loopback. */
export class HttpClients {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: HttpJobResult) => void>();

  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {
    this.worker = tsWorker(new URL('./http-worker.ts', import.meta.url));
    this.worker.on('message', (r: HttpJobResult) => {
      this.waiting.get(r.id)?.(r);
      this.waiting.delete(r.id);
    });
    this.worker.on('error', (err) => {
      for (const [, resolve] of this.waiting) resolve({ id: 0, latencies: new Float64Array(), elapsedMs: 0, statuses: {}, firstError: `worker failed: ${err.message}` });
      this.waiting.clear();
    });
  }

  /** Signs in over HTTP (POST /api/session) and keeps the session cookie and CSRF token. */
  static async signIn(baseUrl: string, email: string, password: string): Promise<HttpClients> {
    const res = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`Signing in as ${email} failed: ${res.status} ${text}`);
    const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    if (!cookie) throw new Error('Signing in answered no session cookie.');
    const body = JSON.parse(text) as { csrfToken: string };
    return new HttpClients(baseUrl, cookie, body.csrfToken);
  }

  /** The session's cookie value (the token), for resolving the same user in-process. */
  get sessionToken(): string {
    return decodeURIComponent(this.cookie.slice(this.cookie.indexOf('=') + 1));
  }

  /** GETs every path, `concurrency` at a time, each request timed in the client worker. */
  run(paths: string[], concurrency: number, expectStatus = 200): Promise<HttpJobResult> {
    const job: HttpJob = { id: this.nextId++, baseUrl: this.baseUrl, headers: { cookie: this.cookie, accept: 'application/json' }, paths, concurrency, expectStatus };
    return new Promise((resolve) => {
      this.waiting.set(job.id, resolve);
      this.worker.postMessage(job);
    });
  }

  /** A POST with the CSRF token, from this thread (not measured). */
  async post(path: string, body: unknown): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
