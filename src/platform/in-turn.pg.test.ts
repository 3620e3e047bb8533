import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, rowsOf, sql, type Database } from './db.js';
import { together } from './in-turn.js';

// Runs on PostgreSQL only (*.pg.test.ts): PGlite has one connection, where `together` takes turns.
let database: Database;
beforeAll(() => {
  database = openPostgres(process.env.TEST_DATABASE_URL!, 4);
});
afterAll(() => database.close());

/**
 * A step that finishes only after it has seen the other step's query running in another session
 * (then it lingers, so the other sees it too); after three seconds alone it fails.
 */
const meet = (me: string, other: string) =>
  sql.raw(`do $$ /* ${me} */ begin
    for i in 1..300 loop
      perform pg_stat_clear_snapshot(); -- the activity view is otherwise read once per transaction
      if exists (select 1 from pg_stat_activity where pid <> pg_backend_pid() and query like '%/* ${other} */%') then
        perform pg_sleep(0.3);
        return;
      end if;
      perform pg_sleep(0.01);
    end loop;
    raise exception 'the other step did not run alongside';
  end $$`);

describe('independent reads of one request run at once on a pool', () => {
  it('runs each step on a connection of its own, so two steps that wait to see each other both finish', async () => {
    const tag = `together-${process.pid}-${Date.now()}`;
    const met = await together(database.db, [
      async () => (await database.db.execute(meet(`${tag}-a`, `${tag}-b`)), 'a met b'),
      async () => (await database.db.execute(meet(`${tag}-b`, `${tag}-a`)), 'b met a'),
    ]);
    expect(met).toEqual(['a met b', 'b met a']);
  });

  it('takes turns inside a transaction, where there is one connection, and answers in the order asked', async () => {
    const order: string[] = [];
    const answers = await database.db.transaction((tx) =>
      together(tx, [
        async () => {
          const [r] = await rowsOf<{ n: number }>(tx, sql`select 1 as n from pg_sleep(0.05)`);
          order.push('first');
          return r!.n;
        },
        async () => {
          order.push('second starts');
          const [r] = await rowsOf<{ n: number }>(tx, sql`select 2 as n`);
          return r!.n;
        },
      ]),
    );
    expect(answers).toEqual([1, 2]);
    expect(order).toEqual(['first', 'second starts']);
  });
});
