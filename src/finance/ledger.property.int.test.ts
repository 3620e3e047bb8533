import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../tests/support/test-db.js';
import { systemActor, type Ctx } from '../access/actor.js';
import { fixedClock } from '../platform/clock.js';
import { rowsOf, sql, type Database } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { ensureAccount, postJournal } from './ledger.js';
import { reverseJournal } from './ledger-reversal.js';
import { trialBalance } from './trial-balance.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database.close());

const codes = ['P/BANK', 'P/BL/1', 'P/BL/2', 'P/CREDITOR'] as const;

/** A journal as transfers between the handful of accounts: each moves a positive amount from one to another. */
const journalArb = fc.array(fc.record({ from: fc.integer({ min: 0, max: 3 }), to: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 5_000_000 }) }), { minLength: 1, maxLength: 3 });
type Journal = fc.Arbitrary<{ from: number; to: number; amount: number }[]> extends fc.Arbitrary<infer T> ? T : never;

/** Post journal i (a re-send when posted before), or reverse it (a re-send when reversed before). */
const commandArb = fc.record({ kind: fc.constantFrom('post', 'post', 'reverse'), journal: fc.integer({ min: 0, max: 4 }) });
type Command = { kind: string; journal: number };

const lines = (j: Journal) => j.flatMap((t) => [
  { accountCode: codes[t.to]!, amountPence: t.amount },
  { accountCode: codes[t.from]!, amountPence: -t.amount },
]);

async function freshPlace(): Promise<Ctx> {
  const placeId = newId();
  await database.db.execute(sql`insert into place (place_id, preset, name, client_groups) values (${placeId}, ${`prop-${placeId}`}, 'Property test place', ${'{older_people}'}::text[])`);
  for (const code of codes) await ensureAccount(database.db, placeId, { code, name: code, kind: code === 'P/BANK' ? 'bank' : code.startsWith('P/BL') ? 'budget_line' : 'creditor' });
  return { db: database.db, clock: fixedClock('2026-11-02T09:30:00Z'), actor: { ...systemActor(placeId), role: 'pooled_fund_manager' } };
}

/** Runs the commands into a place; answers the balances by account code. */
async function run(ctx: Ctx, journals: Journal[], commands: Command[]): Promise<Map<string, number>> {
  const ids = new Map<number, string>();
  for (const c of commands) {
    if (c.kind === 'post') {
      const posted = await postJournal(ctx.db, {
        placeId: ctx.actor.placeId,
        postedOn: '2026-06-10',
        description: `Journal ${c.journal}`,
        idempotencyKey: `prop-${c.journal}`,
        source: { kind: 'manual' },
        postedBy: null,
        lines: lines(journals[c.journal]!),
      });
      if (ids.has(c.journal)) expect(posted).toEqual({ journalId: ids.get(c.journal), alreadyPosted: true });
      ids.set(c.journal, posted.journalId);
    } else if (ids.has(c.journal)) {
      await reverseJournal(ctx, ids.get(c.journal)!, { reason: 'Property test' });
    }
  }
  const tb = await trialBalance(ctx.db, ctx.actor.placeId);
  expect(tb.totals.balancePence).toBe(0);
  expect(tb.totals.debitPence).toBe(tb.totals.creditPence);
  const unbalanced = await rowsOf(ctx.db, sql`select journal_id from ledger_entry where place_id = ${ctx.actor.placeId} group by journal_id having sum(amount_pence) <> 0`);
  expect(unbalanced).toEqual([]);
  return new Map(tb.accounts.map((a) => [a.code, a.balancePence]));
}

/** The same sequence in memory: a journal counts once however often it is sent, and its reversal cancels it once. */
function model(journals: Journal[], commands: Command[]): Map<string, number> {
  const balances = new Map<string, number>(codes.map((c) => [c, 0]));
  const posted = new Set<number>();
  const reversed = new Set<number>();
  const apply = (j: Journal, sign: number) => {
    for (const l of lines(j)) balances.set(l.accountCode, balances.get(l.accountCode)! + sign * l.amountPence);
  };
  for (const c of commands) {
    if (c.kind === 'post' && !posted.has(c.journal)) {
      posted.add(c.journal);
      apply(journals[c.journal]!, 1);
    } else if (c.kind === 'reverse' && posted.has(c.journal) && !reversed.has(c.journal)) {
      reversed.add(c.journal);
      apply(journals[c.journal]!, -1);
    }
  }
  return balances;
}

describe('the ledger under random postings, reversals and re-sends', () => {
  it('keeps every journal balanced and the trial balance at zero, matches a model, and replays to the same balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(journalArb, { minLength: 5, maxLength: 5 }), fc.array(commandArb, { minLength: 1, maxLength: 15 }), async (journals, commands) => {
        const balances = await run(await freshPlace(), journals, commands);
        expect(balances).toEqual(model(journals, commands));
        expect(await run(await freshPlace(), journals, commands)).toEqual(balances);
      }),
      { numRuns: 20 },
    );
  });
});
