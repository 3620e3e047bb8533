import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../tests/support/test-db.js';
import { rowsOf, sql, type Database } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { accountBalances, ensureAccount, entriesOf, monthlyMovements, postJournal, type PostingInput } from './ledger.js';

let database: Database;
let placeId: string;

beforeAll(async () => {
  database = await testDatabase();
  const [place] = await rowsOf<{ place_id: string }>(database.db, sql`select place_id from place order by place_id limit 1`);
  placeId = place!.place_id;
  await ensureAccount(database.db, placeId, { code: 'T/BANK', name: 'Pool bank', kind: 'bank' });
  await ensureAccount(database.db, placeId, { code: 'T/BL/1', name: 'A budget line', kind: 'budget_line', serviceArea: 'home_care' });
});
afterAll(async () => database.close());

const posting = (over: Partial<PostingInput> = {}): PostingInput => ({
  placeId,
  postedOn: '2026-05-10',
  description: 'Home care invoice',
  idempotencyKey: newId(),
  source: { kind: 'manual' },
  postedBy: null,
  lines: [
    { accountCode: 'T/BL/1', amountPence: 12345, trace: { invoiceLineRef: 'INV-1/1' } },
    { accountCode: 'T/BANK', amountPence: -12345 },
  ],
  ...over,
});

describe('the ledger API', () => {
  it('ensureAccount is idempotent by code', async () => {
    const a = await ensureAccount(database.db, placeId, { code: 'T/BANK', name: 'Other name', kind: 'bank' });
    const b = await ensureAccount(database.db, placeId, { code: 'T/BANK', name: 'Pool bank', kind: 'bank' });
    expect(a).toBe(b);
  });

  it('posts a balanced journal once per idempotency key and reads it back', async () => {
    const p = posting({ idempotencyKey: 'test-once' });
    const first = await postJournal(database.db, p);
    expect(first.alreadyPosted).toBe(false);
    const again = await postJournal(database.db, p);
    expect(again).toEqual({ journalId: first.journalId, alreadyPosted: true });
    await expect(postJournal(database.db, { ...p, description: 'Something else' })).rejects.toMatchObject({ kind: 'conflict' });
    const balances = await accountBalances(database.db, placeId, { codePrefix: 'T/' });
    expect(balances.find((b) => b.code === 'T/BL/1')).toMatchObject({ debitPence: 12345, creditPence: 0, balancePence: 12345 });
    expect(balances.reduce((s, b) => s + b.balancePence, 0)).toBe(0);
    expect(await monthlyMovements(database.db, placeId, { from: '2026-04-01', to: '2027-03-31', codePrefix: 'T/BL' })).toEqual([{ code: 'T/BL/1', month: '2026-05', netPence: 12345 }]);
    const entries = await entriesOf(database.db, placeId, { accountCode: 'T/BL/1', limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ journalId: first.journalId, amountPence: 12345, sourceKind: 'manual', trace: { invoiceLineRef: 'INV-1/1' } });
  });

  it('refuses unbalanced, single-line, fractional and unknown-account postings', async () => {
    await expect(postJournal(database.db, posting({ lines: [{ accountCode: 'T/BANK', amountPence: 1 }, { accountCode: 'T/BL/1', amountPence: 2 }] }))).rejects.toMatchObject({ kind: 'invalid' });
    await expect(postJournal(database.db, posting({ lines: [{ accountCode: 'T/BANK', amountPence: 1 }] }))).rejects.toMatchObject({ kind: 'invalid' });
    await expect(postJournal(database.db, posting({ lines: [{ accountCode: 'T/BANK', amountPence: 1.5 }, { accountCode: 'T/BL/1', amountPence: -1.5 }] }))).rejects.toMatchObject({ kind: 'invalid' });
    await expect(postJournal(database.db, posting({ lines: [{ accountCode: 'T/NOPE', amountPence: 1 }, { accountCode: 'T/BL/1', amountPence: -1 }] }))).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('the database keeps the ledger whole when the service is bypassed', () => {
  const raw = async (lines: number[]) =>
    database.db.transaction(async (tx) => {
      const j = newId();
      await tx.execute(sql`insert into ledger_journal (place_id, id, posted_on, financial_year, description, source_kind, idempotency_key, content_hash)
        values (${placeId}, ${j}, '2026-06-01', '2026-27', 'raw', 'raw', ${newId()}, 'x')`);
      const [acc] = await rowsOf<{ id: string }>(tx, sql`select id from ledger_account where place_id = ${placeId} and code = 'T/BANK'`);
      for (const amount of lines)
        await tx.execute(sql`insert into ledger_entry (place_id, id, journal_id, account_id, posted_on, amount_pence) values (${placeId}, ${newId()}, ${j}, ${acc!.id}, '2026-06-01', ${amount})`);
      return j;
    });

  it('refuses at commit a journal whose entries do not sum to zero, or with fewer than two', async () => {
    await expect(raw([100, -99])).rejects.toThrow();
    await expect(raw([])).rejects.toThrow();
    expect(await raw([100, -100])).toBeTruthy();
  });

  it('refuses an entry added to a journal posted in an earlier transaction, even one that keeps it balanced', async () => {
    const j = await raw([100, -100]);
    const [acc] = await rowsOf<{ id: string }>(database.db, sql`select id from ledger_account where place_id = ${placeId} and code = 'T/BANK'`);
    const add = (amount: number) => sql`insert into ledger_entry (place_id, id, journal_id, account_id, posted_on, amount_pence) values (${placeId}, ${newId()}, ${j}, ${acc!.id}, '2026-06-01', ${amount})`;
    const refused = await database.db
      .transaction(async (tx) => {
        await tx.execute(add(50));
        await tx.execute(add(-50));
      })
      .then(
        () => 'written',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(refused).toMatch(/is already posted: an entry can only be written with its journal/);
    const [n] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from ledger_entry where place_id = ${placeId} and journal_id = ${j}`);
    expect(n!.n).toBe(2);
  });

  it('refuses to update or delete entries and journals', async () => {
    await expect(database.db.execute(sql`update ledger_entry set amount_pence = amount_pence where place_id = ${placeId}`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from ledger_entry where place_id = ${placeId}`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from ledger_journal where place_id = ${placeId}`)).rejects.toThrow();
  });

  it('refuses a posting dated in a closed month, by the service and by raw SQL', async () => {
    await database.db.execute(sql`insert into ledger_closed_month (place_id, month) values (${placeId}, '2026-04')`);
    await expect(postJournal(database.db, posting({ postedOn: '2026-04-15' }))).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      database.db.execute(sql`insert into ledger_journal (place_id, id, posted_on, financial_year, description, source_kind, idempotency_key, content_hash)
        values (${placeId}, ${newId()}, '2026-04-02', '2026-27', 'raw', 'raw', ${newId()}, 'x')`),
    ).rejects.toThrow();
  });
});
