/**
 * The pooled budget under load:
 *   recalculation  every service line's commitment rebuilt from the lines (recalculateCommitments);
 *   incremental    one line's commitment rewritten as a package step would (the pathway's listener);
 *   ledger         five years of postings (≥ 10 million entries by default) loaded beside the seed,
 *                  then the reads the pool dashboard and a budget line's drill-down make.
 *
 * The ledger's five years are loaded in SQL with the ledger's triggers off for the load
 * (session_replication_role = replica, as pg_restore loads): every journal is two entries of
 * opposite sign by construction, and the run checks afterwards that each journal balances and
 * the trial balance is zero, so the figures are read from a ledger the triggers would have let in.
 */
import type { Command } from 'commander';
import type { Actor } from '../../src/access/actor.js';
import { systemActor } from '../../src/access/actor.js';
import { systemClock } from '../../src/platform/clock.js';
import { rowsOf, sql, type Executor } from '../../src/platform/db.js';
import { londonDateOf } from '../../src/platform/dates.js';
import { financialYearBounds, financialYearOf } from '../../src/platform/financial-year.js';
import { commitmentOfLineChanged, commitmentsByLine, recalculateCommitments } from '../../src/finance/commitments.js';
import { accountBalances, entriesOf, monthlyMovements } from '../../src/finance/ledger.js';
import type { ServiceLineChange } from '../../src/pathway/plans/line-events.js';
import { provision } from '../lib/database.js';
import { describeMachine, loadAverage, machine, markdownTable, textTable, thousands, type Align } from '../lib/report.js';
import type { Scenario } from '../lib/scenario.js';
import { ms, summarise, timeEach, type Summary } from '../lib/stats.js';

const PRESET = 'torbay';
const targets = { recalcSeconds: 10, incrementalMs: 5, readP95Ms: 300, activeLines: 50_000, entries: 10_000_000 };

const n = (v: unknown) => Number(v ?? 0);

/** Service lines that commit something from today: the "active" lines the recalculation target speaks of. */
async function activeLines(db: Executor, placeId: string, today: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(db, sql`select count(*)::int8 as n from commitment_line where place_id = ${placeId} and (end_on is null or end_on >= ${today})`);
  return n(r?.n);
}

/**
 * Five years to yesterday of invoices and payments on the budget lines the seed's commitments use (and the
 * providers they name): journal i is dated i mod the days, so every day has its share. Loaded a
 * million journals a statement; returns the entries written.
 */
async function loadLedger(db: Executor, placeId: string, entries: number, years: number, today: string): Promise<{ entries: number; seconds: number; accounts: number }> {
  const started = performance.now();
  const from = `${Number(financialYearBounds(financialYearOf(today)).from.slice(0, 4)) - (years - 1)}-04-01`;
  await db.execute(sql`set session_replication_role = replica`);
  try {
    await db.execute(sql`
      insert into ledger_account (place_id, id, code, name, kind, service_area, client_group, zone_code)
      select distinct ${placeId}::uuid, md5('bench-bl:' || budget_line_code)::uuid, budget_line_code, 'Bench ' || budget_line_code, 'budget_line',
             split_part(budget_line_code, '/', 2), split_part(budget_line_code, '/', 3), nullif(split_part(budget_line_code, '/', 4), 'ALL')
      from commitment_line where place_id = ${placeId}
      on conflict do nothing`);
    await db.execute(sql`
      insert into ledger_account (place_id, id, code, name, kind, partner_id)
      select distinct ${placeId}::uuid, md5('bench-cr:' || provider_partner_id)::uuid, 'CREDITOR/PROVIDER/' || provider_partner_id, 'Bench creditor', 'creditor', provider_partner_id
      from commitment_line where place_id = ${placeId}
      on conflict do nothing`);
    await db.execute(sql`insert into ledger_account (place_id, id, code, name, kind) values (${placeId}, md5('bench-bank')::uuid, 'POOL/BANK', 'Pooled fund bank', 'bank') on conflict do nothing`);
    const bl = await rowsOf<{ id: string }>(db, sql`select id from ledger_account where place_id = ${placeId} and kind = 'budget_line' order by code`);
    const cr = await rowsOf<{ id: string }>(db, sql`select id from ledger_account where place_id = ${placeId} and kind = 'creditor' order by code`);
    const [bank] = await rowsOf<{ id: string }>(db, sql`select id from ledger_account where place_id = ${placeId} and code = 'POOL/BANK'`);
    const blIds = `{${bl.map((a) => a.id).join(',')}}`;
    const crIds = `{${cr.map((a) => a.id).join(',')}}`;
    // Up to yesterday: a ledger holds no postings dated ahead of today.
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    const journals = Math.ceil(entries / 2);
    // Ids and keys of this load's own, so a top-up of a kept ledger never meets an earlier load's.
    const run = `bench-${Date.now().toString(36)}`;
    const chunk = 1_000_000;
    for (let lo = 1; lo <= journals; lo += chunk) {
      const hi = Math.min(journals, lo + chunk - 1);
      // Odd journals are invoices (Dr budget line, Cr creditor), even ones payments (Dr creditor, Cr bank).
      await db.execute(sql`
        with j as (
          select i, (${from}::date + (i % ${days})::int)::date as d from generate_series(${lo}::int8, ${hi}::int8) i
        ), ins as (
          insert into ledger_journal (place_id, id, posted_on, financial_year, description, source_kind, source_ref, idempotency_key, content_hash)
          select ${placeId}::uuid, md5(${run} || ':j:' || i)::uuid, d,
                 (extract(year from d)::int - case when extract(month from d) < 4 then 1 else 0 end)::text || '-' ||
                 lpad(((extract(year from d)::int - case when extract(month from d) < 4 then 1 else 0 end + 1) % 100)::text, 2, '0'),
                 case when i % 2 = 1 then 'Bench invoice ' else 'Bench payment ' end || i, case when i % 2 = 1 then 'invoice' else 'pay_run' end, null, ${run} || ':' || i, md5(i::text)
          from j returning 1
        )
        insert into ledger_entry (place_id, id, journal_id, account_id, posted_on, amount_pence, invoice_line_ref)
        select ${placeId}::uuid, md5(${run} || ':e:' || i || ':' || side)::uuid, md5(${run} || ':j:' || i)::uuid,
               case when side = 0 then (case when i % 2 = 1 then (${blIds}::uuid[])[1 + (i / 2) % ${bl.length}] else (${crIds}::uuid[])[1 + (i / 2) % ${cr.length}] end)
                    else (case when i % 2 = 1 then (${crIds}::uuid[])[1 + (i / 2) % ${cr.length}] else ${bank!.id}::uuid end) end,
               d, case when side = 0 then 1 else -1 end * (5000 + (i * 7919) % 200000), case when i % 2 = 1 then 'BENCH-INV-' || i end
        from j cross join (values (0), (1)) s(side)`);
      process.stdout.write(`\r  ledger: ${thousands(hi * 2)} of ${thousands(journals * 2)} entries`);
    }
    process.stdout.write('\n');
    await db.execute(sql`analyze ledger_journal`);
    await db.execute(sql`analyze ledger_entry`);
    return { entries: journals * 2, seconds: (performance.now() - started) / 1000, accounts: bl.length + cr.length + 1 };
  } finally {
    await db.execute(sql`set session_replication_role = origin`);
  }
}

/**
 * Every month before the current one closed, oldest first, as month-end does: the database writes
 * each month's totals as it closes, and the reads below take closed months from them.
 */
async function closePastMonths(db: Executor, placeId: string, today: string): Promise<{ months: number; seconds: number }> {
  const started = performance.now();
  const months = await rowsOf<{ month: string }>(
    db,
    sql`select distinct to_char(posted_on, 'YYYY-MM') as month from ledger_journal j where place_id = ${placeId} and posted_on < date_trunc('month', ${today}::date)
          and not exists (select 1 from ledger_closed_month c where c.place_id = j.place_id and c.month = to_char(j.posted_on, 'YYYY-MM')) order by month`,
  );
  for (const { month } of months) await db.execute(sql`insert into ledger_closed_month (place_id, month) values (${placeId}, ${month})`);
  return { months: months.length, seconds: (performance.now() - started) / 1000 };
}

const pool: Scenario = {
  name: 'pool',
  summary: 'pooled budget: full and incremental commitment recalculation; dashboard and drill-down reads over five years of postings',
  docSection: 'Pooled budget',
  configure(cmd: Command) {
    cmd.option('--ledger-entries <n>', 'ledger entries to load over the years', (v) => Number(v.replace(/[,_]/g, '')), targets.entries);
    cmd.option('--ledger-years <n>', 'financial years of postings', (v) => Number(v), 5);
  },

  async run(s) {
    const started = new Date();
    const m = machine();
    const extra = s.extra as { ledgerEntries?: number; ledgerYears?: number };
    const wantEntries = extra.ledgerEntries ?? targets.entries;
    const years = extra.ledgerYears ?? 5;
    console.log(`  machine: ${describeMachine(m)}; load average ${loadAverage()}`);
    const bdb = await provision({ scenario: 'pool', engine: s.engine, preset: PRESET, population: s.population, seed: s.seed, adminUrl: s.databaseUrl, keep: s.keep });
    const { database, placeId } = bdb;
    const db = database.db;
    const now = systemClock.now();
    const today = londonDateOf(now);
    const fy = financialYearOf(today);
    const actor: Actor = systemActor(placeId);

    // Full recalculation, three times (the first warms the caches).
    const recalcMs: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      rows = await db.transaction((tx) => recalculateCommitments(tx, placeId, now));
      recalcMs.push(performance.now() - t0);
    }
    const active = await activeLines(db, placeId, today);
    console.log(`  ${thousands(rows)} commitment rows, ${thousands(active)} committing from ${today}; recalculation ${recalcMs.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')}`);

    // Incremental: one line's step as the pathway tells it, each in its own transaction.
    const sample = await rowsOf<Record<string, string>>(
      db,
      sql`select service_line_id, person_id, plan_id, service_type, component, provider_partner_id, start_on from commitment_line
          where place_id = ${placeId} and (end_on is null or end_on >= ${today}) order by md5(service_line_id::text || ${String(s.seed)}) limit ${Math.min(s.samples, 500)}`,
    );
    const changes: ServiceLineChange[] = sample.map((r) => ({
      step: 'in_place',
      personId: r.person_id!,
      planId: r.plan_id!,
      lineId: r.service_line_id!,
      serviceType: r.service_type!,
      component: r.component!,
      provider: { id: r.provider_partner_id!, name: '' },
      plannedStart: String(r.start_on),
      startedOn: String(r.start_on),
      reason: null,
    }));
    const step = (c: ServiceLineChange) => db.transaction((tx) => commitmentOfLineChanged(tx, actor, now, c));
    await timeEach(changes.slice(0, 20), step);
    const incremental = summarise(await timeEach(changes, step));

    // Five years of postings, then the dashboard's and drill-down's reads.
    let ledgerLine = 'ledger not loaded (PostgreSQL only)';
    let ledgerEntries = 0;
    const reads: [string, Summary][] = [];
    if (s.engine === 'postgresql' && wantEntries > 0) {
      const [have] = await rowsOf<{ n: number }>(db, sql`select count(*)::int8 as n from ledger_entry where place_id = ${placeId}`);
      const load = n(have?.n) >= wantEntries ? null : await loadLedger(db, placeId, wantEntries - n(have?.n), years, today);
      const [check] = await rowsOf<{ entries: number; unbalanced: number; total: number }>(
        db,
        sql`select (select count(*) from ledger_entry where place_id = ${placeId})::int8 as entries,
                   (select count(*) from (select journal_id from ledger_entry where place_id = ${placeId} group by journal_id having sum(amount_pence) <> 0 or count(*) < 2) x)::int8 as unbalanced,
                   (select coalesce(sum(amount_pence), 0) from ledger_entry where place_id = ${placeId})::int8 as total`,
      );
      if (n(check?.unbalanced) !== 0 || n(check?.total) !== 0) throw new Error(`The loaded ledger does not balance: ${n(check?.unbalanced)} journals unbalanced, total ${n(check?.total)} pence.`);
      const closing = await closePastMonths(db, placeId, today);
      ledgerEntries = n(check?.entries);
      ledgerLine = `${thousands(n(check?.entries))} entries${load ? ` (${thousands(load.entries)} loaded in ${load.seconds.toFixed(0)} s on ${thousands(load.accounts)} accounts)` : ' (kept from an earlier run)'}; every journal balances and the trial balance is zero; ${closing.months} months closed in ${closing.seconds.toFixed(0)} s (each month's totals written as it closes)`;
      console.log(`  ${ledgerLine}`);
      const { from: start, to: end } = financialYearBounds(fy);
      const lines = (await accountBalances(db, placeId, { kinds: ['budget_line'], from: start, to: today })).filter((b) => b.debitPence > 0);
      const pick = (i: number) => lines[i % lines.length]!.code;
      const samples = Math.min(s.samples, 200);
      const time = async (what: string, fn: (i: number) => Promise<unknown>) => {
        const inputs = Array.from({ length: samples }, (_, i) => i);
        await timeEach(inputs.slice(0, 5), fn);
        reads.push([what, summarise(await timeEach(inputs, fn))]);
      };
      await time('budget lines: actuals for the year to date', () => accountBalances(db, placeId, { kinds: ['budget_line'], from: start, to: today }));
      await time('spend by line and month, the year', () => monthlyMovements(db, placeId, { from: start, to: end, codePrefix: 'BL/' }));
      await time('commitments by line', () => commitmentsByLine(db, placeId, today));
      await time('a line: its monthly actuals', (i) => monthlyMovements(db, placeId, { from: start, to: end, codePrefix: pick(i) }));
      await time('a line: first page of postings (50)', (i) => entriesOf(db, placeId, { accountCode: pick(i), from: start, to: today, limit: 50 }));
    }

    const headers = ['what', 'n', 'mean ms', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
    const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];
    const line = (what: string, x: Summary) => [what, thousands(x.count), ms(x.mean), ms(x.p50), ms(x.p95), ms(x.p99), ms(x.max)];
    const table = [line('one line’s commitment rewritten (listener, own transaction)', incremental), ...reads.map(([w, x]) => line(w, x))];
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const best = Math.min(...recalcMs.slice(1));
    const worstRead = Math.max(0, ...reads.map(([, x]) => x.p95));
    const targetRows = [
      [`full recalculation ≤ ${targets.recalcSeconds} s for ${thousands(targets.activeLines)} active lines`, `${(best / 1000).toFixed(2)} s for ${thousands(active)} active lines (${thousands(rows)} rows)`, active >= targets.activeLines ? verdict(best / 1000 <= targets.recalcSeconds) : `not judged: fewer than ${thousands(targets.activeLines)} active lines at this population`],
      [`incremental update ≤ ${targets.incrementalMs} ms a package change`, `p50 ${ms(incremental.p50)} ms, p95 ${ms(incremental.p95)} ms`, verdict(incremental.p50 <= targets.incrementalMs)],
      [`dashboard and drill-down reads p95 ≤ ${targets.readP95Ms} ms over ≥ 10 million entries`, reads.length ? `worst p95 ${ms(worstRead)} ms` : 'not run', reads.length && ledgerEntries >= targets.entries ? verdict(worstRead <= targets.readP95Ms) : `not judged: ${thousands(ledgerEntries)} entries`],
    ];
    console.log(`\n  ${bdb.serverVersion}, ${thousands(s.population)} people; load average ${loadAverage()}`);
    console.log(textTable(headers, table, align));
    console.log('\n  targets');
    console.log(textTable(['target', 'measured', 'verdict'], targetRows, ['left', 'left', 'left']));
    const md = [
      `### ${bdb.serverVersion}, ${thousands(s.population)} people`,
      '',
      `Measured ${started.toISOString().slice(0, 10)} on ${describeMachine(m)}, with`,
      '',
      '```sh',
      s.command,
      '```',
      '',
      `Seed: ${thousands(bdb.seed.population)} people seeded in ${bdb.seed.seconds.toFixed(1)} s; ${thousands(rows)} commitment rows (${thousands(active)} committing from ${today}). Ledger: ${ledgerLine}.`,
      '',
      markdownTable(headers, table, align),
      '',
      'Targets:',
      '',
      markdownTable(['target', 'measured', 'verdict'], targetRows, ['left', 'left', 'left']),
    ].join('\n');
    return { markdown: md };
  },
};

export default pool;
