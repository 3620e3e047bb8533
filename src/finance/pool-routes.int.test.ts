import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { systemActor, type Ctx } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';
import { addScheduleVersion, agreementOf, createAgreement, currentSchedule } from './agreement.js';
import { parseBudgetLineCode } from './budget-lines.js';
import { commitmentRows, recalculateCommitments } from './commitments.js';
import { seasonalTrendPence } from './forecast-rules.js';
import { ensureAccount, postJournal } from './ledger.js';

let t: TestApp;
let placeId: string;
const as: Partial<Record<Role, Client>> = {};
const who = (r: Role) => as[r]!;
const fy = '2026-27';
const on = '2026-11-02';
let committed: string; // a line with packages, a budget and actuals
const budgetOnly = 'BL/community_health/older_people/ALL';
const unbudgeted = 'BL/equipment/older_people/ALL';
const budgetPence = 1_000_000_00;
const url = (code: string, q = '') => `/api/finance/pool/lines/${encodeURIComponent(code)}${q}`;

function ctx(role: Role): Ctx {
  return { db: t.database.db, clock: t.clock, actor: { ...systemActor(placeId), role } };
}

async function post(code: string, day: string, pence: number, key: string) {
  await postJournal(t.database.db, {
    placeId,
    postedOn: day,
    description: `Spend on ${code} ${key}`,
    idempotencyKey: `pool-test-${key}`,
    source: { kind: 'gl_import', ref: key },
    postedBy: null,
    lines: [
      { accountCode: code, amountPence: pence, trace: { glLineRef: `GL-${key}`, personId: '00000000-0000-4000-8000-000000000001' } },
      { accountCode: 'CREDITOR/PARTNER/TEST', amountPence: -pence },
    ],
  });
}

/** The trend the decision 0013 rule gives for a line: new weekly cost of lines started in the three months to the day, a month's worth. */
async function expectedTrend(code: string, day: string, since: string, from: string) {
  const rows = (await commitmentRows(t.database.db, placeId, code)).filter((r) => r.startOn > since && r.startOn <= day);
  return seasonalTrendPence(Math.round(rows.reduce((a, r) => a + r.weeklyPence, 0) / 3), from);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const r of ['finance_officer', 'pooled_fund_manager', 'board_member', 'social_worker'] as Role[]) as[r] = await t.signIn(r);
  placeId = who('finance_officer').placeId;
  await t.database.db.transaction((tx) => recalculateCommitments(tx, placeId, new Date()));
  const o = await placeOverview(t.database.db, placeId);
  const careTrust = o.partners.find((p) => p.kind === 'care_trust')!.id;
  const groups = ['older_people', 'physical_disability', 'learning_disability', 'mental_health', 'sensory_impairment', 'substance_misuse', 'carers'] as const;
  if (!(await agreementOf(t.database.db, placeId)))
    await createAgreement(ctx('pooled_fund_manager'), { reference: 'POOL-TEST', title: 'Pool', signedOn: '2005-12-01', hostPartnerId: careTrust, fundManagerPost: 'Director of Finance', functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'], clientGroups: [...groups] });
  const covered = (await agreementOf(t.database.db, placeId))!.clientGroups;
  const commitments = (await who('finance_officer').get(`/api/finance/commitments?on=${on}`)).body.lines as { code: string; commitmentPence: number }[];
  committed = commitments.find((l) => covered.includes(parseBudgetLineCode(l.code)!.clientGroup) && l.commitmentPence > 0)!.code;
  const previous = await currentSchedule(t.database.db, placeId, fy);
  await addScheduleVersion(ctx('pooled_fund_manager'), fy, {
    partners: [{ partnerId: careTrust, contributions: [{ stream: 'nhs_minimum', plannedPence: 3 * budgetPence }] }],
    budgets: [{ budgetLineCode: committed, budgetPence }, { budgetLineCode: budgetOnly, budgetPence: 2 * budgetPence }],
    riskShare: { overspend: { method: 'pro_rata' }, underspend: { method: 'pro_rata' } },
    boardDecisionRef: 'TEST-1',
    ...(previous ? { reason: 'Budgets for the pool test' } : {}),
  });
  const k = parseBudgetLineCode(committed)!;
  await ensureAccount(t.database.db, placeId, { code: committed, name: committed, kind: 'budget_line', serviceArea: k.serviceArea, clientGroup: k.clientGroup, zoneCode: k.zoneCode });
  await ensureAccount(t.database.db, placeId, { code: unbudgeted, name: unbudgeted, kind: 'budget_line', serviceArea: 'equipment', clientGroup: 'older_people' });
  await ensureAccount(t.database.db, placeId, { code: 'CREDITOR/PARTNER/TEST', name: 'Partner creditor', kind: 'creditor' });
  await post(committed, '2026-03-20', 70_000, 'last-year');
  await post(committed, '2026-05-10', 100_000, 'may');
  await post(committed, '2026-10-20', 50_000, 'october');
  await post(committed, '2026-11-20', 9_000, 'after-the-day');
  await post(unbudgeted, '2026-06-01', 20_000, 'equipment');
});
afterAll(() => t.close());

describe('the pool dashboard', () => {
  it('forecasts each line from its budget, actuals to the day, commitments and trend, and adds up to the pool', async () => {
    const res = await who('finance_officer').get(`/api/finance/pool?fy=${fy}&on=${on}`);
    expect(res.status).toBe(200);
    // As at the end of the day: commitments and trend from the next morning.
    const commitment = (await who('finance_officer').get(`/api/finance/commitments?on=2026-11-03`)).body.lines.find((l: any) => l.code === committed).commitmentPence;
    const trend = await expectedTrend(committed, on, '2026-08-02', '2026-11-03');
    const line = res.body.lines.find((l: any) => l.code === committed);
    // Spend from 1 April to the day: May's and October's, not last year's nor November's after the day.
    expect(line).toMatchObject({ budgetPence, actualsPence: 150_000, commitmentPence: commitment, trendPence: trend, forecastPence: 150_000 + commitment + trend, variancePence: 150_000 + commitment + trend - budgetPence });
    expect(line.name).toMatch(/,/);
    expect(res.body.lines.find((l: any) => l.code === budgetOnly)).toMatchObject({ budgetPence: 2 * budgetPence, actualsPence: 0 });
    expect(res.body.lines.find((l: any) => l.code === unbudgeted)).toMatchObject({ budgetPence: 0, actualsPence: 20_000, variancePence: 20_000 });
    for (const k of ['budgetPence', 'actualsPence', 'commitmentPence', 'trendPence', 'forecastPence', 'variancePence'])
      expect(res.body.totals[k]).toBe(res.body.lines.reduce((a: number, l: any) => a + l[k], 0));
    expect(res.body.totals.budgetPence).toBe(3 * budgetPence);
    expect(res.body.contributions[0]).toMatchObject({ partnerName: 'Torbay Care Trust', plannedPence: 3 * budgetPence });
    const older = res.body.spend.byClientGroup.find((s: any) => s.key === 'older_people');
    expect(res.body.spend.months).toHaveLength(12);
    if (parseBudgetLineCode(committed)!.clientGroup === 'older_people') expect(older.months.find((m: any) => m.month === '2026-05').pence).toBe(100_000);
    expect(older.months.find((m: any) => m.month === '2026-06').pence).toBe(20_000);
    const all = res.body.spend.byZone.find((s: any) => s.key === null);
    expect(all.label).toBe('All zones');
    expect(res.body.spend.byZone.reduce((a: number, s: any) => a + s.totalPence, 0)).toBe(179_000);
  });

  it('is refused outside the open book, and a bad year or day is a 400 saying what to give', async () => {
    const refused = await who('social_worker').get('/api/finance/pool');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Finance officer/);
    const badYear = await who('finance_officer').get('/api/finance/pool?fy=2026');
    expect([badYear.status, badYear.body.message]).toEqual([400, expect.stringMatching(/financial year as YYYY-YY/)]);
    const outside = await who('finance_officer').get(`/api/finance/pool?fy=${fy}&on=2027-05-01`);
    expect([outside.status, outside.body.message]).toEqual([400, expect.stringMatching(/must fall in 2026-27/)]);
    const audit = await rowsOf<{ a: string }>(t.database.db, sql`select action || ':' || outcome as a from audit_entry where place_id = ${placeId} and action = 'finance.pool_read' order by seq`);
    expect(audit.map((r) => r.a)).toEqual(['finance.pool_read:allowed', 'finance.pool_read:denied']);
  });
});

describe("a budget line's drill-down", () => {
  it('shows the postings behind the actuals a page at a time, and the package lines behind the commitment without names', async () => {
    const first = await who('board_member').get(url(committed, `?fy=${fy}&on=${on}&limit=1`));
    expect(first.status).toBe(200);
    expect(first.body.line).toMatchObject({ code: committed, actualsPence: 150_000 });
    expect(first.body.monthlyActuals.find((m: any) => m.month === '2026-05').pence).toBe(100_000);
    expect(first.body.monthlyActuals.at(-1).month).toBe('2026-11');
    expect(first.body.postings.entries).toHaveLength(1);
    const second = await who('board_member').get(url(committed, `?fy=${fy}&on=${on}&limit=1&after=${first.body.postings.nextAfter}`));
    const both = [...first.body.postings.entries, ...second.body.postings.entries];
    expect(both.map((e: any) => [e.postedOn, e.amountPence, e.sourceKind, e.trace.glLineRef]).sort()).toEqual([
      ['2026-05-10', 100_000, 'gl_import', 'GL-may'],
      ['2026-10-20', 50_000, 'gl_import', 'GL-october'],
    ]);
    expect(second.body.postings.nextAfter).toBeNull();
    const rows = (await commitmentRows(t.database.db, placeId, committed)).filter((r) => r.endOn === null || r.endOn >= '2026-04-01');
    expect(first.body.packageLines).toHaveLength(rows.length);
    expect(first.body.packageLines.reduce((a: number, l: any) => a + l.commitmentPence, 0)).toBe(first.body.line.commitmentPence);
    expect(first.body.packageLines[0]).toMatchObject({ providerName: expect.any(String), person: null, packageRef: expect.any(String), weeklyPence: expect.any(Number) });
    const text = JSON.stringify(first.body);
    expect(text).not.toContain('personId');
    for (const r of rows) expect(text).not.toContain(r.personId);
  });

  it('answers 404 for a line the pool has nothing on and 400 for what is not a line code', async () => {
    const none = await who('finance_officer').get(url('BL/day_support/carers/ALL'));
    expect([none.status, none.body.message]).toEqual([404, expect.stringMatching(/no budget, spend or commitment on BL\/day_support\/carers\/ALL/)]);
    const bad = await who('finance_officer').get(url('nonsense'));
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/not a budget line code/)]);
  });
});

describe('the forecast month by month and the variance commentary', () => {
  it("takes a month's forecast once, as at its last day, and keeps it unchanged", async () => {
    const taken = await who('finance_officer').post('/api/finance/pool/snapshots', { month: '2026-10' });
    expect(taken.status).toBe(201);
    const again = await who('finance_officer').post('/api/finance/pool/snapshots', { month: '2026-10' });
    expect([again.status, again.body.message]).toEqual([409, expect.stringContaining(`already taken at ${taken.body.takenAt}`)]);
    expect((await who('board_member').post('/api/finance/pool/snapshots', { month: '2026-09' })).status).toBe(403);
    const open = await who('finance_officer').post('/api/finance/pool/snapshots', { month: '2026-11' });
    expect([open.status, open.body.message]).toEqual([400, expect.stringMatching(/2026-11 has not ended yet/)]);
    expect((await who('finance_officer').post('/api/finance/pool/snapshots', { month: '2026-13' })).status).toBe(400);

    const history = await who('board_member').get(`/api/finance/pool/history?fy=${fy}&code=${encodeURIComponent(committed)}`);
    const commitment = (await who('finance_officer').get('/api/finance/commitments?on=2026-11-01')).body.lines.find((l: any) => l.code === committed).commitmentPence;
    const trend = await expectedTrend(committed, '2026-10-31', '2026-07-31', '2026-11-01');
    expect(history.body.snapshots).toEqual([
      expect.objectContaining({ month: '2026-10', asAt: '2026-10-31', budgetPence, actualsPence: 150_000, commitmentPence: commitment, trendPence: trend, forecastPence: 150_000 + commitment + trend }),
    ]);
    const pool = await who('board_member').get(`/api/finance/pool/history?fy=${fy}`);
    expect(pool.body.snapshots[0]).toMatchObject({ code: 'POOL', budgetPence: 3 * budgetPence });
    expect((await who('finance_officer').get(`/api/finance/pool?fy=${fy}`)).body.monthsTaken).toEqual([{ month: '2026-10', takenAt: taken.body.takenAt }]);
    const edit = await rowsOf(t.database.db, sql`update forecast_snapshot set forecast_pence = 0 where place_id = ${placeId}`).catch((e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(edit).toMatch(/never changed/);
  });

  it('keeps each comment: a new one on the same line and month supersedes the last', async () => {
    const body = { month: '2026-10', code: committed, text: 'Winter placements started early' };
    const first = await who('finance_officer').post('/api/finance/pool/commentary', body);
    expect(first.status).toBe(201);
    const second = await who('pooled_fund_manager').post('/api/finance/pool/commentary', { ...body, text: 'Two placements from the hospital discharge scheme' });
    expect(second.body).toMatchObject({ supersedesId: first.body.id, current: true });
    const list = await who('board_member').get(`/api/finance/pool/commentary?month=2026-10&code=${encodeURIComponent(committed)}`);
    expect(list.body.comments.map((c: any) => [c.text, c.current])).toEqual([
      ['Two placements from the hospital discharge scheme', true],
      ['Winter placements started early', false],
    ]);
    const drill = await who('board_member').get(url(committed, `?fy=${fy}&on=${on}`));
    expect(drill.body.comments).toHaveLength(2);
    expect(drill.body.history).toHaveLength(1);
    expect((await who('board_member').post('/api/finance/pool/commentary', body)).status).toBe(403);
    const unknown = await who('finance_officer').post('/api/finance/pool/commentary', { ...body, code: 'BL/day_support/carers/ALL' });
    expect(unknown.status).toBe(404);
    const empty = await who('finance_officer').post('/api/finance/pool/commentary', { ...body, text: '' });
    expect([empty.status, JSON.stringify(empty.body)]).toEqual([400, expect.stringMatching(/text/)]);
  });
});
