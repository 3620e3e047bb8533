import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_PER_CONNECTION, prepareRepeatedStatements } from './prepared.js';

// Runs on PostgreSQL only (*.pg.test.ts): prepared statements live on a server connection.
let client: pg.Client;
let prepared: () => ReadonlyMap<string, string>;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  prepared = prepareRepeatedStatements(client);
});
afterAll(() => client.end());

const onServer = async () => (await client.query<{ name: string }>('select name from pg_prepared_statements')).rows.map((r) => r.name);

describe('statements a connection runs again are prepared on it', () => {
  it('prepares a statement the second time it runs, and answers each run for its own parameters', async () => {
    const text = 'select $1::int * 2 as doubled, $2::text as label -- prepared test one';
    const answers = [];
    for (const n of [1, 2, 3]) answers.push((await client.query({ text, values: [n, `run ${n}`] })).rows[0]);
    expect(answers).toEqual([
      { doubled: 2, label: 'run 1' },
      { doubled: 4, label: 'run 2' },
      { doubled: 6, label: 'run 3' },
    ]);
    const name = prepared().get(text);
    expect(name).toBeDefined();
    expect(await onServer()).toContain(name);
  });

  it('leaves alone statements sent without parameters, so a text of several statements runs again', async () => {
    const text = 'create temp table if not exists prepared_probe (n int); insert into prepared_probe values (1)';
    await client.query(text);
    await client.query(text);
    expect((await client.query('select count(*)::int as n from prepared_probe')).rows[0]).toEqual({ n: 2 });
    expect(prepared().has(text)).toBe(false);
  });

  it('keeps at most its limit of prepared statements, and runs the others unprepared', async () => {
    for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++) {
      const text = `select $1::int + ${i} as n -- prepared test many`;
      for (let k = 0; k < 2; k++) expect((await client.query(text, [k])).rows[0]).toEqual({ n: k + i });
    }
    expect(prepared().size).toBe(PREPARED_PER_CONNECTION);
    expect((await onServer()).length).toBe(PREPARED_PER_CONNECTION);
  });
});
