import pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Db } from '../../src/platform/db.js';
import * as schema from '../../src/platform/schema.js';

export type Statement = { query: string; params: unknown[] };

/**
 * A second Drizzle instance over the benchmark database that records every statement it sends,
 * so the statements behind a query function or a service call can be shown with their plans.
 */
export class StatementRecorder {
  readonly statements: Statement[] = [];
  readonly db: Db;
  private readonly pool: pg.Pool | null;

  constructor(private readonly database: Database, url: string | null) {
    const logger = { logQuery: (query: string, params: unknown[]) => void this.statements.push({ query, params }) };
    if (database.pglite) {
      this.pool = null;
      this.db = drizzlePglite({ client: database.pglite, schema, logger }) as unknown as Db;
    } else {
      if (!url) throw new Error('A PostgreSQL recorder needs the connection string.');
      this.pool = new pg.Pool({ connectionString: url, max: 2 });
      this.db = drizzlePg({ client: this.pool, schema, logger }) as unknown as Db;
    }
  }

  /** The statements `work` sends, in order. */
  async record(work: (db: Db) => Promise<unknown>): Promise<Statement[]> {
    this.statements.length = 0;
    await work(this.db);
    return [...this.statements];
  }

  private async query(text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    if (this.database.pglite) return (await this.database.pglite.query<Record<string, unknown>>(text, params as never[])).rows;
    return (await this.pool!.query(text, params)).rows as Record<string, unknown>[];
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of one read statement: the plan as text lines. */
  async explain(s: Statement): Promise<string[]> {
    const rows = await this.query(`explain (analyze, buffers) ${s.query}`, s.params);
    return rows.map((r) => String(r['QUERY PLAN'] ?? Object.values(r)[0]));
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

/** Only plain reads are explained with ANALYZE (it runs the statement). */
export function isPlainRead(s: Statement): boolean {
  return /^\s*select\b/i.test(s.query) && !/\bfor\s+(update|share|no key update|key share)\b/i.test(s.query);
}

export function oneLine(query: string, max = 150): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function executionMs(plan: string[]): number | null {
  for (const line of plan) {
    const m = /Execution Time: ([\d.]+) ms/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}
