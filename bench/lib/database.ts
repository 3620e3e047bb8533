import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, rowsOf, sql, type Database } from '../../src/platform/db.js';
import { progressReporter } from '../../src/platform/progress.js';
import { seedPlace } from '../../src/synth/seed.js';
import { onCleanup } from './cleanup.js';
import type { Engine } from './scenario.js';

/** How the place a benchmark reads was loaded. */
export type SeedFacts = {
  preset: string;
  seed: number;
  population: number;
  seconds: number;
  rows: number;
  tables: { name: string; rows: number }[];
  seededAt: string;
  /** Loaded by an earlier run that was kept with --keep. */
  reused: boolean;
};

export type BenchDatabase = {
  engine: Engine;
  database: Database;
  /** Database name (PostgreSQL) or data folder (PGlite). */
  where: string;
  /** Connection string of the benchmark database (PostgreSQL only). */
  url: string | null;
  placeId: string;
  seed: SeedFacts;
  serverVersion: string;
};

export type ProvisionOptions = {
  scenario: string;
  engine: Engine;
  preset: string;
  population: number;
  seed: number;
  adminUrl: string;
  keep: boolean;
};

/** Hides a password in a connection string before it is printed or written down. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '' || h.startsWith('/');
}

/**
 * A digest of what decides the loaded data: the migrations it was loaded under and the synthetic
 * generator's code. A kept database loaded by other generator code is loaded afresh rather than
 * measured stale. `migrations` (default: all) lets a kept database loaded before the newest
 * migrations be recognised: migrating it applies them, as it would a place's production database.
 */
function generatorDigest(migrations = migrationFiles().length): string {
  const hash = createHash('sha256');
  for (const f of [...migrationFiles().slice(0, migrations), ...projectFiles('src/synth', (f) => /\.(ts|json)$/.test(f) && !f.endsWith('.test.ts'))]) {
    hash.update(f).update('\0').update(fs.readFileSync(path.join(projectRoot, f))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const projectRoot = path.resolve(import.meta.dirname, '../..');

function projectFiles(dir: string, keep: (f: string) => boolean): string[] {
  return fs
    .readdirSync(path.join(projectRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter(keep)
    .map((f) => path.join(dir, f))
    .sort();
}

function migrationFiles(): string[] {
  return projectFiles('migrations', (f) => f.endsWith('.sql'));
}

/** Whether the marker's digest is that of the generator today under all the migrations or the first of them (the rest are applied on opening). */
function generatorMatches(digest: string | undefined): boolean {
  for (let n = migrationFiles().length; n > 0; n--) if (generatorDigest(n) === digest) return true;
  return false;
}

/** Whatever marks a finished load, so a kept database is reused only when it is complete and the same. */
type Marker = { caretrustBench: string; preset: string; population: number; seed: number; generator: string; complete: true } & Omit<SeedFacts, 'reused'>;

function markerMatches(m: Partial<Marker> | null, o: ProvisionOptions): m is Marker {
  return Boolean(m && m.complete && m.preset === o.preset && m.population === o.population && m.seed === o.seed && generatorMatches(m.generator));
}

/**
 * Every scenario loads the same place (people and two years of activity), so they share one
 * database per preset, population and seed: a place kept by one scenario's --keep run serves the next.
 */
function databaseName(o: ProvisionOptions): string {
  return `caretrust_bench_${o.preset}_${o.population}_${o.seed}`;
}

function parseMarker(text: string | null | undefined): Partial<Marker> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Partial<Marker>;
  } catch {
    return null;
  }
}

async function countRows(database: Database): Promise<{ name: string; rows: number }[]> {
  const tables = await rowsOf<{ name: string }>(
    database.db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: { name: string; rows: number }[] = [];
  for (const t of tables) {
    const [r] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int8 as n from ${sql.identifier(t.name)}`);
    out.push({ name: t.name, rows: Number(r?.n ?? 0) });
  }
  return out.sort((a, b) => b.rows - a.rows);
}

async function seedWithProgress(database: Database, o: ProvisionOptions): Promise<Omit<SeedFacts, 'reused'>> {
  console.log(`  seeding "${o.preset}" with ${o.population.toLocaleString('en-GB')} people (seed ${o.seed}) …`);
  const progress = progressReporter();
  const started = performance.now();
  try {
    await seedPlace(database.db, { preset: o.preset, population: o.population, seed: o.seed, progress: progress.report });
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const tables = await countRows(database);
  const rows = tables.reduce((s, t) => s + t.rows, 0);
  // Statistics and the visibility map as autovacuum would leave them after a bulk load, so the
  // planner sees the real table sizes from the first measured query.
  const vacuumStarted = performance.now();
  if (database.pglite) await database.pglite.exec('vacuum analyze');
  else await database.db.execute(sql.raw('vacuum analyze'));
  console.log(`  vacuum analyze: ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  return { preset: o.preset, seed: o.seed, population: o.population, seconds, rows, tables, seededAt: new Date().toISOString() };
}

async function placeIdOf(database: Database, preset: string): Promise<string> {
  const [row] = await rowsOf<{ place_id: string }>(database.db, sql`select place_id from place where preset = ${preset}`);
  if (!row) throw new Error(`The benchmark database has no place "${preset}".`);
  return row.place_id;
}

async function provisionPostgres(o: ProvisionOptions): Promise<BenchDatabase> {
  const admin = new URL(o.adminUrl);
  if (!isLoopback(admin.hostname)) throw new Error(`The benchmark talks only to a local PostgreSQL (loopback); ${redactUrl(o.adminUrl)} is not one.`);
  const name = databaseName(o);
  const client = new pg.Client({ connectionString: o.adminUrl });
  await client.connect();
  let marker: Marker | null = null;
  try {
    const found = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    if (found.rows.length > 0) {
      const m = parseMarker(found.rows[0]!.comment);
      if (markerMatches(m, o)) marker = m;
      else {
        console.log(`  dropping ${name}: a previous run left it unfinished or for other settings`);
        await client.query(`drop database ${client.escapeIdentifier(name)} with (force)`);
      }
    }
    if (!marker) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  if (!o.keep) {
    onCleanup(`drop database ${name}`, async () => {
      const c = new pg.Client({ connectionString: o.adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
        console.log(`  dropped database ${name}`);
      } finally {
        await c.end();
      }
    });
  }
  const url = new URL(o.adminUrl);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 10);
  onCleanup(`close ${name}`, () => database.close());
  await migrateDatabase(database);
  let seed: SeedFacts;
  if (marker) {
    console.log(`  reusing ${name}, kept by an earlier run (seeded ${marker.seededAt})`);
    seed = { ...marker, reused: true };
  } else {
    const facts = await seedWithProgress(database, o);
    const c = new pg.Client({ connectionString: o.adminUrl });
    await c.connect();
    try {
      const m: Marker = { caretrustBench: o.scenario, generator: generatorDigest(), complete: true, ...facts };
      await c.query(`comment on database ${c.escapeIdentifier(name)} is ${c.escapeLiteral(JSON.stringify(m))}`);
    } finally {
      await c.end();
    }
    seed = { ...facts, reused: false };
  }
  const [v] = await rowsOf<{ v: string }>(database.db, sql`select current_setting('server_version') as v`);
  return { engine: 'postgresql', database, where: name, url: url.toString(), placeId: await placeIdOf(database, o.preset), seed, serverVersion: `PostgreSQL ${v?.v ?? '?'}` };
}

async function provisionPglite(o: ProvisionOptions): Promise<BenchDatabase> {
  const root = path.join(os.tmpdir(), 'caretrust-bench');
  const dir = path.join(root, `${databaseName(o)}-pglite`);
  const markerFile = `${dir}.json`;
  const existing = fs.existsSync(markerFile) && fs.existsSync(dir) ? parseMarker(fs.readFileSync(markerFile, 'utf8')) : null;
  const marker = markerMatches(existing, o) ? existing : null;
  if (!marker) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(markerFile, { force: true });
  }
  if (!o.keep) {
    onCleanup(`remove ${dir}`, async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(markerFile, { force: true });
      console.log(`  removed ${dir}`);
    });
  }
  const database = await openPglite(dir);
  onCleanup(`close PGlite ${dir}`, () => database.close());
  await migrateDatabase(database);
  let seed: SeedFacts;
  if (marker) {
    console.log(`  reusing ${dir}, kept by an earlier run (seeded ${marker.seededAt})`);
    seed = { ...marker, reused: true };
  } else {
    const facts = await seedWithProgress(database, o);
    const m: Marker = { caretrustBench: o.scenario, generator: generatorDigest(), complete: true, ...facts };
    fs.writeFileSync(markerFile, JSON.stringify(m, null, 2));
    seed = { ...facts, reused: false };
  }
  const [v] = await rowsOf<{ v: string }>(database.db, sql`select current_setting('server_version') as v`);
  return { engine: 'pglite', database, where: dir, url: null, placeId: await placeIdOf(database, o.preset), seed, serverVersion: `PGlite (PostgreSQL ${v?.v ?? '?'} in WebAssembly)` };
}

/**
 * A database of its own for a benchmark run, migrated and loaded with a synthetic place:
 * caretrust_bench_<scenario>_<population> on the local PostgreSQL, or a PGlite folder under
 * the system's temporary directory. Reused when an earlier --keep run left a complete one with
 * the same settings; removed at the end unless this run is --keep.
 */
export function provision(o: ProvisionOptions): Promise<BenchDatabase> {
  return o.engine === 'postgresql' ? provisionPostgres(o) : provisionPglite(o);
}

export type LockWaits = { samples: number; meanWaiting: number; maxWaiting: number; commonest: string };

/**
 * Samples, from a connection of its own, how many sessions of the benchmark database wait on a
 * lock (pg_stat_activity) while `work` runs: many waiters mean the work is serialised.
 */
export async function sampleLockWaits<T>(url: string, work: () => Promise<T>, everyMs = 20): Promise<{ result: T; waits: LockWaits }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let running = true;
  const counts: number[] = [];
  const events = new Map<string, number>();
  const poll = (async () => {
    while (running) {
      const r = await client.query<{ event: string; n: number }>(
        `select wait_event as event, count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid() group by wait_event`,
      );
      counts.push(r.rows.reduce((s, x) => s + x.n, 0));
      for (const x of r.rows) events.set(x.event, (events.get(x.event) ?? 0) + x.n);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  try {
    const result = await work();
    return {
      result,
      waits: {
        samples: counts.length,
        meanWaiting: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0,
        maxWaiting: counts.length ? Math.max(...counts) : 0,
        commonest: [...events.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none',
      },
    };
  } finally {
    running = false;
    await poll.catch(() => undefined);
    await client.end();
  }
}
