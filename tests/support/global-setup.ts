import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres, sql } from '../../src/platform/db.js';
import { seedPlace } from '../../src/synth/seed.js';
import { FIXTURE } from './fixture.js';

/**
 * Builds the fixture once per run: a migrated database holding a small synthetic Torbay.
 * PGlite: dumped to a file that each test file loads. PostgreSQL: a template database that
 * each test file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.CARETRUST_TEST_DB ?? 'pglite';
  if (kind === 'postgresql') {
    const url = process.env.TEST_DATABASE_URL!;
    const template = `${new URL(url).pathname.slice(1)}_tpl_${process.pid}`;
    const admin = openPostgres(url, 1);
    await admin.db.execute(sql.raw(`drop database if exists ${template} with (force)`));
    await admin.db.execute(sql.raw(`create database ${template}`));
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const tpl = openPostgres(tplUrl.toString(), 2);
    await migrateDatabase(tpl);
    await seedPlace(tpl.db, { preset: FIXTURE.preset, population: FIXTURE.population, seed: FIXTURE.seed, asOf: FIXTURE.asOf, historyFrom: FIXTURE.historyFrom });
    await tpl.close();
    project.provide('pgTemplate', template);
    return async () => {
      await admin.db.execute(sql.raw(`drop database if exists ${template} with (force)`));
      await admin.close();
    };
  }
  const database = await openPglite();
  await migrateDatabase(database);
  await seedPlace(database.db, { preset: FIXTURE.preset, population: FIXTURE.population, seed: FIXTURE.seed, asOf: FIXTURE.asOf, historyFrom: FIXTURE.historyFrom });
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'caretrust-test-')), 'fixture.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}
