/**
 * What the benchmark database's client sessions were doing while a scenario's work ran, sampled
 * from pg_stat_activity: waiting for the audit chain's head, on another lock, flushing WAL at
 * commit, running a statement, idle inside a transaction (the database waiting for Node), or idle.
 */
import pg from 'pg';

export type SessionStates = {
  samples: number;
  /** Mean number of the benchmark database's client sessions in each state, per sample. */
  mean: Record<SessionState, number>;
  /** Of the samples in which someone waited for the audit head: what the session holding it was doing. */
  holder: Record<'idle in transaction' | 'committing (WAL)' | 'running a statement' | 'waiting itself', number>;
  holderSamples: number;
};
export const sessionStates = [
  'waiting for the audit head',
  'waiting on another lock',
  'committing (WAL)',
  'running a statement',
  'idle in transaction',
  'idle',
] as const;
type SessionState = (typeof sessionStates)[number];

const walEvents = new Set(['WALSync', 'WALWrite', 'WALWriteLock', 'WALInsert', 'WALBufMapping']);

/**
 * Samples pg_stat_activity of the benchmark database every few milliseconds while `work` runs:
 * how many sessions wait for the audit chain's head row (`select … from audit_head … for update`),
 * wait on other locks, flush WAL at commit, run a statement, or sit idle inside a transaction
 * (the database waiting for Node); and, while someone waits for the head, what its holder does.
 * The harness's sampleLockWaits counts lock waits only; this says which lock and who holds it.
 */
export async function sampleSessions<T>(url: string | null, work: () => Promise<T>, everyMs = 15): Promise<{ result: T; states: SessionStates | null }> {
  if (!url) return { result: await work(), states: null };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const totals = Object.fromEntries(sessionStates.map((s) => [s, 0])) as Record<SessionState, number>;
  const holder: SessionStates['holder'] = { 'idle in transaction': 0, 'committing (WAL)': 0, 'running a statement': 0, 'waiting itself': 0 };
  let samples = 0;
  let holderSamples = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const r = await client.query<{ pid: number; state: string | null; wet: string | null; we: string | null; audit: boolean; blockers: number[] }>(
        `select pid, state, wait_event_type as wet, wait_event as we,
                (query ilike '%from audit_head%for update%') as audit,
                case when wait_event_type = 'Lock' then pg_blocking_pids(pid) else '{}'::int[] end as blockers
         from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      samples++;
      const byPid = new Map(r.rows.map((x) => [x.pid, x]));
      const holders = new Set<number>();
      for (const x of r.rows) {
        let s: SessionState;
        if (x.wet === 'Lock') {
          s = x.audit ? 'waiting for the audit head' : 'waiting on another lock';
          if (x.audit) for (const b of x.blockers) holders.add(b);
        } else if (x.state === 'active') s = x.we && walEvents.has(x.we) ? 'committing (WAL)' : 'running a statement';
        else if (x.state?.startsWith('idle in transaction')) s = 'idle in transaction';
        else s = 'idle';
        totals[s]++;
      }
      // The head's holder is the blocker that is not itself waiting for the head.
      const holding = [...holders].map((pid) => byPid.get(pid)).filter((x) => x && !(x.wet === 'Lock' && x.audit));
      if (holders.size > 0) {
        holderSamples++;
        const h = holding[0];
        if (!h) holder['waiting itself']++;
        else if (h.wet === 'Lock') holder['waiting itself']++;
        else if (h.state === 'active') holder[h.we && walEvents.has(h.we) ? 'committing (WAL)' : 'running a statement']++;
        else holder['idle in transaction']++;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    const result = await work();
    running = false;
    await poll;
    const mean = Object.fromEntries(sessionStates.map((s) => [s, samples ? totals[s] / samples : 0])) as Record<SessionState, number>;
    return { result, states: { samples, mean, holder, holderSamples } };
  } finally {
    running = false;
    await poll.catch(() => undefined);
    await client.end();
  }
}
