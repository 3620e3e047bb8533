import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the configuration read from the environment', () => {
  it('keeps ten connections to PostgreSQL unless told otherwise, and takes the number it is given', () => {
    expect(loadConfig({}).dbPool).toBe(10);
    expect(loadConfig({ CARETRUST_DB_POOL: '24' }).dbPool).toBe(24);
  });

  it('refuses a pool size that is not a whole number from 1 to 100, naming the variable', () => {
    for (const bad of ['0', '101', 'ten', '2.5']) {
      expect(() => loadConfig({ CARETRUST_DB_POOL: bad })).toThrow(/CARETRUST_DB_POOL/);
    }
  });

  it('takes a PostgreSQL address, over TCP or a Unix socket, and refuses anything else, naming the variable', () => {
    for (const good of ['postgres://caretrust@db.example/caretrust', 'postgresql://caretrust@localhost/caretrust?host=/var/run/postgresql']) {
      expect(loadConfig({ DATABASE_URL: good }).databaseUrl).toBe(good);
    }
    for (const bad of ['localhost:5432', 'mysql://root@localhost/caretrust', 'postgres://']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL: must be a PostgreSQL address/);
    }
  });
});
