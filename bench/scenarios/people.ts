/**
 * The person register under load: the look-ups a co-ordinator at the front door makes all day.
 *
 * For each query kind (NHS number, name fragment + date of birth, name fragment alone, open
 * record) the same sample inputs go three ways:
 *   sql      the query function the service uses (src/people/queries.ts), on the Drizzle db;
 *   audited  the same query and then its audit entry (what the database must do for an audited
 *            read, before any access policy, record shaping or HTTP);
 *   service  the service operation in-process (transaction, access policy, audit), no HTTP;
 *   server   the same request over HTTP, timed inside the server (Fastify's reply.elapsedTime);
 *   http     the real app on 127.0.0.1, signed in as the co-ordinator, one keep-alive client.
 * Then the NHS look-up again with several clients at once, for throughput.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import type { Ctx } from '../../src/access/actor.js';
import { auditAllowed } from '../../src/access/guard.js';
import { resolveSession } from '../../src/access/sessions.js';
import { systemClock } from '../../src/platform/clock.js';
import { rowsOf, sql, type Executor } from '../../src/platform/db.js';
import { personById, personByNhsNumber, searchByName } from '../../src/people/queries.js';
import { foldName } from '../../src/people/search-name.js';
import { searchPeople } from '../../src/people/search.js';
import { getPerson } from '../../src/people/service.js';
import { demoPassword } from '../../src/synth/accounts.js';
import { onCleanup } from '../lib/cleanup.js';
import { provision, redactUrl, sampleLockWaits, type BenchDatabase, type LockWaits } from '../lib/database.js';
import { executionMs, isPlainRead, oneLine, StatementRecorder } from '../lib/explain.js';
import { HttpClients } from '../lib/http-client.js';
import { ServerTiming } from '../lib/server-timing.js';
import { BenchRandom } from '../lib/random.js';
import { describeMachine, loadAverage, machine, markdownTable, textTable, thousands, type Align } from '../lib/report.js';
import type { RunSettings, Scenario } from '../lib/scenario.js';
import { ms, summarise, timeEach, type Summary } from '../lib/stats.js';

const PRESET = 'torbay';
const USER = `coordinator@${PRESET}.demo`;
const SEARCH_LIMIT = 20;
const BREAK_GLASS_REASON = 'Performance benchmark: opening a sample of records on a synthetic place.';

const targets = { nhsP95: 10, nameDobP95: 30, httpOverSql: 2 };

type Sample = { id: string; nhsNumber: string | null; familyName: string; birthDate: string };
type Input = { id: string; nhs: string; fragment: string; birthDate: string; dmy: string };

type Kind = {
  key: 'nhs' | 'name_dob' | 'name' | 'open';
  label: string;
  /** The query function the service uses, called directly. */
  sql: (db: Executor, placeId: string, x: Input) => Promise<unknown>;
  /** The service operation, in-process. */
  service: (ctx: Ctx, x: Input) => Promise<unknown>;
  /** The HTTP request. */
  path: (x: Input) => string;
  /** Rows the raw query returned (to check the inputs are real and say how much came back). */
  found: (result: unknown) => number;
};

const searchPath = (q: string) => `/api/people?q=${encodeURIComponent(q)}`;
const rowCount = (r: unknown) => (Array.isArray(r) ? r.length : r ? 1 : 0);

const kinds: Kind[] = [
  {
    key: 'nhs',
    label: 'NHS-number lookup',
    sql: (db, placeId, x) => personByNhsNumber(db, placeId, x.nhs),
    service: (ctx, x) => searchPeople(ctx, { q: x.nhs, limit: SEARCH_LIMIT }),
    path: (x) => searchPath(x.nhs),
    found: rowCount,
  },
  {
    key: 'name_dob',
    label: 'name fragment + date of birth',
    sql: (db, placeId, x) => searchByName(db, placeId, { fragments: [x.fragment], birthDate: x.birthDate, limit: SEARCH_LIMIT }),
    service: (ctx, x) => searchPeople(ctx, { q: `${x.fragment} ${x.dmy}`, limit: SEARCH_LIMIT }),
    path: (x) => searchPath(`${x.fragment} ${x.dmy}`),
    found: rowCount,
  },
  {
    key: 'name',
    label: 'name fragment alone',
    sql: (db, placeId, x) => searchByName(db, placeId, { fragments: [x.fragment], birthDate: null, limit: SEARCH_LIMIT }),
    service: (ctx, x) => searchPeople(ctx, { q: x.fragment, limit: SEARCH_LIMIT }),
    path: (x) => searchPath(x.fragment),
    found: rowCount,
  },
  {
    key: 'open',
    label: 'open record',
    sql: (db, placeId, x) => personById(db, placeId, x.id),
    service: (ctx, x) => getPerson(ctx, x.id),
    path: (x) => `/api/people/${x.id}`,
    found: rowCount,
  },
];

type Path = 'sql' | 'audited' | 'service' | 'server' | 'http';
type Measured = { label: string; key: Kind['key'] | 'floor'; path: Path; summary: Summary };

/** A fragment of 3–5 letters from one word of the family name, as someone would type it. */
function fragmentOf(rng: BenchRandom, familyName: string): string | null {
  const words = foldName(familyName)
    .split(/[\s-]+/)
    .filter((w) => /^[a-z]{3,}$/.test(w));
  if (words.length === 0) return null;
  const word = rng.pick(words);
  const length = Math.min(word.length, 3 + rng.below(3));
  const start = rng.below(word.length - length + 1);
  return word.slice(start, start + length);
}

function dmyOf(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Sample inputs drawn from the data itself, the same every run for the same seed: people in a
 * stable pseudo-random order (md5 of id and seed), a disjoint slice for each query kind.
 */
async function pickInputs(bdb: BenchDatabase, perKind: { measured: number; warmup: number }, seed: number): Promise<Record<Kind['key'], { warm: Input[]; measured: Input[] }>> {
  const wanted = perKind.measured + perKind.warmup;
  const rows = await rowsOf<{ id: string; nhs_number: string | null; family_name: string; birth_date: string }>(
    bdb.database.db,
    sql`select id, nhs_number, family_name, birth_date from person
        where place_id = ${bdb.placeId} and merged_into_id is null
        order by md5(id::text || ${`bench:${seed}`}) limit ${wanted * kinds.length + 100}`,
  );
  const rng = new BenchRandom(`people:${seed}`);
  const inputs: Input[] = [];
  for (const r of rows) {
    const s: Sample = { id: r.id, nhsNumber: r.nhs_number, familyName: r.family_name, birthDate: String(r.birth_date) };
    const fragment = fragmentOf(rng, s.familyName);
    if (!fragment) continue;
    inputs.push({ id: s.id, nhs: s.nhsNumber ?? '', fragment, birthDate: s.birthDate, dmy: dmyOf(s.birthDate) });
  }
  const withNhs = inputs.filter((x) => x.nhs);
  if (inputs.length === 0 || withNhs.length === 0) throw new Error('The place has no people to sample.');
  const out = {} as Record<Kind['key'], { warm: Input[]; measured: Input[] }>;
  kinds.forEach((k, i) => {
    const pool = k.key === 'nhs' ? withNhs : inputs;
    // Disjoint slices when the place is big enough; a small place is cycled through.
    const slice = Array.from({ length: wanted }, (_, j) => pool[(i * wanted + j) % pool.length]!);
    out[k.key] = { warm: slice.slice(0, perKind.warmup), measured: slice.slice(perKind.warmup) };
  });
  return out;
}

async function concurrently<T>(inputs: readonly T[], clients: number, fn: (x: T) => Promise<unknown>): Promise<{ latencies: Float64Array; elapsedMs: number }> {
  const latencies = new Float64Array(inputs.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= inputs.length) return;
        const t = performance.now();
        await fn(inputs[i]!);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

/** CPU time of this process (server, clients and, on PGlite, the database) per second of wall time. */
function cpuShare(used: NodeJS.CpuUsage, elapsedMs: number): string {
  return `${Math.round(((used.user + used.system) / 1000 / elapsedMs) * 100)} %`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

const people: Scenario = {
  name: 'people',
  summary: 'person register: NHS-number lookup, name + date of birth, name fragment, open record (raw SQL, service, HTTP)',
  docSection: 'People register',

  async run(s: RunSettings) {
    const started = new Date();
    const m = machine();
    console.log(`  machine: ${describeMachine(m)}; load average ${loadAverage()}`);
    if (s.engine === 'postgresql') console.log(`  server: ${redactUrl(s.databaseUrl)}`);

    // 1. A database of its own, loaded with the place.
    const bdb = await provision({ scenario: 'people', engine: s.engine, preset: PRESET, population: s.population, seed: s.seed, adminUrl: s.databaseUrl, keep: s.keep });
    const { database, placeId } = bdb;
    const seedLine = `${thousands(bdb.seed.population)} people, ${thousands(bdb.seed.rows)} rows in ${bdb.seed.tables.filter((t) => t.rows > 0).length} tables, seeded in ${bdb.seed.seconds.toFixed(1)} s = ${thousands(bdb.seed.rows / bdb.seed.seconds)} rows/s (${thousands(bdb.seed.population / bdb.seed.seconds)} people/s)${bdb.seed.reused ? ` — by an earlier --keep run on ${bdb.seed.seededAt.slice(0, 10)}` : ''}`;
    console.log(`  ${bdb.serverVersion}; ${bdb.where}`);
    console.log(`  seed: ${seedLine}`);
    console.log(`  largest tables: ${bdb.seed.tables.slice(0, 6).map((t) => `${t.name} ${thousands(t.rows)}`).join(', ')}`);

    // 2. Sample inputs from the data.
    const inputs = await pickInputs(bdb, { measured: s.samples, warmup: s.warmup }, s.seed);

    // 3. The real app on the loopback, and a co-ordinator signed in over HTTP.
    const app = await buildApp({ database, clock: systemClock, place: PRESET, signInLimit: 1_000_000 });
    const serverTiming = new ServerTiming(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    onCleanup('close the app', () => app.close());
    const address = app.server.address() as AddressInfo;
    if (address.address !== '127.0.0.1') throw new Error(`The app listens on ${address.address}, not the loopback.`);
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const client = await HttpClients.signIn(baseUrl, USER, demoPassword);
    onCleanup('stop the HTTP clients', () => client.close());
    const session = await resolveSession(database.db, client.sessionToken, systemClock.now());
    if (!session) throw new Error('The session signed in over HTTP does not resolve in-process.');
    const ctx: Ctx = { db: database.db, clock: systemClock, actor: session.actor };
    console.log(`  app on ${baseUrl}, signed in as ${USER} (${session.actor.role})`);

    // Opening a record needs a legitimate relationship: the co-ordinator breaks glass for every
    // sampled person first (POST /api/people/:id/break-glass, 4 hours, flagged for review).
    const toOpen = [...new Set([...inputs.open.warm, ...inputs.open.measured].map((x) => x.id))];
    const glassStarted = performance.now();
    for (const id of toOpen) {
      const res = await client.post(`/api/people/${id}/break-glass`, { reason: BREAK_GLASS_REASON });
      if (res.status !== 200) throw new Error(`Breaking glass for ${id} answered ${res.status}: ${res.text}`);
    }
    console.log(`  broke glass for ${thousands(toOpen.length)} sampled people in ${((performance.now() - glassStarted) / 1000).toFixed(1)} s`);

    // 4. Warm up: every measured input once through its query (so no path pays for first reads
    // from disk that another path then enjoys), then a few per path.
    const warmStarted = performance.now();
    const found: Record<string, number[]> = {};
    for (const k of kinds) {
      const counts: number[] = [];
      for (const x of inputs[k.key].measured) counts.push(k.found(await k.sql(database.db, placeId, x)));
      found[k.key] = counts;
      for (const x of inputs[k.key].warm) {
        await k.sql(database.db, placeId, x);
        await k.service(ctx, x);
      }
      if (inputs[k.key].warm.length > 0) {
        const w = await client.run(inputs[k.key].warm.map(k.path), 1);
        if (w.firstError) throw new Error(`Warm-up of ${k.label} over HTTP failed: ${w.firstError}`);
      }
    }
    console.log(`  warmed up in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
    const missing = found.nhs!.filter((n) => n !== 1).length + found.open!.filter((n) => n !== 1).length;
    if (missing > 0) throw new Error(`${missing} sampled NHS numbers or ids were not found: the sampling is wrong.`);

    // 5. Measure.
    const loadBefore = loadAverage();
    const measured: Measured[] = [];
    for (const k of kinds) {
      const xs = inputs[k.key].measured;
      process.stdout.write(`  measuring ${k.label} (${thousands(xs.length)} each: sql`);
      const sqlTimes = await timeEach(xs, (x) => k.sql(database.db, placeId, x));
      process.stdout.write(', audited');
      // As the service reads (decision 0002): the query, then its audit entry, without a transaction around them.
      const auditedTimes = await timeEach(xs, async (x) => {
        await k.sql(database.db, placeId, x);
        await auditAllowed(database.db, ctx.actor, systemClock.now(), { action: 'bench.audited_sql', personIds: x.id ? [x.id] : [] });
      });
      process.stdout.write(', service');
      const serviceTimes = await timeEach(xs, (x) => k.service(ctx, x));
      process.stdout.write(', http');
      const { result: http, times: serverTimes } = await serverTiming.during(() => client.run(xs.map(k.path), 1));
      if (http.firstError) throw new Error(`${k.label} over HTTP: ${http.firstError}`);
      process.stdout.write(')\n');
      measured.push({ label: k.label, key: k.key, path: 'sql', summary: summarise(sqlTimes) });
      measured.push({ label: k.label, key: k.key, path: 'audited', summary: summarise(auditedTimes) });
      measured.push({ label: k.label, key: k.key, path: 'service', summary: summarise(serviceTimes) });
      measured.push({ label: k.label, key: k.key, path: 'server', summary: summarise(serverTimes) });
      measured.push({ label: k.label, key: k.key, path: 'http', summary: summarise(http.latencies) });
    }
    // The floor under every request: one round trip to the database, and the smallest HTTP
    // request the app answers (GET /health: no session, one select 1).
    const floorRuns = Array.from({ length: s.samples }, () => null);
    await timeEach(floorRuns.slice(0, s.warmup), () => database.db.execute(sql`select 1`));
    const floorSql = await timeEach(floorRuns, () => database.db.execute(sql`select 1`));
    await client.run(floorRuns.slice(0, s.warmup).map(() => '/health'), 1);
    const { result: floorHttp, times: floorServer } = await serverTiming.during(() => client.run(floorRuns.map(() => '/health'), 1));
    if (floorHttp.firstError) throw new Error(`GET /health: ${floorHttp.firstError}`);
    measured.push({ label: 'floor: select 1 / GET /health', key: 'floor', path: 'sql', summary: summarise(floorSql) });
    measured.push({ label: 'floor: select 1 / GET /health', key: 'floor', path: 'server', summary: summarise(floorServer) });
    measured.push({ label: 'floor: select 1 / GET /health', key: 'floor', path: 'http', summary: summarise(floorHttp.latencies) });
    // What every API request pays before its route: resolving the session from the cookie.
    const token = client.sessionToken;
    await timeEach(floorRuns.slice(0, s.warmup), () => resolveSession(database.db, token, systemClock.now()));
    const sessionTimes = await timeEach(floorRuns, () => resolveSession(database.db, token, systemClock.now()));
    await client.run(floorRuns.slice(0, s.warmup).map(() => '/api/session'), 1);
    const { result: sessionHttp, times: sessionServer } = await serverTiming.during(() => client.run(floorRuns.map(() => '/api/session'), 1));
    if (sessionHttp.firstError) throw new Error(`GET /api/session: ${sessionHttp.firstError}`);
    measured.push({ label: 'session: resolve / GET /api/session', key: 'floor', path: 'service', summary: summarise(sessionTimes) });
    measured.push({ label: 'session: resolve / GET /api/session', key: 'floor', path: 'server', summary: summarise(sessionServer) });
    measured.push({ label: 'session: resolve / GET /api/session', key: 'floor', path: 'http', summary: summarise(sessionHttp.latencies) });

    // Throughput: the NHS look-up with several clients at once.
    const nhsInputs = inputs.nhs.measured;
    const total = Math.max(nhsInputs.length * 2, s.concurrency * 100);
    const loadInputs = Array.from({ length: total }, (_, i) => nhsInputs[i % nhsInputs.length]!);
    process.stdout.write(`  throughput: ${thousands(total)} NHS look-ups, ${s.concurrency} clients (sql`);
    let cpu = process.cpuUsage();
    const sqlLoad = await concurrently(loadInputs, s.concurrency, (x) => personByNhsNumber(database.db, placeId, x.nhs));
    const sqlCpu = cpuShare(process.cpuUsage(cpu), sqlLoad.elapsedMs);
    process.stdout.write(', http');
    cpu = process.cpuUsage();
    const runHttpLoad = () => client.run(loadInputs.map(kinds[0]!.path), s.concurrency);
    let httpWaits: LockWaits | null = null;
    let httpLoad;
    if (bdb.url) ({ result: httpLoad, waits: httpWaits } = await sampleLockWaits(bdb.url, runHttpLoad));
    else httpLoad = await runHttpLoad();
    const httpCpu = cpuShare(process.cpuUsage(cpu), httpLoad.elapsedMs);
    if (httpLoad.firstError) throw new Error(`Concurrent NHS look-ups over HTTP: ${httpLoad.firstError}`);
    process.stdout.write(')\n');
    const load = [
      { path: 'sql', summary: summarise(sqlLoad.latencies), perSecond: (total / sqlLoad.elapsedMs) * 1000, cpu: sqlCpu },
      { path: 'http', summary: summarise(httpLoad.latencies), perSecond: (total / httpLoad.elapsedMs) * 1000, cpu: httpCpu },
    ];

    const loadAfter = loadAverage();

    // 6. Plans, when asked.
    if (s.explain) await printPlans(bdb, ctx, client.sessionToken, inputs);

    // 7. Report.
    const get = (key: Kind['key'], path: Path) => measured.find((x) => x.key === key && x.path === path)!.summary;
    const headers = ['query', 'path', 'n', 'mean ms', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
    const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];
    const rows = measured.map((x) => [x.label, x.path, thousands(x.summary.count), ms(x.summary.mean), ms(x.summary.p50), ms(x.summary.p95), ms(x.summary.p99), ms(x.summary.max)]);
    const loadHeaders = ['NHS-number lookup', 'clients', 'requests', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'Node CPU'];
    const loadAlign: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
    const loadRows = load.map((l) => [l.path, String(s.concurrency), thousands(total), thousands(l.perSecond), ms(l.summary.p50), ms(l.summary.p95), ms(l.summary.p99), l.cpu]);

    const targetRows: string[][] = [];
    const nhsHttp = get('nhs', 'http');
    const dobHttp = get('name_dob', 'http');
    targetRows.push(['NHS-number lookup p95 ≤ 10 ms (HTTP)', `${ms(nhsHttp.p95)} ms (SQL ${ms(get('nhs', 'sql').p95)} ms)`, verdict(nhsHttp.p95 <= targets.nhsP95)]);
    targetRows.push(['name + date of birth p95 ≤ 30 ms (HTTP)', `${ms(dobHttp.p95)} ms (SQL ${ms(get('name_dob', 'sql').p95)} ms)`, verdict(dobHttp.p95 <= targets.nameDobP95)]);
    // Every read of person data writes its audit entry before it answers (DESIGN.md §6), so a bare select
    // is a floor no request can come near; the same query with its audit entry is the like for like.
    for (const [base, words] of [['sql', 'SQL'], ['audited', 'audited SQL']] as const) {
      for (const k of kinds) {
        const a = get(k.key, base);
        const b = get(k.key, 'http');
        const r50 = b.p50 / a.p50;
        const r95 = b.p95 / a.p95;
        targetRows.push([
          `${k.label}: HTTP ≤ 2× ${words}`,
          `p50 ${ms(b.p50)} / ${ms(a.p50)} = ${r50.toFixed(1)}×; p95 ${ms(b.p95)} / ${ms(a.p95)} = ${r95.toFixed(1)}×`,
          verdict(r50 <= targets.httpOverSql && r95 <= targets.httpOverSql),
        ]);
      }
    }
    const targetHeaders = ['target', 'measured', 'verdict'];
    const targetAlign: Align[] = ['left', 'left', 'left'];

    const meanFound = (key: Kind['key']) => (found[key]!.reduce((a, b) => a + b, 0) / found[key]!.length).toFixed(1);
    const loadLine = `1-minute load average ${loadBefore} when measuring began and ${loadAfter} when it ended (${m.cpus} CPUs)`;
    console.log(`\n  ${bdb.serverVersion}, ${thousands(s.population)} people — latency of one request at a time; ${loadLine}`);
    console.log(textTable(headers, rows, align));
    console.log(`\n  rows per search (limit ${SEARCH_LIMIT}): name + date of birth ${meanFound('name_dob')}, name fragment alone ${meanFound('name')} on average`);
    const waitLine = httpWaits
      ? `While the ${s.concurrency} HTTP clients ran, ${httpWaits.meanWaiting.toFixed(1)} database sessions on average (at most ${httpWaits.maxWaiting}) were waiting on a lock (mostly ${httpWaits.commonest}; ${httpWaits.samples} samples of pg_stat_activity).`
      : '';
    console.log(`\n  throughput`);
    console.log(textTable(loadHeaders, loadRows, loadAlign));
    if (waitLine) console.log(`  ${waitLine}`);
    console.log(`\n  targets`);
    console.log(textTable(targetHeaders, targetRows, targetAlign));

    const md = [
      `### ${bdb.serverVersion}, ${thousands(s.population)} people`,
      '',
      `Measured ${started.toISOString().slice(0, 10)} on ${describeMachine(m)}, with`,
      '',
      '```sh',
      s.command,
      '```',
      '',
      `Seed: ${seedLine}. ${loadLine[0]!.toUpperCase()}${loadLine.slice(1)}.`,
      '',
      `Latency, one request at a time (${thousands(s.samples)} sampled inputs per query after ${thousands(s.warmup)} warm-up requests per path):`,
      '',
      markdownTable(headers, rows, align),
      '',
      `Searches return at most ${SEARCH_LIMIT} people; name + date of birth returned ${meanFound('name_dob')} on average, a name fragment alone ${meanFound('name')}.`,
      '',
      `Throughput of the NHS-number lookup, ${s.concurrency} clients at once (Node CPU: CPU time of the benchmark process, which holds the server${s.engine === 'pglite' ? ', the database' : ''} and the clients, per second; 100 % is one core):`,
      '',
      markdownTable(loadHeaders, loadRows, loadAlign),
      '',
      ...(waitLine ? [waitLine, ''] : []),
      'Targets:',
      '',
      markdownTable(targetHeaders, targetRows, targetAlign),
    ].join('\n');
    return { markdown: md };
  },
};

/** EXPLAIN (ANALYZE, BUFFERS) of each query kind, and the statements behind one service call. */
async function printPlans(bdb: BenchDatabase, ctx: Ctx, token: string, inputs: Record<Kind['key'], { measured: Input[] }>): Promise<void> {
  const recorder = new StatementRecorder(bdb.database, bdb.url);
  try {
    for (const k of kinds) {
      const x = inputs[k.key].measured[0]!;
      console.log(`\n  ── ${k.label}: ${k.path(x)}`);
      const statements = await recorder.record((db) => k.sql(db, bdb.placeId, x));
      for (const st of statements) {
        console.log(`\n  ${oneLine(st.query, 400)}`);
        console.log(`  params: ${JSON.stringify(st.params)}`);
        for (const line of await recorder.explain(st)) console.log(`    ${line}`);
      }
      const session = await recorder.record((db) => resolveSession(db, token, new Date()));
      const service = await recorder.record((db) => k.service({ ...ctx, db }, x));
      console.log(`\n  statements behind one HTTP request (the session — read only when the server has not read it in the last 5 s, decision 0007 — then the service), execution time of the reads:`);
      for (const st of [...session, ...service]) {
        const time = isPlainRead(st) ? executionMs(await recorder.explain(st)) : null;
        console.log(`    ${time === null ? '      ' : `${time.toFixed(3).padStart(6)}`}  ${oneLine(st.query, 130)}`);
      }
    }
  } finally {
    await recorder.close();
  }
}

export default people;
