import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../tests/support/test-db.js';
import { rowsOf, sql, type Database } from '../platform/db.js';
import { accountBalances, ensureAccount, monthlyMovements, postJournal } from './ledger.js';

let database: Database;
let placeId: string;
let n = 0;

async function post(postedOn: string, pence: number) {
  n += 1;
  await postJournal(database.db, {
    placeId,
    postedOn,
    description: `Invoice ${n}`,
    idempotencyKey: `balances-test-${n}`,
    source: { kind: 'manual' },
    postedBy: null,
    lines: [
      { accountCode: 'MB/BL', amountPence: pence },
      { accountCode: 'MB/CR', amountPence: -pence },
    ],
  });
}

beforeAll(async () => {
  database = await testDatabase();
  const [place] = await rowsOf<{ place_id: string }>(database.db, sql`select place_id from place order by place_id limit 1`);
  placeId = place!.place_id;
  await ensureAccount(database.db, placeId, { code: 'MB/BL', name: 'A budget line', kind: 'budget_line' });
  await ensureAccount(database.db, placeId, { code: 'MB/CR', name: 'A provider', kind: 'creditor' });
  // Three months of postings, a reversal-like credit among them, on first, middle and last days.
  for (const [day, pence] of [['2031-04-01', 1000], ['2031-04-30', 250], ['2031-05-15', 4000], ['2031-05-31', -500], ['2031-06-01', 70], ['2031-06-20', 30]] as const) await post(day, pence);
});
afterAll(async () => database.close());

describe('balances over closed months', () => {
  it('reads the same figures after months close, whole or part of a closed month asked for', async () => {
    const ranges = [{}, { from: '2031-04-01', to: '2031-06-30' }, { from: '2031-04-15', to: '2031-05-31' }, { from: '2031-05-01', to: '2031-05-15' }, { to: '2031-05-31' }, { from: '2031-06-01' }];
    const read = async () => Promise.all(ranges.map((r) => accountBalances(database.db, placeId, { ...r, codePrefix: 'MB/' })));
    const months = () => monthlyMovements(database.db, placeId, { from: '2031-04-01', to: '2031-06-30', codePrefix: 'MB/' });
    const before = await read();
    const monthsBefore = await months();
    expect(monthsBefore.filter((m) => m.code === 'MB/BL')).toEqual([
      { code: 'MB/BL', month: '2031-04', netPence: 1250 },
      { code: 'MB/BL', month: '2031-05', netPence: 3500 },
      { code: 'MB/BL', month: '2031-06', netPence: 100 },
    ]);
    expect(before[2]!.find((b) => b.code === 'MB/BL')).toMatchObject({ debitPence: 4250, creditPence: 500, balancePence: 3750 });

    await database.db.execute(sql`insert into ledger_closed_month (place_id, month) values (${placeId}, '2031-04'), (${placeId}, '2031-05')`);
    const totals = await rowsOf<{ month: string; debit: number; credit: number; entries: number }>(
      database.db,
      sql`select t.month, t.debit_pence as debit, t.credit_pence as credit, t.entries from ledger_month_total t join ledger_account a on a.place_id = t.place_id and a.id = t.account_id
          where t.place_id = ${placeId} and a.code = 'MB/BL' order by t.month`,
    );
    expect(totals.map((t) => [t.month, Number(t.debit), Number(t.credit), Number(t.entries)])).toEqual([
      ['2031-04', 1250, 0, 2],
      ['2031-05', 4000, 500, 2],
    ]);
    expect(await read()).toEqual(before);
    expect(await months()).toEqual(monthsBefore);
  });

  it('keeps a closed month’s totals as they were written', async () => {
    const refused = await database.db.execute(sql`update ledger_month_total set debit_pence = 0 where place_id = ${placeId}`).then(
      () => null,
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(refused).toMatch(/append-only/);
  });
});
