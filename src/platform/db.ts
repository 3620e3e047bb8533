import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import pg from 'pg';
import { prepareRepeatedStatements } from './prepared.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** One Drizzle type over both drivers: modules never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction has the same surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** The embedded engine, where there is one (tests clone it). */
  pglite?: PGlite;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// int8 (bigint: money in pence, counts) comes back as a JS number on both drivers;
// amounts stay well inside 2^53 pence.
pg.types.setTypeParser(20, (v) => Number(v));
// dates stay YYYY-MM-DD strings rather than midnight instants in the server's zone.
pg.types.setTypeParser(1082, (v) => v);

export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm },
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
  });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

/** Databases with more than one connection: two transactions can run at once. */
const pooled = new WeakSet<object>();

export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped idle connection must not bring the server down.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => void prepareRepeatedStatements(client));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  if (max > 1) pooled.add(db);
  return { db, kind: 'postgresql', close: () => pool.end() };
}

/** Whether this database can run two transactions at once (a PostgreSQL pool; PGlite has one connection). */
export function runsTransactionsAtOnce(db: Executor): boolean {
  return pooled.has(db);
}

/** DATABASE_URL set: that PostgreSQL server; unset: the embedded one in the data folder. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; pool?: number }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pool);
  return openPglite(path.join(opts.dataDir, 'pglite'));
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}

/** Rows of a raw query, the same on both drivers. */
export async function rowsOf<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A unique constraint refused the write (PostgreSQL 23505), as either driver reports it. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * A PostgreSQL array literal of text values, to send as one parameter (`= any(${pgArray(ids)}::uuid[])`):
 * a list of thousands of parameters costs more to build than the query costs to run.
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

type KeyType = 'uuid' | 'text';

/**
 * `column in (the values)` for a batch of keys: one array parameter, written as a semi-join so
 * that the planner, which guesses a few hundred keys, looks each one up in the column's index
 * instead of reading the whole table (as it does for `= any(array)` with thousands of values).
 */
export function inKeys(column: SQLWrapper, values: readonly string[], type: KeyType): SQL {
  return sql`${column} in (select unnest(${pgArray(values)}::${sql.raw(type)}[]))`;
}

/** The same for pairs of columns, e.g. (source system, event id). */
export function inKeyPairs(columns: [SQLWrapper, SQLWrapper], pairs: readonly (readonly [string, string])[], types: [KeyType, KeyType]): SQL {
  const first = pgArray(pairs.map((p) => p[0]));
  const second = pgArray(pairs.map((p) => p[1]));
  return sql`(${columns[0]}, ${columns[1]}) in (select * from unnest(${first}::${sql.raw(types[0])}[], ${second}::${sql.raw(types[1])}[]))`;
}

export { sql };
export type { SQL };
