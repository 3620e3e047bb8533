/**
 * Where the database's time went while a scenario ran, statement by statement, from PostgreSQL's
 * pg_stat_statements: how often each statement ran and how long it took, per unit of work (a
 * journey, a request). It needs the server to load the module (`shared_preload_libraries =
 * 'pg_stat_statements'` and a restart); without it a scenario says so and carries on.
 *
 * The times are the server's time inside each top-level statement (a function's statements count
 * in its call): CPU mostly, but also time waiting for a lock or for the core another process holds.
 */
import type pg from 'pg';
import { oneLine } from './explain.js';
import { ms } from './stats.js';
import { type Align } from './report.js';

export type StatementCost = { statement: string; calls: number; totalMs: number };
export type StatementBreakdown = { units: number; unit: string; statements: StatementCost[]; totalMs: number; calls: number };

/** The benchmark's own looks at the server (its samplers, this counter) are not the app's work. */
const ownLooks = /pg_stat_activity|pg_stat_statements|pg_backend_pid/i;

/**
 * A counter on the benchmark database, or the reason there is none. `reset` starts a count;
 * `read` gives every statement since, per `units` of work.
 */
export async function statementCounter(
  client: pg.Client | null,
): Promise<{ reset(): Promise<void>; read(units: number, unit: string): Promise<StatementBreakdown> } | { unavailable: string }> {
  if (!client) return { unavailable: 'no PostgreSQL server' };
  try {
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select pg_stat_statements_reset()');
  } catch (err) {
    return { unavailable: `pg_stat_statements is not loaded by the server (${(err as Error).message.split('\n')[0]}); set shared_preload_libraries = 'pg_stat_statements' and restart it for a breakdown by statement` };
  }
  return {
    async reset() {
      await client.query('select pg_stat_statements_reset()');
    },
    async read(units, unit) {
      const r = await client.query<{ query: string; calls: string; total_ms: number }>(
        `select query, calls, total_exec_time + total_plan_time as total_ms from pg_stat_statements
          where dbid = (select oid from pg_database where datname = current_database()) order by total_ms desc`,
      );
      const statements = r.rows.filter((s) => !ownLooks.test(s.query)).map((s) => ({ statement: oneLine(s.query, 110), calls: Number(s.calls), totalMs: s.total_ms }));
      return {
        units,
        unit,
        statements,
        totalMs: statements.reduce((t, s) => t + s.totalMs, 0),
        calls: statements.reduce((t, s) => t + s.calls, 0),
      };
    },
  };
}

/** The costliest statements as table rows, each per unit of work, with the rest and the whole as the last two rows. */
export function breakdownTable(b: StatementBreakdown, top = 12): { headers: string[]; rows: string[][]; align: Align[] } {
  const per = (v: number) => v / b.units;
  const share = (v: number) => `${Math.round((v / b.totalMs) * 100)} %`;
  const shown = b.statements.slice(0, top);
  const rest = b.statements.slice(top);
  const restMs = rest.reduce((t, s) => t + s.totalMs, 0);
  const restCalls = rest.reduce((t, s) => t + s.calls, 0);
  const rows = shown.map((s) => [s.statement, per(s.calls).toFixed(2), ms(per(s.totalMs)), share(s.totalMs)]);
  rows.push([`${rest.length} other statements`, per(restCalls).toFixed(2), ms(per(restMs)), share(restMs)]);
  rows.push(['all statements', per(b.calls).toFixed(2), ms(per(b.totalMs)), '100 %']);
  return { headers: ['statement', `calls a ${b.unit}`, `ms a ${b.unit}`, 'share'], rows, align: ['left', 'right', 'right', 'right'] };
}
