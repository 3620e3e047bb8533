/**
 * Invoice import under load: a provider's CSV of --lines invoice lines (100,000 by default) against
 * the seed's service lines of the provider with the most, each line a week of one service line,
 * streamed, inserted in batches and matched in one transaction (src/commissioning/invoices.ts).
 * Reports the seconds and the peak resident memory; deletes the invoices it made afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../src/access/actor.js';
import { systemClock } from '../../src/platform/clock.js';
import { rowsOf, sql } from '../../src/platform/db.js';
import { deleteInvoicesOfProvider } from '../../src/commissioning/invoice-queries.js';
import { importInvoiceFile } from '../../src/commissioning/invoices.js';
import { amountOf } from '../../src/commissioning/matching-rules.js';
import { provision } from '../lib/database.js';
import type { Scenario } from '../lib/scenario.js';

const PRESET = 'torbay';
const targetSeconds = 60;

const invoices: Scenario = {
  name: 'invoices',
  summary: 'import and match a provider invoice CSV of 100,000 lines (target ≤ 60 s on PostgreSQL, constant memory)',
  docSection: 'Invoice import and matching',
  configure: (cmd: Command) => cmd.option('--lines <n>', 'invoice lines in the file', (v) => Number(v), 100_000),
  async run(s) {
    const lines = Number(s.extra.lines ?? 100_000);
    const bdb = await provision({ scenario: 'invoices', engine: s.engine, preset: PRESET, population: s.population, seed: s.seed, adminUrl: s.databaseUrl, keep: s.keep });
    const { database, placeId } = bdb;
    const db = database.db;
    const [top] = await rowsOf<{ provider: string }>(db, sql`select provider_partner_id as provider from service_line where place_id = ${placeId} and status = 'in_place' group by 1 order by count(*) desc limit 1`);
    const provider = top!.provider;
    const service = await rowsOf<{ id: string; q: number; rate: string; unit: string }>(
      db,
      sql`select id, quantity_hundredths as q, unit_cost_pence::text as rate, unit from service_line where place_id = ${placeId} and provider_partner_id = ${provider} and status = 'in_place' order by id`,
    );
    const file = path.join(os.tmpdir(), `caretrust-bench-invoices-${process.pid}.csv`);
    const out = fs.createWriteStream(file);
    out.write('invoice_reference,service_line,period_from,period_to,unit,quantity,rate,amount\n');
    const monday = Date.parse('2026-10-05T00:00:00Z');
    for (let i = 0; i < lines; i++) {
      const l = service[i % service.length]!;
      const week = Math.floor(i / service.length);
      const from = new Date(monday - week * 7 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(monday - week * 7 * 86_400_000 + 6 * 86_400_000).toISOString().slice(0, 10);
      const rate = Number(l.rate);
      const unit = ['hour', 'visit', 'day', 'week', 'night', 'item', 'session'].includes(l.unit) ? l.unit : 'hour';
      if (!out.write(`BENCH-${Math.floor(i / 5000)},${l.id},${from},${to},${unit},${(l.q / 100).toFixed(2)},${(rate / 100).toFixed(2)},${(amountOf(l.q, rate) / 100).toFixed(2)}\n`)) {
        await new Promise<void>((r) => out.once('drain', () => r()));
      }
    }
    await new Promise<void>((r) => out.end(() => r()));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const ctx = { db, clock: systemClock, actor: { ...systemActor(placeId), role: 'finance_officer' as const } };
    const t0 = performance.now();
    let result;
    try {
      result = await importInvoiceFile(ctx, { providerPartnerId: provider, source: () => fs.createReadStream(file) });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - t0) / 1000;
    const counts = result.invoices.reduce((c, i) => ({ matched: c.matched + i.counts.matched, held: c.held + i.counts.held }), { matched: 0, held: 0 });
    await db.transaction((tx) => deleteInvoicesOfProvider(tx, placeId, provider));
    fs.rmSync(file, { force: true });
    const line = `${lines.toLocaleString('en-GB')} invoice lines (${service.length} service lines of one provider) imported and matched on ${s.engine} in ${seconds.toFixed(1)} s (target ≤ ${targetSeconds} s); peak RSS ${(peakRss / 1048576).toFixed(0)} MB; ${counts.matched} matched, ${counts.held} held.`;
    console.log(line);
    return { markdown: `${line}\n\nCommand: \`${s.command}\`\n` };
  },
};

export default invoices;
