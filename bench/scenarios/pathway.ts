/**
 * The care pathway under load, on a place with two years of pathway activity.
 *
 * 1. Reads, one request at a time, each three ways (as in the people scenario):
 *      sql      the query functions the service calls, in the same order, no transaction or audit;
 *      service  the service operation in-process (transaction, access policy, audit);
 *      http     the real app on 127.0.0.1, signed in over HTTP.
 *    - a team's caseload page (GET /api/caseloads?teamId=…, its first page as the web app asks) as zone 1's team manager;
 *    - a worker's own caseload (GET /api/caseloads?staffId=…) as the demo social worker;
 *    - the timeline (GET /api/people/:id/timeline) of sampled people with activity, as the
 *      co-ordinator after breaking glass for each, and of people on zone 1's caseload as its manager.
 * 2. The front door's journey, `--concurrency` clients at once (20 by default here): the
 *    integration account POSTs a referral about an existing person of zone 1, the co-ordinator
 *    accepts it (the zone team proposed from the GP practice), the team manager allocates a
 *    worker of the team. Over HTTP and in-process, with what the database sessions were doing.
 * 3. The ceiling every audited write shares: transactions that only append an audit entry.
 *
 * The harness's HTTP clients send GETs only; the journeys' POSTs go from a client worker of this
 * file's own (plain JavaScript in a worker thread, so the server keeps the main event loop).
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import type { Ctx } from '../../src/access/actor.js';
import { appendAudit } from '../../src/access/audit.js';
import { resolveSession, type SessionView } from '../../src/access/sessions.js';
import { systemClock } from '../../src/platform/clock.js';
import { londonDateOf } from '../../src/platform/dates.js';
import { rowsOf, sql, type Db } from '../../src/platform/db.js';
import { membersOfTeam, staffByIds, teamById } from '../../src/partnership/directory.js';
import { personNames } from '../../src/people/service.js';
import { eventsOfPerson } from '../../src/pathway/events.js';
import { caseload } from '../../src/pathway/front-door/caseload.js';
import { openCaseCounts, openCasesPage, waitingForAllocation } from '../../src/pathway/front-door/queries.js';
import { caseloadPageSize, type CaseloadQuery } from '../../src/pathway/front-door/types.js';
import { acceptReferral, allocateReferral, receiveReferral } from '../../src/pathway/front-door/service.js';
import { timelineOf } from '../../src/pathway/timeline/service.js';
import { demoPassword } from '../../src/synth/accounts.js';
import { onCleanup } from '../lib/cleanup.js';
import { provision, redactUrl, type BenchDatabase } from '../lib/database.js';
import { executionMs, isPlainRead, oneLine, StatementRecorder, type Statement } from '../lib/explain.js';
import { HttpClients } from '../lib/http-client.js';
import { tsWorker } from '../lib/ts-worker.js';
import type { JourneyInput, JourneyJob, JourneyResult } from './pathway-journey-worker.js';
import { ServerTiming } from '../lib/server-timing.js';
import { breakdownTable, statementCounter, type StatementBreakdown } from '../lib/statements.js';
import { describeMachine, loadAverage, machine, markdownTable, percent, textTable, thousands, type Align } from '../lib/report.js';
import { cpuShares, cpuSnapshot, type CpuShares } from '../lib/cpu.js';
import { sampleSessions, sessionStates, type SessionStates } from '../lib/session-states.js';
import type { RunSettings, Scenario } from '../lib/scenario.js';
import { ms, summarise, timeEach, type Summary } from '../lib/stats.js';

const PRESET = 'torbay';
const USERS = {
  integration: `integration@${PRESET}.demo`,
  coordinator: `coordinator@${PRESET}.demo`,
  manager: `team_manager@${PRESET}.demo`,
  worker: `social_worker@${PRESET}.demo`,
} as const;
const TIMELINE_LIMIT = 200; // the route's default
const DEFAULT_CLIENTS = 20;
const DEFAULT_JOURNEYS = 5000;
const BREAK_GLASS_REASON = 'Performance benchmark: opening the timelines of a sample of people on a synthetic place.';
const REFERRAL_REASON = 'Benchmark referral: a fall at home, struggling with stairs and meals.';

const targets = { journeysPerSecond: 500, caseloadP95: 50, timelineP95: 50 };

type Path = 'sql' | 'service' | 'http' | 'server';
type SeriesKey = 'caseload_team' | 'caseload_worker' | 'timeline_glass' | 'timeline_caseload';
type Measured = { key: SeriesKey; label: string; path: Path; summary: Summary };

function count(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value.replace(/[,_]/g, ''));
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min.toLocaleString('en-GB')}.`);
    return n;
  };
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function seconds(msValue: number): string {
  return `${(msValue / 1000).toFixed(1)} s`;
}

// ── The journey clients ─────────────────────────────────────────────────────────────────────

// The clients run in a worker thread of their own (pathway-journey-worker.ts).
class JourneyClients {
  private readonly worker = tsWorker(new URL('./pathway-journey-worker.ts', import.meta.url));

  run(job: JourneyJob): Promise<JourneyResult> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`journey clients failed: ${err.message}`));
      this.worker.once('error', onError);
      this.worker.once('message', (r: JourneyResult) => {
        this.worker.off('error', onError);
        resolve(r);
      });
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function finite(values: Float64Array): Float64Array {
  return values.filter((v) => Number.isFinite(v));
}

// ── The reads ───────────────────────────────────────────────────────────────────────────────

type ReadInput = { teamId?: string; staffId?: string; personId?: string };
type Series = {
  key: SeriesKey;
  label: string;
  /** The same query functions the service calls, in order, on the Drizzle db, no transaction. */
  sql: (db: Db, x: ReadInput) => Promise<number>;
  /** The service operation in-process, as the series' user, on this Drizzle db. */
  service: (db: Db, x: ReadInput) => Promise<unknown>;
  path: (x: ReadInput) => string;
  client: HttpClients;
  warm: ReadInput[];
  measured: ReadInput[];
};

/**
 * What caseload() in src/pathway/front-door/caseload.ts reads for the first page (as the web app
 * asks for it), without its transaction, policy or audit. Returns the cases on the page.
 */
async function caseloadReads(db: Db, placeId: string, f: { teamId?: string; staffId?: string }, actor: { staffId: string | null; managedTeamIds: string[] }): Promise<number> {
  const teamIds = f.teamId ? [f.teamId] : [];
  const mine = f.staffId !== undefined && f.staffId === actor.staffId;
  const scope = f.staffId ? { staffId: f.staffId, ...(mine ? {} : { teamIds: actor.managedTeamIds }) } : { teamIds };
  const open = await openCasesPage(db, placeId, scope, { limit: caseloadPageSize.default });
  await openCaseCounts(db, placeId, scope, open[0]?.id ?? null);
  const waiting = await waitingForAllocation(db, placeId, teamIds, 200);
  await personNames(db, placeId, [...new Set([...open.map((c) => c.personId), ...waiting.rows.map((r) => r.personId)])]);
  await staffByIds(db, placeId, open.flatMap((c) => (c.workerStaffId ? [c.workerStaffId] : [])));
  for (const id of new Set(open.map((c) => c.teamId))) await teamById(db, placeId, id);
  if (f.teamId) await membersOfTeam(db, placeId, f.teamId, londonDateOf(new Date()));
  return open.length;
}

/** The caseload's first page as the web app asks for it (the default page size). */
const firstPage = (f: { teamId?: string; staffId?: string }): CaseloadQuery => ({ ...f, limit: caseloadPageSize.default });

/** Every person on a team's caseload, page by page (the largest pages), as its manager. */
async function everyoneOnCaseload(ctx: Ctx, teamId: string): Promise<string[]> {
  const people = new Set<string>();
  let after: string | undefined;
  do {
    const page = await caseload(ctx, { teamId, limit: caseloadPageSize.max, ...(after ? { after } : {}) });
    for (const c of page.cases) people.add(c.person.id);
    after = page.page.nextAfter ?? undefined;
  } while (after);
  return [...people];
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

function cycle<T>(pool: readonly T[], n: number, offset = 0): T[] {
  if (pool.length === 0) return [];
  return Array.from({ length: n }, (_, i) => pool[(offset + i) % pool.length]!);
}

// ── The scenario ────────────────────────────────────────────────────────────────────────────

type JourneyRun = {
  path: 'http' | 'service';
  journeys: number;
  clients: number;
  elapsedMs: number;
  perSecond: number;
  journey: Summary;
  steps: { create: Summary; accept: Summary; allocate: Summary };
  cpu: CpuShares;
  states: SessionStates | null;
  loadBefore: string;
  loadAfter: string;
};

type CeilingRun = { label: string; clients: number; transactions: number; perSecond: number; p50: number; p95: number };

const pathway: Scenario = {
  name: 'pathway',
  summary: 'care pathway: referral → accept → allocate journeys at 20 clients, caseload pages and timelines (raw SQL, service, HTTP)',
  docSection: 'Care pathway',

  configure(cmd: Command) {
    cmd.option('--journeys <n>', `referral journeys measured over HTTP (and half as many in-process); default ${thousands(DEFAULT_JOURNEYS)}`, count('--journeys', 10), DEFAULT_JOURNEYS);
    // The issue's target is at 20 clients: this scenario's default, where the others' is 8.
    const concurrency = cmd.options.find((o) => o.long === '--concurrency');
    if (concurrency) {
      concurrency.default(DEFAULT_CLIENTS);
      cmd.setOptionValueWithSource('concurrency', DEFAULT_CLIENTS, 'default');
    }
  },

  async run(s: RunSettings & { extra: Record<string, unknown> }) {
    const started = new Date();
    const m = machine();
    const journeysWanted = Number(s.extra.journeys ?? DEFAULT_JOURNEYS);
    const clients = s.concurrency;
    const loads = () => os.loadavg().map((v) => v.toFixed(2)).join(' / ');
    console.log(`  machine: ${describeMachine(m)}; load average (1/5/15 min) ${loads()}`);
    if (s.engine === 'postgresql') console.log(`  server: ${redactUrl(s.databaseUrl)}`);

    // 1. A database of its own, loaded with the place and its two years of activity.
    const bdb = await provision({ scenario: 'pathway', engine: s.engine, preset: PRESET, population: s.population, seed: s.seed, adminUrl: s.databaseUrl, keep: s.keep });
    const { database, placeId } = bdb;
    const db = database.db;
    const tableRows = (name: string) => bdb.seed.tables.find((t) => t.name === name)?.rows ?? 0;
    const seedLine = `${thousands(bdb.seed.population)} people, ${thousands(bdb.seed.rows)} rows in ${bdb.seed.tables.filter((t) => t.rows > 0).length} tables (${thousands(tableRows('referral'))} referrals, ${thousands(tableRows('care_case'))} cases, ${thousands(tableRows('pathway_event'))} timeline events, ${thousands(tableRows('audit_entry'))} audit entries), seeded in ${bdb.seed.seconds.toFixed(1)} s = ${thousands(bdb.seed.rows / bdb.seed.seconds)} rows/s${bdb.seed.reused ? ` — by an earlier --keep run on ${bdb.seed.seededAt.slice(0, 10)}` : ''}`;
    console.log(`  ${bdb.serverVersion}; ${bdb.where}`);
    console.log(`  seed: ${seedLine}`);
    console.log(`  largest tables: ${bdb.seed.tables.slice(0, 8).map((t) => `${t.name} ${thousands(t.rows)}`).join(', ')}`);
    // The journeys write: a kept database carries every earlier run's referrals and open cases.
    const [written] = await rowsOf<{ n: number }>(db, sql`select count(*)::int8 as n from referral where place_id = ${placeId} and reason = ${REFERRAL_REASON}`);
    const earlierJourneys = Number(written?.n ?? 0);
    if (earlierJourneys > 0) console.log(`  note: this kept database already holds ${thousands(earlierJourneys)} referrals from earlier runs' journeys; zone 1's caseload has grown by as many cases`);
    if (tableRows('pathway_event') === 0 || tableRows('referral') === 0) {
      throw new Error('The place has no pathway activity (no referrals or timeline events): the generator (src/synth/seed.ts) must seed two years of activity for this benchmark to mean anything.');
    }

    // 2. The real app on the loopback, and the four users signed in over HTTP.
    const app = await buildApp({ database, clock: systemClock, place: PRESET, signInLimit: 1_000_000 });
    const serverTiming = new ServerTiming(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    onCleanup('close the app', () => app.close());
    const address = app.server.address() as AddressInfo;
    if (address.address !== '127.0.0.1') throw new Error(`The app listens on ${address.address}, not the loopback.`);
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const signIn = async (email: string) => {
      const c = await HttpClients.signIn(baseUrl, email, demoPassword);
      onCleanup(`stop the HTTP clients of ${email}`, () => c.close());
      const session = await resolveSession(db, c.sessionToken, systemClock.now());
      if (!session) throw new Error(`The session of ${email} signed in over HTTP does not resolve in-process.`);
      return { client: c, session, ctx: { db, clock: systemClock, actor: session.actor } satisfies Ctx, http: { cookie: c.cookie, csrf: c.csrfToken } };
    };
    const integration = await signIn(USERS.integration);
    const coordinator = await signIn(USERS.coordinator);
    const manager = await signIn(USERS.manager);
    const worker = await signIn(USERS.worker);
    console.log(`  app on ${baseUrl}, signed in as ${Object.values(USERS).join(', ')}`);

    // 3. Zone 1's team (the one the demo manager manages), its workers and its people.
    const teamId = manager.session.actor.managedTeamIds[0];
    if (!teamId) throw new Error(`${USERS.manager} manages no team.`);
    const team = await teamById(db, placeId, teamId);
    if (!team?.zoneId) throw new Error(`${USERS.manager}'s team ${team?.name ?? teamId} is not a zone team.`);
    const today = londonDateOf(new Date());
    const members = (await membersOfTeam(db, placeId, teamId, today)).filter((x) => x.roleInTeam === 'member');
    if (members.length === 0) throw new Error(`${team.name} has no members to allocate to.`);
    const workerStaffId = worker.session.actor.staffId;
    if (!workerStaffId || !worker.session.actor.teamIds.includes(teamId)) throw new Error(`${USERS.worker} is not a member of ${team.name}.`);
    const serviceJourneys = Math.max(10, Math.floor(journeysWanted / 2));
    const warmJourneys = Math.min(s.warmup, journeysWanted);
    const journeyPeople = await rowsOf<{ id: string }>(
      db,
      sql`select p.id from person p join partner g on g.place_id = p.place_id and g.id = p.gp_practice_id
          where p.place_id = ${placeId} and g.zone_id = ${team.zoneId} and p.merged_into_id is null and p.death_date is null
          order by md5(p.id::text || ${`pathway-journey:${s.seed}`}) limit ${warmJourneys + journeysWanted + serviceJourneys}`,
    );
    if (journeyPeople.length === 0) throw new Error(`Nobody in the place has a GP practice in ${team.name}'s zone.`);
    const journeyInputs = (n: number, offset: number): JourneyInput[] =>
      cycle(journeyPeople, n, offset).map((p, i) => ({ personId: p.id, workerStaffId: members[(offset + i) % members.length]!.id }));
    console.log(`  zone 1: ${team.name}, ${members.length} members to allocate to; ${thousands(journeyPeople.length)} of its people sampled for journeys`);

    // Timeline samples: people with activity in a fixed pseudo-random order …
    const timelinePeople = await rowsOf<{ id: string }>(
      db,
      sql`select person_id as id from (select distinct person_id from pathway_event where place_id = ${placeId}) d
          order by md5(person_id::text || ${`pathway-timeline:${s.seed}`}) limit ${s.samples + s.warmup}`,
    );
    if (timelinePeople.length === 0) throw new Error('Nobody has a timeline event.');
    // … and the people on zone 1's caseload, which its manager reaches through the team.
    const teamCaseload = await caseload(manager.ctx, firstPage({ teamId }));
    const caseloadPeople = await everyoneOnCaseload(manager.ctx, teamId);
    if (caseloadPeople.length === 0) throw new Error(`${team.name} has no open cases.`);
    const workerCaseload = await caseload(worker.ctx, firstPage({ staffId: workerStaffId }));
    console.log(
      `  ${team.name}: ${thousands(teamCaseload.counts.open)} open cases, ${teamCaseload.counts.waiting} waiting; ${USERS.worker}: ${workerCaseload.counts.open} open cases; ${thousands(timelinePeople.length)} people with activity sampled for timelines`,
    );

    // The co-ordinator breaks glass for every sampled person (4 hours, flagged for review), so
    // opening their timelines goes through a real relationship. Not measured.
    const glassStarted = performance.now();
    await concurrently(timelinePeople, 8, async (p) => {
      const res = await coordinator.client.post(`/api/people/${p.id}/break-glass`, { reason: BREAK_GLASS_REASON });
      if (res.status !== 200) throw new Error(`Breaking glass for ${p.id} answered ${res.status}: ${res.text}`);
    });
    console.log(`  broke glass for ${thousands(timelinePeople.length)} sampled people in ${seconds(performance.now() - glassStarted)}`);

    const split = (xs: ReadInput[]) => ({ warm: xs.slice(0, s.warmup), measured: xs.slice(s.warmup) });
    const glassInputs = split(cycle(timelinePeople, s.samples + s.warmup).map((p) => ({ personId: p.id })));
    const caseloadInputs = split(cycle(caseloadPeople, s.samples + s.warmup).map((id) => ({ personId: id })));
    const repeat = (x: ReadInput) => split(Array.from({ length: s.samples + s.warmup }, () => x));
    const timelineSql = async (d: Db, x: ReadInput) => (await eventsOfPerson(d, placeId, x.personId!, { kinds: null, subjects: null }, TIMELINE_LIMIT)).length;
    const series: Series[] = [
      {
        key: 'caseload_team',
        label: `team caseload page, the first ${caseloadPageSize.default} cases (${team.name}, as its manager)`,
        sql: (d, x) => caseloadReads(d, placeId, x, manager.session.actor),
        service: (d, x) => caseload({ ...manager.ctx, db: d }, firstPage(x)),
        path: (x) => `/api/caseloads?teamId=${x.teamId}`,
        client: manager.client,
        ...repeat({ teamId }),
      },
      {
        key: 'caseload_worker',
        label: `worker's own caseload (${USERS.worker})`,
        sql: (d, x) => caseloadReads(d, placeId, x, worker.session.actor),
        service: (d, x) => caseload({ ...worker.ctx, db: d }, firstPage(x)),
        path: (x) => `/api/caseloads?staffId=${x.staffId}`,
        client: worker.client,
        ...repeat({ staffId: workerStaffId }),
      },
      {
        key: 'timeline_glass',
        label: 'timeline, sampled people with activity (co-ordinator, break glass)',
        sql: timelineSql,
        service: (d, x) => timelineOf({ ...coordinator.ctx, db: d }, x.personId!, { kinds: null, subjects: null, limit: TIMELINE_LIMIT }),
        path: (x) => `/api/people/${x.personId}/timeline`,
        client: coordinator.client,
        ...glassInputs,
      },
      {
        key: 'timeline_caseload',
        label: `timeline, people on the caseload (${USERS.manager})`,
        sql: timelineSql,
        service: (d, x) => timelineOf({ ...manager.ctx, db: d }, x.personId!, { kinds: null, subjects: null, limit: TIMELINE_LIMIT }),
        path: (x) => `/api/people/${x.personId}/timeline`,
        client: manager.client,
        ...caseloadInputs,
      },
    ];

    // 4. Warm up: every measured input once through its queries, then --warmup per path.
    const warmStarted = performance.now();
    const rowsFound: Record<SeriesKey, number[]> = { caseload_team: [], caseload_worker: [], timeline_glass: [], timeline_caseload: [] };
    for (const x of series) {
      const distinct = [...new Map(x.measured.map((i) => [JSON.stringify(i), i])).values()];
      for (const i of distinct) rowsFound[x.key].push(await x.sql(db, i));
      for (const i of x.warm) {
        await x.sql(db, i);
        await x.service(db, i);
      }
      if (x.warm.length > 0) {
        const w = await x.client.run(x.warm.map(x.path), 1);
        if (w.firstError) throw new Error(`Warm-up of ${x.label} over HTTP failed: ${w.firstError}`);
      }
    }
    console.log(`  warmed up in ${seconds(performance.now() - warmStarted)}`);

    // 5. Reads, one at a time.
    const readLoadBefore = loadAverage();
    const measured: Measured[] = [];
    for (const x of series) {
      process.stdout.write(`  measuring ${x.label} (${thousands(x.measured.length)} each: sql`);
      const sqlTimes = await timeEach(x.measured, (i) => x.sql(db, i));
      process.stdout.write(', service');
      const serviceTimes = await timeEach(x.measured, (i) => x.service(db, i));
      process.stdout.write(', http');
      const { result: http, times: serverTimes } = await serverTiming.during(() => x.client.run(x.measured.map(x.path), 1));
      if (http.firstError) throw new Error(`${x.label} over HTTP: ${http.firstError}`);
      process.stdout.write(')\n');
      measured.push({ key: x.key, label: x.label, path: 'sql', summary: summarise(sqlTimes) });
      measured.push({ key: x.key, label: x.label, path: 'service', summary: summarise(serviceTimes) });
      measured.push({ key: x.key, label: x.label, path: 'http', summary: summarise(http.latencies) });
      measured.push({ key: x.key, label: x.label, path: 'server', summary: summarise(serverTimes) });
    }
    const readLoadAfter = loadAverage();

    // 6. The ceiling of audited writes: transactions that append one audit entry and commit.
    const probe = bdb.url ? new pg.Client({ connectionString: bdb.url }) : null;
    if (probe) {
      await probe.connect();
      onCleanup('close the probe connection', () => probe.end());
    }
    const ceilingN = Math.max(200, Math.min(4000, journeysWanted));
    const audit = (asyncCommit: boolean) => () =>
      db.transaction(async (tx) => {
        if (asyncCommit) await tx.execute(sql`set local synchronous_commit = off`);
        await appendAudit(tx, [{ placeId, userId: integration.session.actor.userId, role: 'integration', action: 'bench.ceiling', personIds: [], outcome: 'allowed' }], new Date());
      });
    const ceilings: CeilingRun[] = [];
    process.stdout.write(`  audit ceiling: ${thousands(ceilingN)} transactions that only append an audit entry (1 client, ${clients} clients`);
    for (const [label, n, c, asyncCommit] of [
      ['one client', Math.ceil(ceilingN / 4), 1, false],
      [`${clients} clients`, ceilingN, clients, false],
      [`${clients} clients, synchronous_commit off`, ceilingN, clients, true],
    ] as const) {
      if (asyncCommit && !bdb.url) continue;
      if (asyncCommit) process.stdout.write(', synchronous_commit off');
      const fn = audit(asyncCommit);
      await concurrently(Array.from({ length: Math.min(100, n) }), c, fn);
      const r = await concurrently(Array.from({ length: n }), c, fn);
      const sum = summarise(r.latencies);
      ceilings.push({ label, clients: c, transactions: n, perSecond: (n / r.elapsedMs) * 1000, p50: sum.p50, p95: sum.p95 });
    }
    process.stdout.write(')\n');
    // And what the server answers at the same concurrency with no audit and no write at all:
    // GET /api/session (the session look-up every request pays, three reads).
    const floorPaths = Array.from({ length: ceilingN }, () => '/api/session');
    await manager.client.run(floorPaths.slice(0, 100), clients);
    const floor = await manager.client.run(floorPaths, clients);
    if (floor.firstError) throw new Error(`GET /api/session: ${floor.firstError}`);
    const floorSum = summarise(floor.latencies);
    const httpFloor: CeilingRun = { label: `GET /api/session, ${clients} clients (no audit, no write)`, clients, transactions: ceilingN, perSecond: (ceilingN / floor.elapsedMs) * 1000, p50: floorSum.p50, p95: floorSum.p95 };

    // 7. Journeys: warm-up, then measured over HTTP, then in-process (no HTTP, same services).
    const journeyClients = new JourneyClients();
    onCleanup('stop the journey clients', () => journeyClients.close());
    const job = (journeys: JourneyInput[]): JourneyJob => ({
      baseUrl,
      referrer: integration.http,
      coordinator: coordinator.http,
      manager: manager.http,
      teamId,
      reason: REFERRAL_REASON,
      journeys,
      concurrency: clients,
    });
    if (warmJourneys > 0) {
      const w = await journeyClients.run(job(journeyInputs(warmJourneys, 0)));
      if (w.failed > 0) throw new Error(`Warm-up journeys: ${w.failed} failed; first: ${w.firstError}`);
    }
    const journeyRuns: JourneyRun[] = [];
    let journeyServer: Summary | null = null;
    // The HTTP journeys' statements, counted by the server (when it loads pg_stat_statements).
    const counter = await statementCounter(probe);
    let journeyStatements: StatementBreakdown | null = null;
    {
      console.log(`  journeys over HTTP: ${thousands(journeysWanted)}, ${clients} clients …`);
      const loadBefore = loadAverage();
      if ('reset' in counter) await counter.reset();
      const a = await cpuSnapshot(probe);
      const {
        result: { result: r, states },
        times: serverTimes,
      } = await serverTiming.during(() => sampleSessions(bdb.url, () => journeyClients.run(job(journeyInputs(journeysWanted, warmJourneys)))));
      journeyServer = summarise(serverTimes);
      const b = await cpuSnapshot(probe);
      if ('read' in counter) journeyStatements = await counter.read(journeysWanted, 'journey');
      if (r.failed > 0) throw new Error(`${r.failed} of ${journeysWanted} journeys failed over HTTP; first: ${r.firstError}; answers: ${JSON.stringify(r.statuses)}`);
      journeyRuns.push({
        path: 'http',
        journeys: journeysWanted,
        clients,
        elapsedMs: r.elapsedMs,
        perSecond: (journeysWanted / r.elapsedMs) * 1000,
        journey: summarise(finite(r.journey)),
        steps: { create: summarise(finite(r.create)), accept: summarise(finite(r.accept)), allocate: summarise(finite(r.allocate)) },
        cpu: cpuShares(a, b),
        states,
        loadBefore,
        loadAfter: loadAverage(),
      });
    }
    {
      console.log(`  journeys in-process (services, no HTTP): ${thousands(serviceJourneys)}, ${clients} clients …`);
      const inputs = journeyInputs(serviceJourneys, warmJourneys + journeysWanted);
      const steps = { create: new Float64Array(inputs.length), accept: new Float64Array(inputs.length), allocate: new Float64Array(inputs.length) };
      let i = 0;
      const loadBefore = loadAverage();
      const a = await cpuSnapshot(probe);
      const { result: r, states } = await sampleSessions(bdb.url, () =>
        concurrently(inputs, clients, async (x) => {
          const at = i++;
          let t = performance.now();
          const received = await receiveReferral(integration.ctx, { person: { id: x.personId }, source: 'gp', sourceName: 'Benchmark GP practice', reason: REFERRAL_REASON, urgency: 'routine' }, 'api');
          steps.create[at] = performance.now() - t;
          t = performance.now();
          const accepted = await acceptReferral(coordinator.ctx, received.referral.id, { version: received.referral.version });
          steps.accept[at] = performance.now() - t;
          if (accepted.team?.id !== teamId) throw new Error(`Accepted into ${JSON.stringify(accepted.team)}, not ${team.name}.`);
          t = performance.now();
          await allocateReferral(manager.ctx, accepted.id, { workerStaffId: x.workerStaffId, version: accepted.version });
          steps.allocate[at] = performance.now() - t;
        }),
      );
      const b = await cpuSnapshot(probe);
      journeyRuns.push({
        path: 'service',
        journeys: inputs.length,
        clients,
        elapsedMs: r.elapsedMs,
        perSecond: (inputs.length / r.elapsedMs) * 1000,
        journey: summarise(r.latencies),
        steps: { create: summarise(steps.create), accept: summarise(steps.accept), allocate: summarise(steps.allocate) },
        cpu: cpuShares(a, b),
        states,
        loadBefore,
        loadAfter: loadAverage(),
      });
    }

    // 8. The team's caseload page again, now that the journeys have put their cases on it.
    const afterN = Math.min(s.samples, 200);
    const after = await manager.client.run(Array.from({ length: afterN }, () => `/api/caseloads?teamId=${teamId}`), 1);
    if (after.firstError) throw new Error(`Caseload after the journeys: ${after.firstError}`);
    const afterOpen = (await openCaseCounts(db, placeId, { teamIds: [teamId] }, null)).reduce((n, w) => n + w.open, 0);
    const afterSummary = summarise(after.latencies);

    // 9. Plans, when asked.
    if (s.explain) {
      await printPlans(bdb, series, {
        journey: async (recorder) => {
          const [x] = journeyInputs(1, warmJourneys + journeysWanted + serviceJourneys);
          const on = (c: Ctx, d: Db): Ctx => ({ ...c, db: d });
          let r!: Awaited<ReturnType<typeof receiveReferral>>;
          let acc!: Awaited<ReturnType<typeof acceptReferral>>;
          const create = await recorder.record(async (d) => {
            r = await receiveReferral(on(integration.ctx, d), { person: { id: x!.personId }, source: 'gp', reason: REFERRAL_REASON }, 'api');
          });
          const accept = await recorder.record(async (d) => {
            acc = await acceptReferral(on(coordinator.ctx, d), r.referral.id, { version: r.referral.version });
          });
          const allocate = await recorder.record((d) => allocateReferral(on(manager.ctx, d), acc.id, { workerStaffId: x!.workerStaffId, version: acc.version }));
          return [
            { step: 'POST /api/referrals (receiveReferral)', statements: create },
            { step: 'POST /api/referrals/:id/accept (acceptReferral)', statements: accept },
            { step: 'POST /api/referrals/:id/allocate (allocateReferral)', statements: allocate },
          ];
        },
        session: (d) => resolveSession(d, manager.client.sessionToken, new Date()),
      });
    }

    // 10. Report.
    const get = (key: SeriesKey, path: Path) => measured.find((x) => x.key === key && x.path === path)!.summary;
    const headers = ['query', 'path', 'n', 'mean ms', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
    const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];
    const rows = measured.map((x) => [x.label, x.path, thousands(x.summary.count), ms(x.summary.mean), ms(x.summary.p50), ms(x.summary.p95), ms(x.summary.p99), ms(x.summary.max)]);
    rows.push([`team caseload page after the journeys, the first ${caseloadPageSize.default} (${thousands(afterOpen)} open cases)`, 'http', thousands(afterSummary.count), ms(afterSummary.mean), ms(afterSummary.p50), ms(afterSummary.p95), ms(afterSummary.p99), ms(afterSummary.max)]);
    const meanRows = (key: SeriesKey) => {
      const xs = rowsFound[key];
      return xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : '–';
    };
    const maxRows = (key: SeriesKey) => Math.max(0, ...rowsFound[key]);
    const rowsLine = `Rows behind the pages: the team caseload ${thousands(teamCaseload.counts.open)} open cases (a page shows ${caseloadPageSize.default}) and ${teamCaseload.counts.waiting} waiting, the worker's ${workerCaseload.counts.open}; timelines (at most ${TIMELINE_LIMIT} events) ${meanRows('timeline_glass')} events on average (at most ${maxRows('timeline_glass')}) for the sampled people, ${meanRows('timeline_caseload')} (at most ${maxRows('timeline_caseload')}) for people on the caseload.`;

    const jHeaders = ['journeys', 'clients', 'n', 'journeys/s', 'journey p50', 'p95', 'create p50', 'p95', 'accept p50', 'p95', 'allocate p50', 'p95'];
    const jAlign: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
    const jRows = journeyRuns.map((j) => [
      j.path,
      String(j.clients),
      thousands(j.journeys),
      j.perSecond.toFixed(1),
      ms(j.journey.p50),
      ms(j.journey.p95),
      ms(j.steps.create.p50),
      ms(j.steps.create.p95),
      ms(j.steps.accept.p50),
      ms(j.steps.accept.p95),
      ms(j.steps.allocate.p50),
      ms(j.steps.allocate.p95),
    ]);
    const cHeaders = ['journeys', 'seconds', 'machine busy', 'Node (server + clients)', 'server event loop', 'PostgreSQL backends', 'everything else', '1-min load before → after'];
    const cAlign: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'];
    const cRows = journeyRuns.map((j) => [
      j.path,
      j.cpu.seconds.toFixed(1),
      percent(j.cpu.machineBusy),
      percent(j.cpu.node),
      percent(j.cpu.eventLoop),
      `${percent(j.cpu.backends)} (${j.cpu.backendsSeen})`,
      percent(j.cpu.others),
      `${j.loadBefore} → ${j.loadAfter}`,
    ]);
    const serverLine = journeyServer
      ? `Inside the server (Fastify's reply.elapsedTime, the three POSTs together): p50 ${ms(journeyServer.p50)} ms, p95 ${ms(journeyServer.p95)} ms, against p50 ${ms(journeyRuns[0]!.steps.create.p50)} / ${ms(journeyRuns[0]!.steps.accept.p50)} / ${ms(journeyRuns[0]!.steps.allocate.p50)} ms per step at the clients; the difference is time in the sockets and the event loop's queue before Fastify sees a request.`
      : '';
    // CPU time each journey cost, and what the machine's cores would allow if they did nothing else.
    const perJourney = journeyRuns.map((j) => {
      const nodeMs = ((j.cpu.node / 100) * j.cpu.seconds * 1000) / j.journeys;
      const pgMs = ((j.cpu.backends / 100) * j.cpu.seconds * 1000) / j.journeys;
      return { path: j.path, nodeMs, pgMs, ceiling: (m.cpus * 1000) / (nodeMs + pgMs) };
    });
    const perJourneyLine = `CPU time per journey: ${perJourney
      .map((p) => `${p.path} ${ms(p.nodeMs)} ms in Node (server${p.path === 'http' ? ' and clients' : ''}) + ${ms(p.pgMs)} ms in PostgreSQL = at most ${thousands(p.ceiling)} journeys/s if all ${m.cpus} cores did nothing else`)
      .join('; ')}.`;
    const statementsTitle = journeyStatements
      ? `where PostgreSQL's time went in the HTTP journeys, by statement (pg_stat_statements; the server's time inside each statement, a function's in its call)`
      : `no breakdown by statement: ${'unavailable' in counter ? counter.unavailable : 'not counted'}`;
    const st = journeyStatements ? breakdownTable(journeyStatements) : null;
    const sHeaders = ['journeys', ...sessionStates];
    const sAlign: Align[] = ['left', ...sessionStates.map((): Align => 'right')];
    const sRows = journeyRuns.filter((j) => j.states).map((j) => [j.path, ...sessionStates.map((st) => j.states!.mean[st].toFixed(2))]);
    const holderLines = journeyRuns
      .filter((j) => j.states && j.states.holderSamples > 0)
      .map((j) => {
        const h = j.states!.holder;
        const n = j.states!.holderSamples;
        const share = (k: keyof SessionStates['holder']) => `${Math.round((h[k] / n) * 100)} %`;
        return `${j.path}: someone waited for the audit head in ${Math.round((n / j.states!.samples) * 100)} % of ${thousands(j.states!.samples)} samples; its holder was then idle in transaction (waiting for Node) ${share('idle in transaction')}, running a statement ${share('running a statement')}, committing (WAL flush) ${share('committing (WAL)')}.`;
      });
    const ceHeaders = ['audit-only transactions', 'n', 'per second', 'p50 ms', 'p95 ms', 'journeys/s at most (3 audited steps each)'];
    const ceAlign: Align[] = ['left', 'right', 'right', 'right', 'right', 'right'];
    const ceRows = ceilings.map((c) => [c.label, thousands(c.transactions), thousands(c.perSecond), ms(c.p50), ms(c.p95), thousands(c.perSecond / 3)]);
    ceRows.push([`HTTP floor: ${httpFloor.label}`, thousands(httpFloor.transactions), thousands(httpFloor.perSecond), ms(httpFloor.p50), ms(httpFloor.p95), `${thousands(httpFloor.perSecond / 3)} (3 requests each)`]);

    const httpJourneys = journeyRuns.find((j) => j.path === 'http')!;
    const cl = get('caseload_team', 'http');
    const cw = get('caseload_worker', 'http');
    const tg = get('timeline_glass', 'http');
    const tc = get('timeline_caseload', 'http');
    const targetRows = [
      [`referral journeys ≥ ${targets.journeysPerSecond}/s at ${clients} clients (HTTP)`, `${httpJourneys.perSecond.toFixed(1)}/s (in-process ${journeyRuns[1]!.perSecond.toFixed(1)}/s)`, verdict(httpJourneys.perSecond >= targets.journeysPerSecond)],
      [`team caseload page p95 ≤ ${targets.caseloadP95} ms (HTTP)`, `${ms(cl.p95)} ms (SQL ${ms(get('caseload_team', 'sql').p95)} ms)`, verdict(cl.p95 <= targets.caseloadP95)],
      [`worker's caseload p95 ≤ ${targets.caseloadP95} ms (HTTP)`, `${ms(cw.p95)} ms (SQL ${ms(get('caseload_worker', 'sql').p95)} ms)`, verdict(cw.p95 <= targets.caseloadP95)],
      [`timeline p95 ≤ ${targets.timelineP95} ms (HTTP, sampled people)`, `${ms(tg.p95)} ms (SQL ${ms(get('timeline_glass', 'sql').p95)} ms)`, verdict(tg.p95 <= targets.timelineP95)],
      [`timeline p95 ≤ ${targets.timelineP95} ms (HTTP, people on the caseload)`, `${ms(tc.p95)} ms (SQL ${ms(get('timeline_caseload', 'sql').p95)} ms)`, verdict(tc.p95 <= targets.timelineP95)],
    ];
    const tHeaders = ['target', 'measured', 'verdict'];
    const tAlign: Align[] = ['left', 'left', 'left'];

    const readLoad = `1-minute load average ${readLoadBefore} when the reads began and ${readLoadAfter} when they ended (${m.cpus} CPUs)`;
    console.log(`\n  ${bdb.serverVersion}, ${thousands(s.population)} people — reads, one request at a time; ${readLoad}`);
    console.log(textTable(headers, rows, align));
    console.log(`  ${rowsLine}`);
    console.log(`\n  journeys: create (integration account) → accept (co-ordinator) → allocate (team manager); latencies in ms`);
    console.log(textTable(jHeaders, jRows, jAlign));
    if (serverLine) console.log(`  ${serverLine}`);
    console.log(`\n  CPU while the journeys ran (% of one core; ${m.cpus} cores = ${m.cpus * 100} %)`);
    console.log(textTable(cHeaders, cRows, cAlign));
    console.log(`  ${perJourneyLine}`);
    console.log(`\n  ${statementsTitle}`);
    if (st) console.log(textTable(st.headers, st.rows, st.align));
    if (sRows.length) {
      console.log(`\n  the benchmark database's sessions while the journeys ran (mean number in each state; the app's pool has 10)`);
      console.log(textTable(sHeaders, sRows, sAlign));
      for (const l of holderLines) console.log(`  ${l}`);
    }
    console.log(`\n  the ceiling of audited writes on this place (appendAudit, src/access/audit.ts, alone in a transaction)`);
    console.log(textTable(ceHeaders, ceRows, ceAlign));
    console.log(`\n  targets`);
    console.log(textTable(tHeaders, targetRows, tAlign));

    const md = [
      `### ${bdb.serverVersion}, ${thousands(s.population)} people with two years of activity`,
      '',
      `Measured ${started.toISOString().slice(0, 10)} on ${describeMachine(m)}, with`,
      '',
      '```sh',
      s.command,
      '```',
      '',
      `Seed: ${seedLine}.`,
      '',
      ...(earlierJourneys > 0 ? [`The database was kept from earlier runs whose ${thousands(earlierJourneys)} journeys are still in it (zone 1's caseload is that much larger).`, ''] : []),
      `Reads, one request at a time (${thousands(s.samples)} per query and path after ${thousands(s.warmup)} warm-up requests per path); ${readLoad}:`,
      '',
      markdownTable(headers, rows, align),
      '',
      '`server` is the same HTTP requests timed inside Fastify (`reply.elapsedTime`, from receiving the request to finishing the answer).',
      '',
      rowsLine,
      '',
      `Journeys (POST /api/referrals as the integration account → POST …/accept as the co-ordinator → POST …/allocate as the team manager), ${clients} clients at once, after ${thousands(warmJourneys)} warm-up journeys; latencies in ms:`,
      '',
      markdownTable(jHeaders, jRows, jAlign),
      '',
      ...(serverLine ? [serverLine, ''] : []),
      `CPU while the journeys ran, in % of one core (${m.cpus} cores = ${m.cpus * 100} %; "everything else" is other work on the machine and PostgreSQL's own processes):`,
      '',
      markdownTable(cHeaders, cRows, cAlign),
      '',
      perJourneyLine,
      '',
      ...(st ? [`Where PostgreSQL's time went in the HTTP journeys, by statement (pg_stat_statements: the server's time inside each statement, a function's in its call):`, '', markdownTable(st.headers, st.rows, st.align), ''] : []),
      ...(sRows.length
        ? [`The benchmark database's client sessions while the journeys ran (mean number in each state, sampled from pg_stat_activity every 15 ms; the app's pool has 10):`, '', markdownTable(sHeaders, sRows, sAlign), '', ...holderLines.map((l) => `- ${l}`), '']
        : []),
      'The ceiling every audited write shares: transactions that do nothing but append one audit entry (`appendAudit`) and commit; and, for comparison, the cheapest authenticated request at the same concurrency:',
      '',
      markdownTable(ceHeaders, ceRows, ceAlign),
      '',
      'Targets:',
      '',
      markdownTable(tHeaders, targetRows, tAlign),
    ].join('\n');
    return { markdown: md };
  },
};

// ── Plans ───────────────────────────────────────────────────────────────────────────────────

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the read queries, and the statements behind one journey with
 * where the audit head is locked: everything after it runs while every other audited
 * transaction of the place waits.
 */
async function printPlans(
  bdb: BenchDatabase,
  series: Series[],
  extra: { journey: (recorder: StatementRecorder) => Promise<{ step: string; statements: Statement[] }[]>; session: (db: Db) => Promise<SessionView | null> },
): Promise<void> {
  const recorder = new StatementRecorder(bdb.database, bdb.url);
  try {
    for (const x of series) {
      const input = x.measured[0]!;
      console.log(`\n  ── ${x.label}: ${x.path(input)}`);
      const statements = await recorder.record((d) => x.sql(d, input));
      for (const st of statements) {
        console.log(`\n  ${oneLine(st.query, 400)}`);
        const params = JSON.stringify(st.params);
        console.log(`  params: ${params.length > 300 ? `${params.slice(0, 299)}… (${st.params.length} in all)` : params}`);
        for (const line of await recorder.explain(st)) console.log(`    ${line}`);
      }
      const session = await recorder.record((d) => extra.session(d));
      console.log(`\n  statements behind one HTTP request (the session — read only when the server has not read it in the last 5 s, decision 0007 — then the service), execution time of the reads:`);
      for (const st of session) {
        const time = isPlainRead(st) ? executionMs(await recorder.explain(st)) : null;
        console.log(`    ${time === null ? '      ' : `${time.toFixed(3).padStart(6)}`}  ${oneLine(st.query, 130)}`);
      }
      // The service's own statements, recorded by running it on the recorder's connection.
      const service = await recorder.record((d) => x.service(d, input));
      for (const st of service) {
        const time = isPlainRead(st) ? executionMs(await recorder.explain(st)) : null;
        console.log(`    ${time === null ? '      ' : `${time.toFixed(3).padStart(6)}`}  ${oneLine(st.query, 130)}`);
      }
    }
    console.log(`\n  ── one journey, statement by statement (▶ = the audit head is locked from here to the commit)`);
    for (const { step, statements } of await extra.journey(recorder)) {
      const lockAt = statements.findIndex((st) => /from audit_head/i.test(st.query) && /for update/i.test(st.query));
      const afterLock = lockAt < 0 ? 0 : statements.length - lockAt - 1;
      console.log(`\n  ${step}: ${statements.length} statements, ${afterLock} of them after the audit head is locked (then the commit)`);
      for (const [i, st] of statements.entries()) {
        const time = isPlainRead(st) ? executionMs(await recorder.explain(st)) : null;
        console.log(`   ${i === lockAt ? '▶' : i > lockAt && lockAt >= 0 ? '│' : ' '} ${time === null ? '      ' : `${time.toFixed(3).padStart(6)}`}  ${oneLine(st.query, 125)}`);
      }
    }
  } finally {
    await recorder.close();
  }
}

export default pathway;
