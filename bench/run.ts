/**
 * npm run bench -- <scenario> [options]
 *
 * Each file in bench/scenarios/ is a scenario (people now; pathway and flow with those
 * capabilities) and becomes a command here; adding one is adding that one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { runCleanups } from './lib/cleanup.js';
import { stolenSeconds } from './lib/cpu.js';
import { writeDocBlock, performanceDoc } from './lib/doc.js';
import { redactUrl } from './lib/database.js';
import { defaultPopulation, type CommonOptions, type Engine, type Scenario } from './lib/scenario.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function count(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value.replace(/[,_]/g, ''));
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min.toLocaleString('en-GB')}.`);
    return n;
  };
}

function scenarioFiles(): Map<string, string> {
  const dir = path.join(here, 'scenarios');
  const files = fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !/\.(test|d)\.ts$/.test(f)).sort();
  return new Map(files.map((f) => [f.replace(/\.ts$/, ''), path.join(dir, f)]));
}

async function loadScenario(file: string): Promise<Scenario> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: Scenario };
  if (!mod.default?.run) throw new Error(`${path.relative(process.cwd(), file)} must default-export a Scenario (see bench/lib/scenario.ts).`);
  return mod.default;
}

/**
 * The scenario asked for is loaded (and must load); the others only when listing them for
 * --help, so that one scenario being written cannot stop another from running.
 */
async function loadScenarios(): Promise<{ name: string; scenario: Scenario | null; problem?: string }[]> {
  const files = scenarioFiles();
  const requested = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (requested && files.has(requested)) return [{ name: requested, scenario: await loadScenario(files.get(requested)!) }];
  const out: { name: string; scenario: Scenario | null; problem?: string }[] = [];
  for (const [name, file] of files) {
    try {
      out.push({ name, scenario: await loadScenario(file) });
    } catch (err) {
      out.push({ name, scenario: null, problem: (err as Error).message.split('\n')[0] });
    }
  }
  return out;
}

/** How this run was started, as someone would type it again (a password in a URL hidden). */
function commandLine(): string {
  const args = process.argv.slice(2).map((a, i, all) => (all[i - 1] === '--database-url' || a.startsWith('--database-url=') ? redactUrl(a) : a));
  const quoted = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return ['npm run bench --', ...quoted].join(' ');
}

function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--population <n>', `people in the place (default ${defaultPopulation.postgresql.toLocaleString('en-GB')} on PostgreSQL)`, count('--population', 1))
    .option('--pglite', 'also run on PGlite, the embedded engine', false)
    .option('--pglite-population <n>', `people for the PGlite run (default ${defaultPopulation.pglite.toLocaleString('en-GB')}; with --no-postgres, --population)`, count('--pglite-population', 1))
    .option('--no-postgres', 'skip the PostgreSQL run (with --pglite: PGlite only)')
    .option('--database-url <url>', 'admin connection to a local PostgreSQL, where the benchmark creates its own database (default: BENCH_DATABASE_URL, else the value shown)', defaultAdminUrl)
    .option('--samples <n>', 'measured requests per query and path', count('--samples', 10), 2000)
    .option('--warmup <n>', 'requests per query and path before measuring', count('--warmup', 0), 200)
    .option('--concurrency <n>', 'clients in the throughput run', count('--concurrency', 1), 8)
    .option('--seed <n>', 'seed of the synthetic place and of the sample inputs', count('--seed', 0), 2005)
    .option('--keep', 'keep the generated database for the next run (otherwise it is dropped at the end)', false)
    .option('--explain', 'print EXPLAIN (ANALYZE, BUFFERS) of each query kind', false)
    .option('--write-doc', `rewrite this scenario's figures in ${path.relative(process.cwd(), performanceDoc)}`, false);
}

function enginesOf(o: CommonOptions): { engine: Engine; population: number }[] {
  const out: { engine: Engine; population: number }[] = [];
  if (o.postgres) out.push({ engine: 'postgresql', population: o.population ?? defaultPopulation.postgresql });
  if (o.pglite) {
    const population = o.pglitePopulation ?? (!o.postgres && o.population !== undefined ? o.population : defaultPopulation.pglite);
    out.push({ engine: 'pglite', population });
  }
  if (out.length === 0) throw new InvalidArgumentError('Nothing to run: --no-postgres without --pglite.');
  return out;
}

async function runScenario(scenario: Scenario, opts: CommonOptions & Record<string, unknown>): Promise<void> {
  const command = commandLine();
  for (const { engine, population } of enginesOf(opts)) {
    console.log(`\n${scenario.name} on ${engine}, ${population.toLocaleString('en-GB')} people`);
    try {
      const stolenBefore = stolenSeconds();
      const startedAt = performance.now();
      const result = await scenario.run({ ...opts, engine, population, command, extra: opts });
      const stolen = stolenSeconds() - stolenBefore;
      const seconds = (performance.now() - startedAt) / 1000;
      const stealLine = Number.isFinite(stolen)
        ? `While this ran (${seconds.toFixed(0)} s), the virtual machine's host took ${stolen.toFixed(1)} CPU seconds from it (steal time in /proc/stat; a quiet host takes next to none).`
        : null;
      if (stealLine) console.log(`\n  ${stealLine}`);
      if (opts.writeDoc) {
        writeDocBlock(scenario.docSection, `${scenario.name}:${engine}`, stealLine ? `${result.markdown.trimEnd()}\n\n${stealLine}\n` : result.markdown);
        console.log(`\n  wrote the ${engine} figures into ${path.relative(process.cwd(), performanceDoc)}`);
      }
    } finally {
      await runCleanups();
    }
  }
}

async function main(): Promise<void> {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: cleaning up (again to quit at once) …`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
  const scenarios = await loadScenarios();
  const program = new Command()
    .name('npm run bench --')
    .description('Caretrust benchmarks: each scenario builds its own database, measures, and removes it.')
    .showHelpAfterError();
  for (const { name, scenario, problem } of scenarios) {
    if (!scenario) {
      program.command(name).description(`(does not load: ${problem})`);
      continue;
    }
    const cmd = addCommonOptions(program.command(scenario.name).description(scenario.summary));
    scenario.configure?.(cmd);
    cmd.action((opts: CommonOptions & Record<string, unknown>) => runScenario(scenario, opts));
  }
  await program.parseAsync(process.argv);
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    await runCleanups();
    console.error(`\nbench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
