import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../tests/support/test-db.js';
import { FIXTURE } from '../../tests/support/fixture.js';
import { rowsOf, sql, type Database } from '../platform/db.js';
import { placeOverview } from '../partnership/service.js';
import { agreementOf, agreementOn } from '../finance/agreement.js';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';
import { budgetsOf } from '../finance/budgets.js';
import { contributionsOf } from '../finance/contributions.js';
import { commitmentRowsForLines } from '../finance/commitments.js';
import { linesForCommitment } from '../pathway/plans/finance-facts.js';
import { loadPreset } from './preset.js';
import { seedPool } from './finance-agreement.js';

let database: Database;
let placeId: string;
const m = (pounds: number) => pounds * 100_000_000;

beforeAll(async () => {
  database = await testDatabase();
  placeId = (await rowsOf<{ place_id: string }>(database.db, sql`select place_id from place where preset = 'torbay'`))[0]!.place_id;
  const preset = loadPreset('torbay');
  const o = await placeOverview(database.db, placeId);
  // Partners by preset key: the seed's names are the preset's.
  const partnerIds = new Map(preset.partners.map((p) => [p.key, o.partners.find((x) => x.name === p.name)!.id]));
  await seedPool(database.db, { preset, placeId, partnerIds, asOf: FIXTURE.asOf, seed: FIXTURE.seed, years: ['2009-10', '2024-25', '2025-26', '2026-27'] });
}, 120_000);
afterAll(async () => database.close());

describe('the preset pool of torbay', () => {
  it('has its agreement and, each year, budgets equal to its contributions: £250m NHS, £40m council, £10m charges', async () => {
    const a = await agreementOf(database.db, placeId);
    expect(a).toMatchObject({ reference: 'TORBAY-S75-2005', hostPartnerName: 'Torbay Care Trust', financialYears: ['2009-10', '2024-25', '2025-26', '2026-27'] });
    for (const fy of ['2009-10', '2026-27']) {
      const contributions = await contributionsOf(database.db, placeId, fy);
      expect(contributions.map((c) => [c.stream, c.plannedPence])).toEqual([['nhs_minimum', m(250)], ['council', m(40)], ['client_charges', m(10)]]);
      const budgets = await budgetsOf(database.db, placeId, fy);
      expect(budgets.reduce((s, b) => s + b.budgetPence, 0)).toBe(m(300));
    }
    const received = await contributionsOf(database.db, placeId, '2009-10');
    expect(received.map((c) => c.receivedPence)).toEqual([m(250), m(40), m(10)]);
  });

  it('keeps the trial balance at zero, closes the months before the current one, and spends within a few % of the budget', async () => {
    const [tb] = await rowsOf<{ total: number }>(database.db, sql`select coalesce(sum(amount_pence), 0)::bigint as total from ledger_entry where place_id = ${placeId}`);
    expect(Number(tb!.total)).toBe(0);
    const closed = await rowsOf<{ month: string }>(database.db, sql`select month from ledger_closed_month where place_id = ${placeId} order by month`);
    expect(closed.at(-1)!.month).toBe('2026-10');
    expect(closed.map((c) => c.month)).toContain('2009-04');
    const [spent] = await rowsOf<{ net: number }>(
      database.db,
      sql`select sum(e.amount_pence)::bigint as net from ledger_entry e join ledger_account a on a.place_id = e.place_id and a.id = e.account_id
          where e.place_id = ${placeId} and a.kind = 'budget_line' and e.posted_on between '2025-04-01' and '2026-03-31'`,
    );
    expect(Math.abs(Number(spent!.net) - m(300)) / m(300)).toBeLessThan(0.05);
  });

  it('traces every invoice entry to a real service line charged to the budget line of its commitment', async () => {
    const entries = await rowsOf<{ service_line_id: string; package_id: string; code: string }>(
      database.db,
      sql`select e.service_line_id, e.package_id, a.code from ledger_entry e join ledger_journal j on j.place_id = e.place_id and j.id = e.journal_id
          join ledger_account a on a.place_id = e.place_id and a.id = e.account_id
          where e.place_id = ${placeId} and j.source_kind = 'invoice' and a.kind = 'budget_line'`,
    );
    expect(entries.length).toBeGreaterThan(0);
    const lines = await linesForCommitment(database.db, placeId);
    const rows = new Map((await commitmentRowsForLines(database.db, placeId, lines, new Date())).map((r) => [r.serviceLineId, r]));
    for (const e of entries) {
      const row = rows.get(e.service_line_id);
      expect(row, `service line ${e.service_line_id}`).toBeDefined();
      expect([e.code, e.package_id]).toEqual([row!.budgetLineCode, row!.planId]);
    }
  });
});

describe('the preset pool of bexley', () => {
  let t: TestApp;
  let bexley: string;
  beforeAll(async () => {
    t = await startTestApp({ preset: 'bexley' });
    bexley = (await rowsOf<{ place_id: string }>(t.database.db, sql`select place_id from place where preset = 'bexley'`))[0]!.place_id;
    const preset = loadPreset('bexley');
    const o = await placeOverview(t.database.db, bexley);
    const partnerIds = new Map(preset.partners.map((p) => [p.key, o.partners.find((x) => x.name === p.name)!.id]));
    await seedPool(t.database.db, { preset, placeId: bexley, partnerIds, asOf: FIXTURE.asOf, seed: FIXTURE.seed, years: ['2008-09', '2009-10'] });
  }, 180_000);
  afterAll(() => t.close());

  it('reads 2008-09 with provision in the pool and 2009-10 without it, both through agreementOn', async () => {
    const before = await agreementOn(t.database.db, bexley, '2008-06-30');
    const after = await agreementOn(t.database.db, bexley, '2009-06-30');
    expect(before!.schedule.plannedTotalPence).toBe(m(90));
    expect(after!.schedule.plannedTotalPence).toBe(m(34));
    const groupsOf = (v: typeof before) => new Set(v!.schedule.budgets.map((b) => b.code.split('/')[2]));
    expect([...groupsOf(after)].sort()).toEqual(['learning_disability', 'mental_health']);
    expect(groupsOf(before).has('older_people')).toBe(true);
    expect(after!.schedule.budgetTotalPence).toBe(after!.schedule.plannedTotalPence);
  });
});
