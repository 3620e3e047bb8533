/**
 * A pay run for many packages over four weeks (issue #15's benchmark, reported, not a test):
 * matching is taken as done (approved invoice lines are loaded directly), then a four-weekly run is
 * drafted, approved by a second person and posted to the pooled ledger on PostgreSQL, each step timed.
 * Target: ≤ 30 s for 20,000 packages, constant memory (set-based SQL, journal entries in batches).
 */
import type { Command } from 'commander';
import { systemActor } from '../../src/access/actor.js';
import { systemClock } from '../../src/platform/clock.js';
import { londonDateOf } from '../../src/platform/dates.js';
import { rowsOf, sql } from '../../src/platform/db.js';
import { linesOfAProvider, insertApprovedInvoice } from '../../src/commissioning/pay-run-test-support.js';
import { approvePayRun, draftPayRun, addDays } from '../../src/commissioning/pay-runs.js';
import { postPayRun } from '../../src/commissioning/pay-run-post.js';
import { provision } from '../lib/database.js';
import type { Scenario } from '../lib/scenario.js';

const scenario: Scenario = {
  name: 'pay-runs',
  summary: 'Draft, approve and post a four-weekly pay run of N packages (default 20,000) into the pooled ledger',
  docSection: 'Pay runs',
  configure: (cmd: Command) => {
    cmd.option('--packages <n>', 'invoice lines (one per package) in the run', '20000');
  },
  async run(settings) {
    const packages = Number(settings.extra.packages ?? 20_000);
    const bench = await provision({ scenario: 'pay-runs', engine: settings.engine, preset: 'torbay', population: settings.population, seed: settings.seed, adminUrl: settings.databaseUrl, keep: settings.keep });
    const db = bench.database.db;
    const placeId = bench.placeId;
    {
      const { providerPartnerId, lines } = await linesOfAProvider(db, placeId);
      const today = londonDateOf(new Date());
      const periodTo = addDays(today, -1);
      const periodFrom = addDays(periodTo, -27);
      const [payer] = await rowsOf<{ id: string }>(db, sql`select id from partner where place_id = ${placeId} and kind = 'council' limit 1`);
      const t0 = performance.now();
      const { invoiceId } = await insertApprovedInvoice(
        db,
        placeId,
        providerPartnerId,
        `BENCH-${Date.now()}`,
        Array.from({ length: packages }, (_, i) => ({ serviceLineId: lines[i % lines.length]!.lineId, amountPence: 65_440 + (i % 7), periodFrom, periodTo })),
      );
      const loadS = (performance.now() - t0) / 1000;
      const preparer = { ...systemActor(placeId), userId: '00000000-0000-7000-8000-000000000001', role: 'finance_officer' as const };
      const approver = { ...systemActor(placeId), userId: '00000000-0000-7000-8000-000000000002', role: 'pooled_fund_manager' as const };
      const heapBefore = process.memoryUsage().heapUsed;
      const times: Record<string, number> = {};
      const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        const s = performance.now();
        const r = await work();
        times[name] = (performance.now() - s) / 1000;
        return r;
      };
      const run = await step('draft', () => draftPayRun({ db, clock: systemClock, actor: preparer }, { cadence: 'four_weekly', periodTo, payingPartnerId: payer!.id }));
      await step('approve', () => approvePayRun({ db, clock: systemClock, actor: approver }, run.id));
      const posted = await step('post', () => postPayRun({ db, clock: systemClock, actor: approver }, run.id));
      const total = times.draft! + times.approve! + times.post!;
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      const line = `| ${settings.engine} | ${packages.toLocaleString('en-GB')} | ${loadS.toFixed(1)} | ${times.draft!.toFixed(2)} | ${times.approve!.toFixed(2)} | ${times.post!.toFixed(2)} | ${total.toFixed(2)} (target 30) | ${heapMb.toFixed(0)} |`;
      console.log(`pay run ${posted.id}: ${posted.lines} lines, ${posted.totalPence} pence, status ${posted.status}`);
      console.log('| engine | packages | load s | draft s | approve s | post s | total s | heap growth MB |');
      console.log(line);
      // Clean up: the ledger keeps its entries (never deleted); the benchmark database itself is dropped unless --keep.
      void invoiceId;
      return { markdown: `## Pay runs\n\n${settings.command}\n\n| engine | packages | load s | draft s | approve s | post s | total s | heap growth MB |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${line}\n` };
    }
  },
};

export default scenario;
