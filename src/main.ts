import fs from 'node:fs';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { buildApp } from './app.js';
import { verifyChain } from './access/audit.js';
import type { Ctx } from './access/actor.js';
import { actorOfUser } from './access/sessions.js';
import { usersOfPlace } from './access/users.js';
import { importReferrals, referralColumns } from './pathway/front-door/import.js';
import { loadConfig, type Config } from './platform/config.js';
import { migrateDatabase, openDatabase, type Database } from './platform/db.js';
import { systemClock } from './platform/clock.js';
import { isIsoDate } from './platform/dates.js';
import { progressReporter } from './platform/progress.js';
import { places } from './partnership/schema.js';
import { seedPlace } from './synth/seed.js';
import { importStays } from './flow/import.js';
import { presetNames } from './synth/preset.js';
import { exportRecords } from './reporting/records-export.js';
import { importGlCommand } from './finance/gl-cli.js';
import { importInvoicesCommand } from './commissioning/invoice-cli.js';

export const DEMO_PASSWORD = 'caretrust-demo';

/** The account a command-line load acts as, resolved like a sign-in (without a password). */
async function actingAs(database: Database, preset: string, email: string | undefined): Promise<Ctx> {
  const [place] = await database.db.select().from(places).where(eq(places.preset, preset));
  if (!place) throw new Error(`The place "${preset}" is not loaded in this database.`);
  const accounts = await usersOfPlace(database.db, place.placeId);
  const account = email ? accounts.find((a) => a.email === email.toLowerCase()) : accounts.find((a) => a.role === 'integration');
  if (!account) throw new Error(email ? `There is no account ${email} in ${preset}.` : `The place has no partner-system account: name one with --as.`);
  const actor = await actorOfUser(database.db, place.placeId, account.id, systemClock.now());
  if (!actor) throw new Error(`The account ${account.email} is not active.`);
  return { db: database.db, clock: systemClock, actor };
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pool: config.dbPool });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function placeExists(database: Database, preset: string): Promise<boolean> {
  const rows = await database.db.select({ id: places.placeId }).from(places).where(eq(places.preset, preset));
  return rows.length > 0;
}

async function seedWithProgress(database: Database, preset: string, population: number, seed: number, historyFrom?: string): Promise<void> {
  const started = Date.now();
  console.log(`Loading the synthetic place "${preset}" with ${population.toLocaleString('en-GB')} people (seed ${seed}) …`);
  const progress = progressReporter();
  try {
    await seedPlace(database.db, { preset, population, seed, historyFrom, pool: true, progress: progress.report });
  } finally {
    progress.stop();
  }
  console.log(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

async function printDemoAccounts(database: Database, preset: string): Promise<void> {
  const [place] = await database.db.select().from(places).where(eq(places.preset, preset));
  if (!place || place.demo !== 'yes') return;
  const accounts = await usersOfPlace(database.db, place.placeId);
  console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const a of accounts) console.log(`  ${a.email.padEnd(34)} ${a.displayName}`);
}

async function serve(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pool: config.dbPool });
  await migrateDatabase(database);
  if (!(await placeExists(database, config.preset))) {
    await seedWithProgress(database, config.preset, config.population, config.seed, config.historyFrom);
  }
  const app = await buildApp({
    database,
    clock: systemClock,
    place: config.preset,
    sessionHours: config.sessionHours,
    sessionCacheSeconds: config.sessionCacheSeconds,
    secureCookies: config.secureCookies,
    signInLimit: config.signInLimit,
    logger: process.env.CARETRUST_LOG === 'true',
  });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  console.log(`\nCaretrust is serving "${config.preset}" on ${where}.`);
  console.log(`  Web app:  http://localhost:${config.port}/`);
  console.log(`  API docs: http://localhost:${config.port}/docs`);
  await printDemoAccounts(database, config.preset);
}

const program = new Command()
  .name('caretrust')
  .description('Caretrust: the software an integrated health and social care organisation runs on.');

program
  .command('serve')
  .description('migrate, load the demo place on first start, and serve the web app and API')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    await withDatabase(loadConfig(), async (d) => console.log(`Migrated the ${d.kind} database.`));
  });

program
  .command('seed')
  .description('load a synthetic place from a preset')
  .option('--preset <name>', `one of: ${presetNames().join(', ')}`)
  .option('--population <n>', 'people to generate (1,000 to 1,000,000)')
  .option('--seed <n>', 'random seed (same seed, same place)')
  .option('--history-from <date>', "first day of synthetic activity, YYYY-MM-DD (default: the preset's history)")
  .action(async (o: { preset?: string; population?: string; seed?: string; historyFrom?: string }) => {
    const config = loadConfig();
    const preset = o.preset ?? config.preset;
    const population = o.population ? Number(o.population) : config.population;
    const seed = o.seed ? Number(o.seed) : config.seed;
    if (!presetNames().includes(preset)) throw new Error(`There is no preset "${preset}". Known presets: ${presetNames().join(', ')}.`);
    if (!Number.isInteger(population) || population < 1000 || population > 1_000_000) throw new Error('--population must be a whole number from 1,000 to 1,000,000.');
    if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number.');
    const historyFrom = o.historyFrom ?? config.historyFrom;
    if (historyFrom !== undefined && !isIsoDate(historyFrom)) throw new Error('--history-from must be a date written YYYY-MM-DD.');
    await withDatabase(config, async (d) => {
      if (await placeExists(d, preset)) throw new Error(`The place "${preset}" is already loaded in this database.`);
      await seedWithProgress(d, preset, population, seed, historyFrom);
    });
  });

program
  .command('users')
  .description('list the demo accounts of the place')
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .action(async (o: { preset?: string }) => {
    const config = loadConfig();
    await withDatabase(config, async (d) => {
      const preset = o.preset ?? config.preset;
      const loaded = (await d.db.select({ preset: places.preset }).from(places)).map((p) => p.preset);
      if (loaded.length === 0) {
        throw new Error(
          `No place is loaded in this database (${d.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL server'}), so there are no accounts to list.\n` +
            `Load one with \`npx caretrust seed --preset NAME --population N\` (presets: ${presetNames().join(', ')}), ` +
            `or run \`npm start\`, which loads "${config.preset}" on first start.`,
        );
      }
      if (!loaded.includes(preset)) {
        throw new Error(`The place "${preset}" is not loaded in this database; loaded: ${loaded.join(', ')}. Name one with --preset, or load it with \`npx caretrust seed --preset ${preset}\`.`);
      }
      await printDemoAccounts(d, preset);
    });
  });

program
  .command('audit')
  .description('audit log tools')
  .command('verify')
  .description('check every place’s hash chain; exits 1 when an entry was edited or removed')
  .action(async () => {
    const ok = await withDatabase(loadConfig(), async (d) => {
      const all = await d.db.select({ placeId: places.placeId, preset: places.preset }).from(places);
      let clean = true;
      for (const p of all) {
        const report = await verifyChain(d.db, p.placeId);
        if (report.problems.length === 0) {
          console.log(`${p.preset}: ${report.entries} entries in ${report.stripes} chains, intact.`);
        } else {
          clean = false;
          console.log(`${p.preset}: ${report.entries} entries, ${report.problems.length} problem(s):`);
          for (const pr of report.problems) {
            console.log(pr.seq === null ? `  stripe ${pr.stripe}: ${pr.problem}` : `  entry ${pr.seq}: ${pr.problem} (stripe ${pr.stripe}, position ${pr.position})`);
          }
        }
      }
      return clean;
    });
    process.exitCode = ok ? 0 : 1;
  });

program
  .command('export')
  .description("hand a place's records on")
  .command('records')
  .description("every person's whole record (register entry, versions, carers, contacts, aliases, care pathway and hospital events) as one JSON line each; an administrator's act, with a reason, audited for every person")
  .requiredOption('--out <file>', 'where to write the records (newline-delimited JSON); an existing file is not overwritten')
  .requiredOption('--as <email>', "the administrator's account the export is recorded under")
  .requiredOption('--reason <text>', 'why the records are exported, e.g. "transfer to the successor trust"')
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .action(async (o: { out: string; as: string; reason: string; preset?: string }) => {
    const config = loadConfig();
    if (fs.existsSync(o.out)) throw new Error(`${o.out} already exists; name a new file with --out.`);
    await withDatabase(config, async (d) => {
      const ctx = await actingAs(d, o.preset ?? config.preset, o.as);
      const out = fs.openSync(o.out, 'wx');
      const progress = progressReporter();
      let report;
      try {
        report = await exportRecords(ctx, { reason: o.reason, write: (line) => void fs.writeSync(out, line), progress: (done, total) => progress.report('records', done, total) });
      } catch (e) {
        fs.closeSync(out);
        fs.rmSync(o.out, { force: true });
        throw e;
      } finally {
        progress.stop();
      }
      fs.closeSync(out);
      console.log(`${report.people.toLocaleString('en-GB')} records written to ${o.out}, with ${report.events.toLocaleString('en-GB')} care pathway and ${report.stayEvents.toLocaleString('en-GB')} hospital events.`);
    });
  });

const imports = program.command('import').description('load a feed from a partner system');

imports
  .command('stays <file>')
  .description('the acute trust’s daily CSV feed of stay events (admit, ward_move, ready, not_ready, awaiting, awaiting_resolved, discharge); rejected rows are listed with their line numbers')
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .action(async (file: string, o: { preset?: string }) => {
    const config = loadConfig();
    const preset = o.preset ?? config.preset;
    const rejectedCount = await withDatabase(config, async (d) => {
      const [place] = await d.db.select().from(places).where(eq(places.preset, preset));
      if (!place) throw new Error(`The place "${preset}" is not loaded in this database.`);
      const progress = progressReporter();
      let report;
      try {
        report = await importStays(d.db, place.placeId, file, { progress: progress.report });
      } finally {
        progress.stop();
      }
      console.log(
        `${report.rows.toLocaleString('en-GB')} rows in ${report.seconds.toFixed(1)} s (${Math.round(report.eventsPerSecond).toLocaleString('en-GB')} events/s): ` +
          `${report.applied.toLocaleString('en-GB')} applied, ${report.replayed.toLocaleString('en-GB')} already received, ${report.rejected.length.toLocaleString('en-GB')} rejected.`,
      );
      for (const r of report.rejected.slice(0, 1000)) console.log(`  line ${r.line}: ${r.field}: ${r.problem}`);
      if (report.rejected.length > 1000) console.log(`  … and ${(report.rejected.length - 1000).toLocaleString('en-GB')} more rejected rows.`);
      return report.rejected.length;
    });
    // 2: the feed was applied except for the rows listed, which need correcting and sending again.
    process.exitCode = rejectedCount > 0 ? 2 : 0;
  });

imports
  .command('referrals')
  .description('load a CSV of referrals through the front door; bad rows are reported with their line numbers')
  .argument('<file>', `CSV with the columns ${referralColumns.join(', ')}`)
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .option('--as <email>', "the account the referrals are recorded under (default: the place's partner-system account)")
  .action(async (file: string, o: { preset?: string; as?: string }) => {
    const config = loadConfig();
    if (!fs.existsSync(file)) throw new Error(`There is no file ${file}.`);
    await withDatabase(config, async (d) => {
      const ctx = await actingAs(d, o.preset ?? config.preset, o.as);
      const progress = progressReporter();
      let report;
      try {
        report = await importReferrals(ctx, file, (done, total) => progress.report('referrals', done, total));
      } finally {
        progress.stop();
      }
      console.log(`${report.rows} rows: ${report.created} new referrals, ${report.unchanged} already received, ${report.rejected.length} rejected.`);
      for (const r of report.rejected) console.log(`  line ${r.line}: ${r.problem}`);
      if (report.rejected.length) process.exitCode = 2;
    });
  });

imports
  .command('gl')
  .description("a partner's general-ledger CSV of actuals (docs/gl-import.md): mapped lines post to the pool's budget lines, unmapped ones are held; a file with any rejected row posts nothing and exits 1")
  .requiredOption('--file <file>', 'CSV with the columns transaction_date, cost_centre, subjective, description, amount, reference (UTF-8)')
  .requiredOption('--partner <id|name>', 'the partner whose ledger the file comes from')
  .requiredOption('--as <email>', 'the finance officer or pooled fund manager the import is recorded under')
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .action(async (o: { file: string; partner: string; as: string; preset?: string }) => {
    const config = loadConfig();
    const code = await withDatabase(config, async (d) => importGlCommand(await actingAs(d, o.preset ?? config.preset, o.as), o));
    process.exitCode = code;
  });

imports
  .command('invoices')
  .description("a provider's invoice CSV (docs/commissioning/invoices.md): each line matched to its service line and held with a reason where it does not match; a file with any rejected row takes nothing and exits 1; the same file again takes nothing")
  .requiredOption('--file <file>', 'CSV with the columns invoice_reference, service_line, period_from, period_to, unit, quantity, rate, amount (UTF-8)')
  .requiredOption('--provider <ods|id>', "the provider's ODS code or partner id")
  .requiredOption('--as <email>', 'the finance officer or pooled fund manager the import is recorded under')
  .option('--preset <name>', 'the place (default CARETRUST_PRESET)')
  .action(async (o: { file: string; provider: string; as: string; preset?: string }) => {
    const config = loadConfig();
    process.exitCode = await withDatabase(config, async (d) => importInvoicesCommand(await actingAs(d, o.preset ?? config.preset, o.as), o));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
