/**
 * CPU time spent while something ran: by this process, by the benchmark database's backends
 * (read from /proc: the benchmark only talks to a PostgreSQL on this machine), and by everything
 * else on the machine. On a shared machine a throughput says little without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import type pg from 'pg';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Snapshot = { at: number; busy: number; total: number; node: NodeJS.CpuUsage; backends: Map<number, number> };
export type CpuSpent = { seconds: number; nodeSeconds: number; databaseSeconds: number; othersSeconds: number };

function machineTicks(): { busy: number; total: number } {
  try {
    const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

function processTicks(pid: number): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

async function snapshot(probe: pg.Client | null): Promise<Snapshot> {
  const backends = new Map<number, number>();
  if (probe) {
    const r = await probe.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`);
    for (const { pid } of r.rows) {
      const t = processTicks(pid);
      if (t !== null) backends.set(pid, t);
    }
  }
  return { at: performance.now(), ...machineTicks(), node: process.cpuUsage(), backends };
}

/** Runs `work` and says how much CPU it took, and how much the rest of the machine used meanwhile. */
export async function cpuOf<T>(probe: pg.Client | null, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSpent }> {
  const a = await snapshot(probe);
  const result = await work();
  const b = await snapshot(probe);
  const node = process.cpuUsage(a.node);
  const nodeSeconds = (node.user + node.system) / 1e6;
  let ticks = 0;
  // A backend the pool opened during the work counts from its start.
  for (const [pid, t] of b.backends) ticks += t - (a.backends.get(pid) ?? 0);
  const databaseSeconds = ticks / TICKS_PER_SECOND;
  const seconds = (b.at - a.at) / 1000;
  const busy = b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * os.availableParallelism() * seconds : NaN;
  return { result, cpu: { seconds, nodeSeconds, databaseSeconds, othersSeconds: Math.max(0, busy - nodeSeconds - databaseSeconds) } };
}

/**
 * CPU seconds the host has taken from this virtual machine since boot (steal time, the 8th field of
 * /proc/stat's cpu line); NaN where the machine does not say. A run that was robbed of CPU is
 * slower for it, so the benchmark reports how much was taken while it ran.
 */
export function stolenSeconds(): number {
  try {
    const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    return Number(v[8]) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

