import path from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, checked once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL address, postgres://user@host/database')
    .optional(),
  CARETRUST_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  CARETRUST_DATA_DIR: z.string().default('./data'),
  CARETRUST_PRESET: z.string().default('torbay'),
  CARETRUST_POPULATION: z.coerce.number().int().min(1000).max(1_000_000).default(20_000),
  CARETRUST_SEED: z.coerce.number().int().default(2005),
  CARETRUST_HISTORY_FROM: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
    .optional(),
  CARETRUST_SESSION_HOURS: z.coerce.number().positive().max(24).default(8),
  CARETRUST_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  CARETRUST_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  CARETRUST_SIGNIN_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections to a PostgreSQL server (a read may use several at once). */
  dbPool: number;
  dataDir: string;
  preset: string;
  population: number;
  seed: number;
  /** The first day of synthetic activity instead of the preset's history (synth/history.ts). */
  historyFrom: string | undefined;
  sessionHours: number;
  /** Seconds a resolved session is reused in memory (0 = off). */
  sessionCacheSeconds: number;
  secureCookies: boolean;
  /** Sign-in attempts per minute from one address. */
  signInLimit: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuration is not valid: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPool: e.CARETRUST_DB_POOL,
    dataDir: path.resolve(e.CARETRUST_DATA_DIR),
    preset: e.CARETRUST_PRESET,
    population: e.CARETRUST_POPULATION,
    seed: e.CARETRUST_SEED,
    historyFrom: e.CARETRUST_HISTORY_FROM,
    sessionHours: e.CARETRUST_SESSION_HOURS,
    sessionCacheSeconds: e.CARETRUST_SESSION_CACHE_SECONDS,
    secureCookies: e.CARETRUST_SECURE_COOKIES === 'true',
    signInLimit: e.CARETRUST_SIGNIN_LIMIT,
  };
}
