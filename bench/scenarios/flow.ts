/**
 * Hospital flow under load: two years of synthetic stays for the place's population (the
 * generator's flow activity), then
 *   board     the discharge board as the hospital discharge team works it (service and HTTP);
 *   measures  a zone's monthly measures for twelve months (service and HTTP), after one cold call;
 *   feed      the acute trust's daily CSV feed through `importStays`, in events a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import type { Ctx } from '../../src/access/actor.js';
import { resolveSession } from '../../src/access/sessions.js';
import { systemClock } from '../../src/platform/clock.js';
import { rowsOf, sql } from '../../src/platform/db.js';
import { dischargeBoard } from '../../src/flow/board.js';
import { importStays, feedColumns } from '../../src/flow/import.js';
import { flowMeasures } from '../../src/flow/measures.js';
import { demoPassword } from '../../src/synth/accounts.js';
import { onCleanup } from '../lib/cleanup.js';
import { cpuOf, type CpuSpent } from '../lib/cpu.js';
import { provision, redactUrl } from '../lib/database.js';
import { HttpClients } from '../lib/http-client.js';
import { BenchRandom } from '../lib/random.js';
import { describeMachine, loadAverage, machine, markdownTable, textTable, thousands, type Align } from '../lib/report.js';
import type { RunSettings, Scenario } from '../lib/scenario.js';
import { ms, summarise, timeEach, type Summary } from '../lib/stats.js';

const PRESET = 'torbay';
const USER = `coordinator@${PRESET}.demo`;
const targets = { boardP95: 50, measuresP95: 300, feedPerSecond: 20_000 };

/**
 * A feed of whole stays (admit, ready, awaiting for some, discharge) over the last five weeks, for
 * people on the register whose stays had all ended before them: a person is in one stay at a time,
 * and an admission before the end of another of their stays is refused. A kept database keeps
 * earlier runs' stays, so a rerun takes people those runs did not (a note says when too few are left).
 */
async function writeFeed(s: RunSettings, placeId: string, db: Parameters<typeof rowsOf>[0], events: number, referralShare: number, tag: string): Promise<{ file: string; stayPrefix: string }> {
  const stays = Math.ceil(events / 4);
  // Five weeks ago onwards: every event has happened by now (the feed refuses future events).
  const base = Date.now() - 35 * 86_400_000;
  const people = await rowsOf<{ nhs_number: string }>(
    db,
    sql`select p.nhs_number from person p
        where p.place_id = ${placeId} and p.nhs_number is not null and p.merged_into_id is null
          and not exists (select 1 from hospital_stay h where h.place_id = p.place_id and h.person_id = p.id
                          and (h.status <> 'discharged' or h.discharged_at > ${new Date(base).toISOString()}::timestamptz))
        order by md5(p.id::text || ${`flow:${s.seed}:${tag}`}) limit ${stays}`,
  );
  if (people.length < stays) console.log(`  feed ${tag}: only ${thousands(people.length)} people are out of hospital all through the five weeks (earlier runs kept in this database took the others), so the feed has about ${thousands(people.length * 3)} events`);
  const run = Date.now().toString(36);
  const stayPrefix = `BENCH-${tag}-${s.seed}-${run}-`;
  const rng = new BenchRandom(`flow-feed:${s.seed}:${tag}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-flow-feed-'));
  onCleanup(`remove ${dir}`, async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'stays.csv');
  const out = fs.createWriteStream(file);
  out.write(`${feedColumns.join(',')}\n`);
  let written = 0;
  const row = (cells: Partial<Record<(typeof feedColumns)[number], string>>) => {
    written++;
    out.write(`${feedColumns.map((c) => cells[c] ?? '').join(',')}\n`);
  };
  // One stay a person: a second in the same five weeks would be refused as an overlap.
  for (let i = 0; i < Math.min(stays, people.length) && written < events; i++) {
    const p = people[i]!;
    const stay = `${stayPrefix}${i}`;
    const at = base + rng.below(20 * 24) * 3_600_000;
    const ready = at + (1 + rng.below(8)) * 86_400_000;
    const pathway = rng.next() < referralShare ? 1 + rng.below(3) : 0;
    const delayed = rng.next() < 0.15;
    const out0 = { source_system: 'BENCH-PAS', stay_id: stay };
    row({ ...out0, event_id: `${stay}-a`, kind: 'admit', at: new Date(at).toISOString(), nhs_number: p.nhs_number, hospital: '9SD01', ward: 'Ainslie', admission_method: '21' });
    row({ ...out0, event_id: `${stay}-r`, kind: 'ready', at: new Date(ready).toISOString(), pathway: String(pathway) });
    if (delayed) row({ ...out0, event_id: `${stay}-w`, kind: 'awaiting', at: new Date(ready + 3_600_000).toISOString(), reason: pathway === 1 ? 'E' : 'Di', owner: 'Discharge team' });
    row({ ...out0, event_id: `${stay}-d`, kind: 'discharge', at: new Date(ready + (delayed ? 2 : 0) * 86_400_000 + 5 * 3_600_000).toISOString(), destination: pathway === 3 ? '85' : '19' });
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { file, stayPrefix };
}

const flow: Scenario = {
  name: 'flow',
  summary: 'hospital flow: the discharge board, a zone’s monthly measures, and the daily CSV feed of stay events',
  docSection: 'Hospital flow',
  configure(cmd: Command) {
    cmd.option('--feed-events <n>', 'events in the CSV feed', (v) => Number(v.replace(/[,_]/g, '')), 200_000);
  },

  async run(s) {
    const started = new Date();
    const m = machine();
    const feedEvents = Number((s.extra as { feedEvents?: number }).feedEvents ?? 200_000);
    console.log(`  machine: ${describeMachine(m)}; load average ${loadAverage()}`);
    if (s.engine === 'postgresql') console.log(`  server: ${redactUrl(s.databaseUrl)}`);
    const bdb = await provision({ scenario: 'flow', engine: s.engine, preset: PRESET, population: s.population, seed: s.seed, adminUrl: s.databaseUrl, keep: s.keep });
    const { database, placeId } = bdb;
    const count = async (table: string) => Number((await rowsOf<{ n: number }>(database.db, sql`select count(*)::int8 as n from ${sql.identifier(table)}`))[0]?.n ?? 0);
    const [stays, ready, delayDays] = [await count('hospital_stay'), Number((await rowsOf<{ n: number }>(database.db, sql`select count(*)::int8 as n from hospital_stay where status = 'ready'`))[0]?.n ?? 0), await count('delay_day')];
    const seedLine = `${thousands(bdb.seed.population)} people, ${thousands(stays)} hospital stays over two years (${thousands(ready)} ready now, ${thousands(delayDays)} delayed days), ${thousands(bdb.seed.rows)} rows, seeded in ${bdb.seed.seconds.toFixed(1)} s`;
    console.log(`  ${bdb.serverVersion}; ${seedLine}`);

    const app = await buildApp({ database, clock: systemClock, place: PRESET, signInLimit: 1_000_000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    onCleanup('close the app', () => app.close());
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const client = await HttpClients.signIn(baseUrl, USER, demoPassword);
    onCleanup('stop the HTTP clients', () => client.close());
    const session = await resolveSession(database.db, client.sessionToken, systemClock.now());
    if (!session) throw new Error('The session signed in over HTTP does not resolve in-process.');
    const ctx: Ctx = { db: database.db, clock: systemClock, actor: session.actor };
    const zones = await rowsOf<{ code: string }>(database.db, sql`select code from zone where place_id = ${placeId} order by code`);
    const zoneCodes = zones.map((z) => z.code);
    const samples = Math.min(s.samples, 500);
    const warm = Math.min(s.warmup, 50);
    const pick = (i: number) => zoneCodes[i % zoneCodes.length]!;

    // Board: the whole place, and filtered by zone.
    const boardInputs = Array.from({ length: samples }, (_, i) => (i % 2 === 0 ? undefined : pick(i)));
    await timeEach(boardInputs.slice(0, warm), (z) => dischargeBoard(ctx, { zone: z, limit: 200 }));
    const boardService = summarise(await timeEach(boardInputs, (z) => dischargeBoard(ctx, { zone: z, limit: 200 })));
    const boardPaths = boardInputs.map((z) => `/api/flow/board${z ? `?zone=${z}` : ''}`);
    await client.run(boardPaths.slice(0, warm), 1);
    const boardHttpRun = await client.run(boardPaths, 1);
    if (boardHttpRun.firstError) throw new Error(`board over HTTP: ${boardHttpRun.firstError}`);
    const boardHttp = summarise(boardHttpRun.latencies);

    // Measures: twelve months for one zone; the first call also counts the population.
    const coldStarted = performance.now();
    await flowMeasures(ctx, { zone: pick(0) });
    const coldMs = performance.now() - coldStarted;
    const measureInputs = Array.from({ length: Math.max(20, Math.floor(samples / 5)) }, (_, i) => pick(i));
    await timeEach(measureInputs.slice(0, 5), (z) => flowMeasures(ctx, { zone: z }));
    const measuresService = summarise(await timeEach(measureInputs, (z) => flowMeasures(ctx, { zone: z })));
    const measuresHttpRun = await client.run(measureInputs.map((z) => `/api/flow/measures?zone=${z}`), 1);
    if (measuresHttpRun.firstError) throw new Error(`measures over HTTP: ${measuresHttpRun.firstError}`);
    const measuresHttp = summarise(measuresHttpRun.latencies);

    // The daily feed.
    // Pathway 0 only: the engine alone. Then a realistic mix, where 15 % of stays go home on
    // pathways 1–3 and each sends a referral through the front door's own service.
    // CPU time of each import, this process's and the database's, and the rest of the machine's meanwhile.
    const probe = bdb.url ? new pg.Client({ connectionString: bdb.url }) : null;
    if (probe) {
      await probe.connect();
      onCleanup('close the probe connection', () => probe.end());
    }
    const { file } = await writeFeed(s, placeId, database.db, feedEvents, 0, 'p0');
    const { result: feed, cpu: feedCpu } = await cpuOf(probe, () => importStays(database.db, placeId, file));
    const feedAgain = await importStays(database.db, placeId, file);
    // The same number of events again, with referrals: the two mixes compare like for like.
    const { file: mixFile, stayPrefix: mixStays } = await writeFeed(s, placeId, database.db, feedEvents, 0.15, 'mix');
    const { result: mix, cpu: mixCpu } = await cpuOf(probe, () => importStays(database.db, placeId, mixFile));
    const referrals = Number(
      (
        await rowsOf<{ n: number }>(
          database.db,
          sql`select count(*)::int8 as n from hospital_stay where place_id = ${placeId} and source_system = 'BENCH-PAS' and source_stay_id like ${`${mixStays}%`} and referral_id is not null`,
        )
      )[0]?.n ?? 0,
    );
    if (feed.rejected.length) console.log(`  feed: ${feed.rejected.length} rows rejected, first: line ${feed.rejected[0]!.line}: ${feed.rejected[0]!.field}: ${feed.rejected[0]!.problem}`);

    const headers = ['what', 'path', 'n', 'mean ms', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
    const align: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];
    const line = (what: string, p: string, x: Summary) => [what, p, thousands(x.count), ms(x.mean), ms(x.p50), ms(x.p95), ms(x.p99), ms(x.max)];
    const rows = [
      line('discharge board (place, or a zone)', 'service', boardService),
      line('discharge board (place, or a zone)', 'http', boardHttp),
      line('monthly measures, one zone, 12 months', 'service', measuresService),
      line('monthly measures, one zone, 12 months', 'http', measuresHttp),
    ];
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const cpuNote = (c: CpuSpent, events: number) =>
      `; CPU ${Math.round((c.nodeSeconds * 1e6) / events)} µs an event in Node${s.engine === 'postgresql' ? ` and ${Math.round((c.databaseSeconds * 1e6) / events)} µs in PostgreSQL` : ''}, other work on the machine meanwhile ${c.othersSeconds.toFixed(1)} CPU s`;
    const targetRows = [
      ['discharge board p95 ≤ 50 ms (HTTP)', `${ms(boardHttp.p95)} ms`, verdict(boardHttp.p95 <= targets.boardP95)],
      ['monthly measures for a zone p95 ≤ 300 ms (HTTP)', `${ms(measuresHttp.p95)} ms (first call, counting the population: ${ms(coldMs)} ms)`, verdict(measuresHttp.p95 <= targets.measuresP95)],
      ['CSV feed ≥ 20,000 events/s (pathway 0: no referrals)', `${thousands(feed.eventsPerSecond)} events/s (${thousands(feed.rows)} events in ${feed.seconds.toFixed(1)} s${cpuNote(feedCpu, feed.rows)}; sent again: ${thousands(feedAgain.eventsPerSecond)} events/s, all ${thousands(feedAgain.replayed)} replayed)`, verdict(feed.eventsPerSecond >= targets.feedPerSecond)],
      ['CSV feed, 15 % of stays on pathways 1–3 (a referral each)', `${thousands(mix.eventsPerSecond)} events/s (${thousands(mix.rows)} events, ${thousands(referrals)} referrals, in ${mix.seconds.toFixed(1)} s${cpuNote(mixCpu, mix.rows)})`, verdict(mix.eventsPerSecond >= targets.feedPerSecond)],
    ];
    const tHead = ['target', 'measured', 'verdict'];
    const tAlign: Align[] = ['left', 'left', 'left'];
    console.log(`\n  ${bdb.serverVersion}, ${thousands(s.population)} people; load average ${loadAverage()}`);
    console.log(textTable(headers, rows, align));
    console.log(`\n  targets`);
    console.log(textTable(tHead, targetRows, tAlign));
    const md = [
      `### ${bdb.serverVersion}, ${thousands(s.population)} people`,
      '',
      `Measured ${started.toISOString().slice(0, 10)} on ${describeMachine(m)}, with`,
      '',
      '```sh',
      s.command,
      '```',
      '',
      `Seed: ${seedLine}. The board lists up to 200 people; the measures are the six of the measures page for twelve months.`,
      '',
      markdownTable(headers, rows, align),
      '',
      'Targets:',
      '',
      markdownTable(tHead, targetRows, tAlign),
    ].join('\n');
    return { markdown: md };
  },
};

export default flow;
