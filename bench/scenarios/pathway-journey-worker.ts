/**
 * The front door's journey clients, in a worker thread of their own (so that building requests
 * and reading answers does not take the event loop the server under test runs on). Each of
 * `concurrency` clients runs one journey at a time, three POSTs in a row, each carrying its
 * user's session cookie and CSRF token, over a kept-alive connection (../lib/keep-alive.ts).
 */
import { parentPort } from 'node:worker_threads';
import { keepAliveAgent, send } from '../lib/keep-alive.js';

export type HttpSession = { cookie: string; csrf: string };
export type JourneyInput = { personId: string; workerStaffId: string };
export type JourneyJob = {
  baseUrl: string;
  referrer: HttpSession;
  coordinator: HttpSession;
  manager: HttpSession;
  teamId: string;
  reason: string;
  journeys: JourneyInput[];
  concurrency: number;
};
export type JourneyResult = {
  elapsedMs: number;
  create: Float64Array;
  accept: Float64Array;
  allocate: Float64Array;
  journey: Float64Array;
  failed: number;
  statuses: Record<string, number>;
  firstError: string | null;
};

type Step = { ok: true; ms: number; body: Record<string, unknown> & { id?: string; version?: number } } | { ok: false; ms: number; error: string };

async function run(job: JobWithAgent): Promise<JourneyResult> {
  const n = job.journeys.length;
  const out = { create: new Float64Array(n).fill(NaN), accept: new Float64Array(n).fill(NaN), allocate: new Float64Array(n).fill(NaN), journey: new Float64Array(n).fill(NaN) };
  const statuses: Record<string, number> = {};
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const fail = (e: string) => {
    failed++;
    firstError ??= e;
  };
  const post = async (session: HttpSession, path: string, body: unknown, expect: number): Promise<Step> => {
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json', accept: 'application/json' };
      ({ status, text } = await send(job.agent, new URL(path, job.baseUrl), 'POST', headers, JSON.stringify(body)));
    } catch (err) {
      text = (err as Error).message;
    }
    const ms = performance.now() - started;
    const key = `POST ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id')} ${status}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (status !== expect) return { ok: false, ms, error: `${status} POST ${path}: ${text.slice(0, 400)}` };
    return { ok: true, ms, body: JSON.parse(text) as Record<string, unknown> };
  };
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const j = job.journeys[i]!;
      const started = performance.now();
      const a = await post(job.referrer, '/api/referrals', { person: { id: j.personId }, source: 'gp', sourceName: 'Benchmark GP practice', reason: job.reason, urgency: 'routine' }, 201);
      out.create[i] = a.ms;
      if (!a.ok) {
        fail(a.error);
        continue;
      }
      const b = await post(job.coordinator, `/api/referrals/${a.body.id}/accept`, { version: a.body.version }, 200);
      out.accept[i] = b.ms;
      if (!b.ok) {
        fail(b.error);
        continue;
      }
      const team = b.body.team as { id?: string } | null;
      if (team?.id !== job.teamId) {
        fail(`accepted into team ${JSON.stringify(team)}, not zone 1 team ${job.teamId}`);
        continue;
      }
      const c = await post(job.manager, `/api/referrals/${a.body.id}/allocate`, { workerStaffId: j.workerStaffId, version: b.body.version }, 200);
      out.allocate[i] = c.ms;
      if (!c.ok) {
        fail(c.error);
        continue;
      }
      if (c.body.status !== 'allocated' || c.body.triageSteps !== 2) {
        fail(`allocation answered status ${String(c.body.status)} after ${String(c.body.triageSteps)} steps`);
        continue;
      }
      out.journey[i] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, client));
  return { elapsedMs: performance.now() - started, ...out, failed, statuses, firstError };
}

type JobWithAgent = JourneyJob & { agent: ReturnType<typeof keepAliveAgent> };

parentPort?.on('message', (job: JourneyJob) => {
  const agent = keepAliveAgent(job.concurrency);
  void run({ ...job, agent }).then((r) => {
    agent.destroy();
    parentPort!.postMessage(r, [r.create.buffer as ArrayBuffer, r.accept.buffer as ArrayBuffer, r.allocate.buffer as ArrayBuffer, r.journey.buffer as ArrayBuffer]);
  });
});
