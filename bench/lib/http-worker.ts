/**
 * The HTTP clients of a benchmark, in a worker thread of their own so that building requests
 * and reading answers does not take the event loop the server under test runs on.
 * Connections are kept alive (keep-alive.ts); `concurrency` clients each send one request at a time.
 */
import { parentPort } from 'node:worker_threads';
import { keepAliveAgent, send } from './keep-alive.js';

export type HttpJob = {
  id: number;
  baseUrl: string;
  headers: Record<string, string>;
  paths: string[];
  concurrency: number;
  expectStatus: number;
};

export type HttpJobResult = {
  id: number;
  latencies: Float64Array;
  elapsedMs: number;
  statuses: Record<number, number>;
  firstError: string | null;
};

async function runJob(job: HttpJob): Promise<HttpJobResult> {
  const latencies = new Float64Array(job.paths.length);
  const statuses: Record<number, number> = {};
  let firstError: string | null = null;
  let next = 0;
  const agent = keepAliveAgent(job.concurrency);
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= job.paths.length) return;
      const started = performance.now();
      let status = 0;
      let body = '';
      try {
        ({ status, text: body } = await send(agent, new URL(job.paths[i]!, job.baseUrl), 'GET', job.headers));
      } catch (err) {
        body = (err as Error).message;
      }
      latencies[i] = performance.now() - started;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== job.expectStatus && firstError === null) firstError = `${status} GET ${job.paths[i]}: ${body.slice(0, 400)}`;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: job.concurrency }, client));
  agent.destroy();
  return { id: job.id, latencies, elapsedMs: performance.now() - started, statuses, firstError };
}

parentPort?.on('message', (job: HttpJob) => {
  void runJob(job).then((result) => parentPort!.postMessage(result, [result.latencies.buffer as ArrayBuffer]));
});
