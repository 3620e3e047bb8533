import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import { rowsOf, sql } from '../platform/db.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { ensureAccount } from './ledger.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
const BL = 'BL/home_care/older_people/ALL';

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['finance_officer', 'pooled_fund_manager', 'board_member', 'coordinator'] as Role[]) as[role] = await t.signIn(role);
  await ensureAccount(t.database.db, who('finance_officer').placeId, { code: 'POOL/BANK', name: 'Pooled fund bank', kind: 'bank' });
});
afterAll(() => t.close());

const journal = (over: Record<string, unknown> = {}) => ({
  postedOn: '2026-09-15',
  description: 'Home care invoices for September',
  reason: 'Invoices paid outside the pay run',
  lines: [
    { accountCode: BL, amountPence: 250_000 },
    { accountCode: 'POOL/BANK', amountPence: -250_000 },
  ],
  ...over,
});

const audits = async (action: string) =>
  rowsOf<{ outcome: string; role: string }>(t.database.db, sql`select outcome, role from audit_entry where action = ${action} order by seq`);

describe('the ledger over HTTP', () => {
  it('posts a manual journal once per Idempotency-Key, opening its budget line, and reads it back in the trial balance, the account and the journal', async () => {
    const first = await who('finance_officer').post('/api/finance/ledger/journals', journal(), { 'idempotency-key': 'sept-invoices-1' });
    expect(first.status).toBe(201);
    expect(first.body.alreadyPosted).toBe(false);
    const again = await who('finance_officer').post('/api/finance/ledger/journals', journal({ idempotencyKey: 'sept-invoices-1' }));
    expect(again).toMatchObject({ status: 200, body: { journalId: first.body.journalId, alreadyPosted: true } });
    const differs = await who('finance_officer').post('/api/finance/ledger/journals', journal({ idempotencyKey: 'b' }), { 'idempotency-key': 'a' });
    expect(differs.status).toBe(400);

    const tb = await who('board_member').get('/api/finance/ledger/trial-balance?to=2026-10-31');
    expect(tb.status).toBe(200);
    expect(tb.body.accounts.find((a: any) => a.code === BL)).toMatchObject({ kind: 'budget_line', debitPence: 250_000, creditPence: 0, balancePence: 250_000 });
    expect(tb.body.totals.balancePence).toBe(0);
    expect(tb.body.totals.debitPence).toBe(tb.body.totals.creditPence);

    const accounts = await who('board_member').get('/api/finance/ledger/accounts');
    expect(accounts.body.accounts.find((a: any) => a.code === BL)).toMatchObject({ serviceArea: 'home_care', clientGroup: 'older_people', zoneCode: null, entries: 1 });

    const entries = await who('finance_officer').get(`/api/finance/ledger/accounts/${encodeURIComponent(BL)}/entries?limit=10`);
    expect(entries.status).toBe(200);
    expect(entries.body.entries).toHaveLength(1);
    expect(entries.body.entries[0]).toMatchObject({ journalId: first.body.journalId, amountPence: 250_000, sourceKind: 'manual' });

    const j = await who('board_member').get(`/api/finance/ledger/journals/${first.body.journalId}`);
    expect(j.body).toMatchObject({ postedOn: '2026-09-15', sourceKind: 'manual', reason: 'Invoices paid outside the pay run', reversesJournalId: null, reversedByJournalId: null });
    expect(j.body.entries.map((e: any) => [e.accountCode, e.amountPence])).toEqual([
      [BL, 250_000],
      ['POOL/BANK', -250_000],
    ]);
    expect((await audits('finance.ledger.manual_journal')).every((a) => a.outcome === 'allowed')).toBe(true);
    expect((await audits('finance.ledger.trial_balance_read')).length).toBeGreaterThan(0);
  });

  it('pages an account’s entries by keyset', async () => {
    for (const n of [1, 2, 3]) {
      const res = await who('finance_officer').post('/api/finance/ledger/journals', journal({ postedOn: '2026-10-0' + n, lines: [{ accountCode: BL, amountPence: n }, { accountCode: 'POOL/BANK', amountPence: -n }] }), { 'idempotency-key': `page-${n}` });
      expect(res.status).toBe(201);
    }
    const url = `/api/finance/ledger/accounts/${encodeURIComponent('POOL/BANK')}/entries?limit=2`;
    const p1 = await who('finance_officer').get(url);
    expect(p1.body.entries).toHaveLength(2);
    const p2 = await who('finance_officer').get(`${url}&after=${p1.body.nextAfter}`);
    const p3 = p2.body.nextAfter ? await who('finance_officer').get(`${url}&after=${p2.body.nextAfter}`) : { body: { entries: [], nextAfter: null } };
    const all = [...p1.body.entries, ...p2.body.entries, ...p3.body.entries].map((e: any) => e.amountPence);
    expect(all).toEqual([-250_000, -1, -2, -3]);
    expect((await who('finance_officer').get('/api/finance/ledger/accounts/NOPE/entries')).status).toBe(404);
  });

  it('refuses unbalanced journals, float, huge or string money, unknown accounts and a missing key or reason with a message, posting nothing', async () => {
    const post = (body: unknown, key = 'bad') => who('finance_officer').post('/api/finance/ledger/journals', body, { 'idempotency-key': key });
    const before = (await who('finance_officer').get('/api/finance/ledger/trial-balance')).body.totals;
    const unbalanced = await post(journal({ lines: [{ accountCode: BL, amountPence: 100 }, { accountCode: 'POOL/BANK', amountPence: -99 }] }));
    expect(unbalanced.status).toBe(400);
    expect(unbalanced.body.message).toMatch(/does not balance/);
    expect((await post(journal({ lines: [{ accountCode: BL, amountPence: 1.5 }, { accountCode: 'POOL/BANK', amountPence: -1.5 }] }))).body.message).toMatch(/no fraction of a penny/);
    expect((await post(journal({ lines: [{ accountCode: BL, amountPence: '100' }, { accountCode: 'POOL/BANK', amountPence: -100 }] }))).status).toBe(400);
    const huge = await post(journal({ lines: [{ accountCode: BL, amountPence: 2e15 }, { accountCode: 'POOL/BANK', amountPence: -2e15 }] }));
    expect(huge).toMatchObject({ status: 400, body: { message: expect.stringMatching(/£10bn/) } });
    const unknown = await post(journal({ lines: [{ accountCode: 'NOPE/1', amountPence: 5 }, { accountCode: 'BL/home_care/nobody/ALL', amountPence: -5 }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/NOPE\/1.*BL\/home_care\/nobody\/ALL/);
    expect((await post(journal({ reason: '' }))).status).toBe(400);
    const noKey = await who('finance_officer').post('/api/finance/ledger/journals', journal());
    expect(noKey).toMatchObject({ status: 400, body: { message: expect.stringMatching(/idempotency key/i) } });
    expect((await who('finance_officer').get('/api/finance/ledger/trial-balance')).body.totals).toEqual(before);
    expect((await who('finance_officer').get('/api/finance/ledger/accounts')).body.accounts.map((a: any) => a.code)).not.toContain('NOPE/1');
  });

  it('lets board members read but not post, and refuses a coordinator any of it, audited', async () => {
    expect((await who('board_member').post('/api/finance/ledger/journals', journal(), { 'idempotency-key': 'board' })).status).toBe(403);
    expect((await who('finance_officer').post('/api/finance/ledger/months/2026-04/close', {})).status).toBe(403);
    const refused = await who('coordinator').get('/api/finance/ledger/trial-balance');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Finance officer/);
    expect((await who('coordinator').post('/api/finance/ledger/journals', journal(), { 'idempotency-key': 'coord' })).status).toBe(403);
    expect(await audits('finance.ledger.trial_balance_read')).toContainEqual({ outcome: 'denied', role: 'coordinator' });
    expect(await audits('finance.ledger.manual_journal')).toContainEqual({ outcome: 'denied', role: 'coordinator' });
  });

  it('closes months in order, refuses postings into a closed month, and reverses into the first open day', async () => {
    const fm = who('pooled_fund_manager');
    const first = await fm.post('/api/finance/ledger/journals', journal({ postedOn: '2026-08-20' }), { 'idempotency-key': 'aug-1' });
    expect(first.status).toBe(201);
    expect((await fm.post('/api/finance/ledger/months/2026-11/close', {})).body.message).toMatch(/has not ended/);
    const aug = await fm.post('/api/finance/ledger/months/2026-08/close', {});
    expect(aug).toMatchObject({ status: 200, body: { month: '2026-08', status: 'closed', journals: 1, entriesTotalPence: 250_000 } });
    const skip = await fm.post('/api/finance/ledger/months/2026-10/close', {});
    expect(skip).toMatchObject({ status: 409, body: { message: expect.stringMatching(/Close 2026-09 first/) } });
    expect((await fm.post('/api/finance/ledger/months/2026-08/close', {})).status).toBe(409);
    expect((await fm.post('/api/finance/ledger/months/2026-07/close', {})).body.message).toMatch(/in order/);

    const late = await who('finance_officer').post('/api/finance/ledger/journals', journal({ postedOn: '2026-08-31' }), { 'idempotency-key': 'late' });
    expect(late).toMatchObject({ status: 409, body: { message: expect.stringMatching(/2026-08 is closed/) } });

    const into = await fm.post(`/api/finance/ledger/journals/${first.body.journalId}/reversal`, { reason: 'Wrong line', postedOn: '2026-08-31' });
    expect(into).toMatchObject({ status: 409, body: { message: expect.stringMatching(/first open day after it is 2026-09-01/) } });
    expect((await fm.post(`/api/finance/ledger/journals/${first.body.journalId}/reversal`, {})).status).toBe(400);
    const rev = await fm.post(`/api/finance/ledger/journals/${first.body.journalId}/reversal`, { reason: 'Wrong line' });
    expect(rev).toMatchObject({ status: 201, body: { postedOn: '2026-09-01', reversesJournalId: first.body.journalId, alreadyPosted: false } });
    const again = await fm.post(`/api/finance/ledger/journals/${first.body.journalId}/reversal`, { reason: 'Sent twice' });
    expect(again).toMatchObject({ status: 200, body: { journalId: rev.body.journalId, alreadyPosted: true } });
    const ofReversal = await fm.post(`/api/finance/ledger/journals/${rev.body.journalId}/reversal`, { reason: 'Undo' });
    expect(ofReversal).toMatchObject({ status: 409, body: { message: expect.stringMatching(/itself a reversal/) } });

    const original = (await fm.get(`/api/finance/ledger/journals/${first.body.journalId}`)).body;
    expect(original.reversedByJournalId).toBe(rev.body.journalId);
    const mirror = (await fm.get(`/api/finance/ledger/journals/${rev.body.journalId}`)).body;
    expect(mirror).toMatchObject({ sourceKind: 'reversal', reason: 'Wrong line', reversesJournalId: first.body.journalId });
    expect(mirror.entries.map((e: any) => [e.accountCode, e.amountPence])).toEqual([
      ['POOL/BANK', 250_000],
      [BL, -250_000],
    ]);

    const months = (await who('board_member').get('/api/finance/ledger/months?fy=2026-27')).body;
    expect(months.nextToClose).toBe('2026-09');
    expect(months.months).toHaveLength(12);
    expect(months.months.find((m: any) => m.month === '2026-08')).toMatchObject({ status: 'closed', closedBy: fm.user.id });
    // Closing took the month's forecast snapshot, so the pool's history has August.
    const history = await fm.get('/api/finance/pool/history?fy=2026-27');
    expect(history.body.snapshots.map((x: any) => x.month)).toContain('2026-08');
    expect((await fm.post('/api/finance/pool/snapshots', { month: '2026-08' })).status).toBe(409);
    expect(months.months.find((m: any) => m.month === '2026-09')).toMatchObject({ status: 'open', heldGlLines: 0 });
    expect((await who('board_member').get('/api/finance/ledger/months?fy=2026')).status).toBe(400);
    expect((await fm.post('/api/finance/ledger/months/2026-9/close', {})).status).toBe(400);
    expect(await audits('finance.ledger.month_close')).toContainEqual({ outcome: 'denied', role: 'finance_officer' });
  });
});
