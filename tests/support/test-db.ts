import fs from 'node:fs';
import { inject } from 'vitest';
import { openPglite, openPostgres, sql, type Database } from '../../src/platform/db.js';

export const testDatabaseKind = (process.env.CARETRUST_TEST_DB ?? 'pglite') as 'pglite' | 'postgresql';

/** A database of this test file's own, copied from the run's fixture (see global-setup.ts). */
export async function testDatabase(): Promise<Database> {
  if (testDatabaseKind === 'postgresql') {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const name = `${url.pathname.slice(1)}_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = openPostgres(url.toString(), 1);
    await admin.db.execute(sql.raw(`create database ${name} template ${inject('pgTemplate')}`));
    const own = new URL(url);
    own.pathname = `/${name}`;
    const database = openPostgres(own.toString(), 5);
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
        await admin.close();
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteTemplate'));
  return openPglite(undefined, new Blob([dump]));
}
