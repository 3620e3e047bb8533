import type { Command } from 'commander';

export type Engine = 'postgresql' | 'pglite';

/** The options every scenario takes (bench/run.ts parses them). */
export type CommonOptions = {
  population?: number;
  pglitePopulation?: number;
  databaseUrl: string;
  postgres: boolean;
  pglite: boolean;
  samples: number;
  warmup: number;
  concurrency: number;
  seed: number;
  keep: boolean;
  explain: boolean;
  writeDoc: boolean;
};

/** One run of a scenario on one engine. */
export type RunSettings = CommonOptions & {
  engine: Engine;
  population: number;
  /** Exactly how the benchmark was started, for the record in docs/performance.md. */
  command: string;
};

export type RunResult = {
  /** Markdown for docs/performance.md (written only with --write-doc). */
  markdown: string;
};

/**
 * A benchmark scenario: one file in bench/scenarios/ that default-exports one of these.
 * bench/run.ts finds the files itself, so adding a scenario touches nothing else.
 */
export type Scenario = {
  name: string;
  summary: string;
  /** The heading of its section in docs/performance.md, e.g. "People register". */
  docSection: string;
  /** Scenario-specific options, added to its command; they arrive in `settings.extra`. */
  configure?: (cmd: Command) => void;
  run(settings: RunSettings & { extra: Record<string, unknown> }): Promise<RunResult>;
};

export const defaultPopulation: Record<Engine, number> = { postgresql: 1_000_000, pglite: 100_000 };
