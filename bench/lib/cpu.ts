/**
 * CPU time spent while something ran: by this process, by the benchmark database's backends
 * (read from /proc: the benchmark only talks to a PostgreSQL on this machine), and by everything
 * else on the machine, and how busy the main event loop was. On a shared machine a throughput says
 * little without it.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
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

/** CPU counters of the machine (/proc/stat), this process, the benchmark database's backends and the main event loop. */
export type CpuSnapshot = Snapshot & { elu: EventLoopUtilization };

export async function cpuSnapshot(probe: pg.Client | null): Promise<CpuSnapshot> {
  const backends = new Map<number, number>();
  if (probe) {
    const r = await probe.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`);
    for (const { pid } of r.rows) {
      const t = processTicks(pid);
      if (t !== null) backends.set(pid, t);
    }
  }
  return { at: performance.now(), ...machineTicks(), node: process.cpuUsage(), backends, elu: performance.eventLoopUtilization() };
}

/** The database backends' CPU seconds between two snapshots; a backend the pool opened meanwhile counts from its start. */
function backendSeconds(a: Snapshot, b: Snapshot): number {
  let ticks = 0;
  for (const [pid, t] of b.backends) ticks += t - (a.backends.get(pid) ?? 0);
  return ticks / TICKS_PER_SECOND;
}

/** CPU used between two snapshots, in % of one core: the machine, this process, the backends, the rest, and the event loop's busy share. */
export type CpuShares = { seconds: number; machineBusy: number; node: number; backends: number; others: number; eventLoop: number; backendsSeen: number };

export function cpuShares(a: CpuSnapshot, b: CpuSnapshot): CpuShares {
  const secs = (b.at - a.at) / 1000;
  const nodeUsed = process.cpuUsage(a.node);
  const node = ((nodeUsed.user + nodeUsed.system) / 1e6 / secs) * 100;
  const backends = (backendSeconds(a, b) / secs) * 100;
  const machineBusy = b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * os.availableParallelism() * 100 : NaN;
  return {
    seconds: secs,
    machineBusy,
    node,
    backends,
    others: Math.max(0, machineBusy - node - backends),
    eventLoop: performance.eventLoopUtilization(b.elu, a.elu).utilization * 100,
    backendsSeen: b.backends.size,
  };
}

/** Runs `work` and says how much CPU it took, and how much the rest of the machine used meanwhile. */
export async function cpuOf<T>(probe: pg.Client | null, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSpent }> {
  const a = await cpuSnapshot(probe);
  const result = await work();
  const b = await cpuSnapshot(probe);
  const node = process.cpuUsage(a.node);
  const nodeSeconds = (node.user + node.system) / 1e6;
  const databaseSeconds = backendSeconds(a, b);
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

