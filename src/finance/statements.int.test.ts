import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { systemActor, type Ctx } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';
import { addScheduleVersion, agreementOf, createAgreement } from './agreement.js';
import { recordVariation } from './contributions.js';
import { recordReceipt } from './contribution-receipts.js';
import { commitmentsByLine } from './commitments.js';
import { accountBalances, ensureAccount, postJournal } from './ledger.js';
import { ragOf } from './statement-board.js';

/**
 * The statements are checked against what this file records itself in 2030-31, a year the seed
 * does not use: a schedule of £1m (care trust £700k, council £300k), receipts, a variation and
 * spend on two lines. The forecast adds what the fixture's care packages commit, read from the
 * commitments service.
 */
let t: TestApp;
let placeId: string;
let pfm: Client;
let ids: { careTrust: string; council: string };
const fy = '2030-31';
const HOME = 'BL/home_care/older_people/ALL';
const RES = 'BL/residential_care/older_people/ALL';

function as(role: Role): Ctx {
  return { db: t.database.db, clock: t.clock, actor: { ...systemActor(placeId), role } };
}

async function spend(key: string, on: string, code: string, pence: number): Promise<void> {
  await postJournal(t.database.db, { placeId, postedOn: on, description: `Spend ${key}`, idempotencyKey: `statements-test:${key}`, source: { kind: 'manual' }, postedBy: null, lines: [{ accountCode: code, amountPence: pence }, { accountCode: 'CREDITOR/PROVIDER/statements-test', amountPence: -pence }] });
}

/** The files of a zip (an .xlsx), inflated. */
function unzip(buf: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n -= 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return files;
}

const sectionOf = (body: any, heading: RegExp) => body.sections.find((s: any) => heading.test(s.heading));
const rowOf = (section: any, ...labels: string[]) => section.rows.find((r: any[]) => labels.every((l, i) => r[i] === l));

beforeAll(async () => {
  t = await startTestApp();
  pfm = await t.signIn('pooled_fund_manager');
  placeId = pfm.placeId;
  const o = await placeOverview(t.database.db, placeId);
  ids = { careTrust: o.partners.find((p) => p.kind === 'care_trust')!.id, council: o.partners.find((p) => p.kind === 'council')!.id };
  // The preset may seed the place's agreement; the statements use whichever there is.
  if (!(await agreementOf(t.database.db, placeId))) {
    await createAgreement(as('pooled_fund_manager'), {
      reference: 'TORBAY-S75-TEST',
      title: 'Torbay pooled fund agreement',
      signedOn: '2005-12-01',
      hostPartnerId: ids.careTrust,
      fundManagerPost: 'Director of Finance',
      functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'],
      clientGroups: ['older_people', 'physical_disability', 'learning_disability', 'mental_health'],
    });
  }
  await addScheduleVersion(as('pooled_fund_manager'), fy, {
    partners: [
      { partnerId: ids.careTrust, contributions: [{ stream: 'nhs_minimum', plannedPence: 70_000_000 }] },
      { partnerId: ids.council, contributions: [{ stream: 'council', plannedPence: 30_000_000 }] },
    ],
    budgets: [
      { budgetLineCode: HOME, budgetPence: 60_000_000 },
      { budgetLineCode: RES, budgetPence: 40_000_000 },
    ],
    riskShare: { overspend: { method: 'fixed', shares: [{ partnerId: ids.careTrust, basisPoints: 6000 }, { partnerId: ids.council, basisPoints: 4000 }] }, underspend: { method: 'pro_rata' } },
    boardDecisionRef: 'TB-2030-02',
  });
  const receipt = (partnerId: string, stream: 'nhs_minimum' | 'council', amountPence: number, receivedOn: string, reference: string) =>
    recordReceipt(as('finance_officer'), fy, { partnerId, stream, amountPence, receivedOn, reference });
  await receipt(ids.careTrust, 'nhs_minimum', 17_500_000, '2030-05-10', 'ST-REM-1');
  await receipt(ids.careTrust, 'nhs_minimum', 17_500_000, '2030-08-10', 'ST-REM-2');
  await receipt(ids.council, 'council', 7_500_000, '2030-07-20', 'ST-REM-3');
  await recordVariation(as('finance_officer'), fy, { partnerId: ids.council, stream: 'council', amountPence: 2_000_000, onDate: '2030-09-01', reason: 'Winter pressures', boardDecisionRef: 'TB-2030-07' });
  await ensureAccount(t.database.db, placeId, { code: HOME, name: 'Home care, older people', kind: 'budget_line', serviceArea: 'home_care', clientGroup: 'older_people' });
  await ensureAccount(t.database.db, placeId, { code: RES, name: 'Residential care, older people', kind: 'budget_line', serviceArea: 'residential_care', clientGroup: 'older_people' });
  await ensureAccount(t.database.db, placeId, { code: 'CREDITOR/PROVIDER/statements-test', name: 'A provider', kind: 'creditor' });
  await spend('q1-home', '2030-05-31', HOME, 4_000_000);
  await spend('q2-home', '2030-08-31', HOME, 5_000_000);
  await spend('q2-res', '2030-08-31', RES, 3_000_000);
  await spend('q2-res-2', '2030-09-30', RES, 2_500_000);
  await spend('q4-home', '2031-02-28', HOME, 60_000_000);
  await spend('q4-res', '2031-03-15', RES, 36_000_000);
});
afterAll(() => t.close());

describe('the quarterly statement', () => {
  it('shows income received in the quarter and to date against the planned quarters, and spend by line with its forecast and risk share', async () => {
    const res = await pfm.get(`/api/finance/statements/quarterly?fy=${fy}&quarter=2`);
    expect(res.status).toBe(200);
    const st = res.body;
    expect(st.title).toMatch(/quarterly statement, 2030-31 quarter 2/);
    expect(st.period).toMatchObject({ from: '2030-07-01', to: '2030-09-30' });
    const income = sectionOf(st, /^Income/);
    // Care trust: £700k a year, half due by the end of Q2; £175k came in Q2, £350k to date.
    expect(rowOf(income, 'Torbay Care Trust').slice(2)).toEqual([70_000_000, 35_000_000, 17_500_000, 35_000_000, 0]);
    // Council: £300k + £20k variation = £320k, £160k due by Q2, £75k received: £85k behind.
    const council = income.rows.find((r: any[]) => r[0] !== 'Torbay Care Trust');
    expect(council.slice(2)).toEqual([32_000_000, 16_000_000, 7_500_000, 7_500_000, -8_500_000]);
    expect(income.total.slice(2)).toEqual([102_000_000, 51_000_000, 25_000_000, 42_500_000, -8_500_000]);

    const commitment = new Map((await commitmentsByLine(t.database.db, placeId, '2030-10-01')).map((c) => [c.code, c.commitmentPence]));
    const spendRows = sectionOf(st, /^Expenditure/);
    const home = spendRows.rows.find((r: any[]) => /^Home care, older people, all zones/.test(r[0]));
    const homeForecast = 9_000_000 + (commitment.get(HOME) ?? 0);
    expect(home).toEqual([expect.any(String), 60_000_000, 5_000_000, 9_000_000, homeForecast, homeForecast - 60_000_000, expect.any(Number)]);
    const res2 = spendRows.rows.find((r: any[]) => /^Residential care, older people, all zones/.test(r[0]));
    expect(res2.slice(1, 4)).toEqual([40_000_000, 5_500_000, 5_500_000]);
    // The pool's forecast variance is every line's, packages on unbudgeted lines included.
    const totalCommitment = [...commitment.values()].reduce((a, b) => a + b, 0);
    const variance = 14_500_000 + totalCommitment - 100_000_000;
    expect(spendRows.total[5]).toBe(variance);
    const memo = sectionOf(st, /^Memorandum: risk share/);
    expect(memo.total[2]).toBe(variance);
    expect(memo.rows.reduce((a: number, r: any[]) => a + r[2], 0)).toBe(variance);
  });

  it('downloads as CSV named for the place, year and quarter, section headings as rows and negative pounds left as numbers', async () => {
    const res = await pfm.get(`/api/finance/statements/quarterly?fy=${fy}&quarter=2&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="torbay-pool-2030-31-Q2.csv"');
    const csv = String(res.body);
    expect(csv).toMatch(/\r\nIncome: contributions by partner and funding stream\r\nPartner,Funding stream,Planned for the year,/);
    expect(csv).toContain('Council contribution,320000.00,160000.00,75000.00,75000.00,-85000.00\r\n');
    expect(csv).toContain('Expenditure by budget line\r\n');
  });

  it('downloads as XLSX whose figures are numbers in pounds with a £ format', async () => {
    const res = await pfm.request('GET', `/api/finance/statements/quarterly?fy=${fy}&quarter=2&format=xlsx`);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="torbay-pool-2030-31-Q2.xlsx"');
    const raw = await t.app.inject({ method: 'GET', url: `/api/finance/statements/quarterly?fy=${fy}&quarter=2&format=xlsx`, headers: { cookie: pfm.cookie } });
    const files = unzip(raw.rawPayload);
    const sheet = [...files].find(([n]) => /^xl\/worksheets\/sheet\d*\.xml$/.test(n))![1];
    // £320,000 is the number 320000 in a cell styled with a £ number format.
    const cell = /<c [^>]*s="(\d+)"[^>]*>(?:<f>[^<]*<\/f>)?<v>320000<\/v><\/c>/.exec(sheet);
    expect(cell).not.toBeNull();
    const styles = files.get('xl/styles.xml')!;
    const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf\b([^>]*)>/g)].map((m) => /numFmtId="(\d+)"/.exec(m[1]!)?.[1]);
    const fmtId = xfs[Number(cell![1])];
    const fmt = new RegExp(`<numFmt numFmtId="${fmtId}" formatCode="([^"]*)"`).exec(styles);
    expect(fmt?.[1]).toContain('£');
  });
});

describe('the annual return', () => {
  it('states the year: contributions, spend by line, the outturn shared under the overspend rule, and the balances carried', async () => {
    const before = await accountBalances(t.database.db, placeId, { to: '2030-03-31', kinds: ['bank'] });
    const res = await t.signIn('board_member').then((c) => c.get(`/api/finance/statements/annual-return?fy=${fy}`));
    expect(res.status).toBe(200);
    const st = res.body;
    expect(st.title).toMatch(/annual return, 2030-31/);
    const ie = sectionOf(st, /^Income and expenditure/);
    expect(ie.rows.map((r: any[]) => r[1])).toEqual([102_000_000, 42_500_000, 110_500_000]);
    expect(ie.total[1]).toBe(-8_500_000);
    const lines = sectionOf(st, /^Expenditure by budget line/);
    expect(lines.rows.find((r: any[]) => /^Home care/.test(r[0])).slice(1, 5)).toEqual([60_000_000, 69_000_000, 9_000_000, 1500]);
    expect(lines.rows.find((r: any[]) => /^Residential care/.test(r[0])).slice(1, 5)).toEqual([40_000_000, 41_500_000, 1_500_000, 375]);
    // £105,000 over: 60% to the care trust, 40% to the council (the fixed overspend rule).
    const outturn = sectionOf(st, /^Outturn/);
    expect(outturn.rows.map((r: any[]) => r.slice(1))).toEqual([
      [70_000_000, 6_300_000, 76_300_000],
      [32_000_000, 4_200_000, 36_200_000],
    ]);
    expect(outturn.notes.join(' ')).toMatch(/£105,000.00 over budget.*fixed shares/);
    const bank = sectionOf(st, /^Balances carried/).rows.find((r: any[]) => r[1] === 'POOL/BANK');
    expect(bank[2]).toBe((before[0]?.balancePence ?? 0) + 42_500_000);
    const creditor = sectionOf(st, /^Balances carried/).rows.find((r: any[]) => r[1] === 'CREDITOR/PROVIDER/statements-test');
    expect(creditor[2]).toBe(-110_500_000);
  });
});

describe('the board monitoring report', () => {
  it('rates each service area and client group red, amber or green on its forecast, and lists the largest variances', async () => {
    const res = await (await t.signIn('board_member')).get(`/api/finance/statements/board-monitoring?fy=${fy}&month=2030-08`);
    expect(res.status).toBe(200);
    const st = res.body;
    expect(st.title).toMatch(/budget monitoring report to the board, August 2030/);
    const commitments = await commitmentsByLine(t.database.db, placeId, '2030-09-01');
    const committed = (prefix: string) => commitments.filter((c) => c.code.startsWith(prefix)).reduce((a, c) => a + c.commitmentPence, 0);
    const home = rowOf(sectionOf(st, /^By service area and client group/), 'Home care', 'Older people');
    const forecast = 9_000_000 + committed('BL/home_care/older_people/');
    expect(home.slice(2, 6)).toEqual([60_000_000, 9_000_000, forecast, forecast - 60_000_000]);
    expect(home[7]).toBe({ red: 'Red', amber: 'Amber', green: 'Green' }[ragOf(forecast - 60_000_000, 60_000_000)]);
    const resid = rowOf(sectionOf(st, /^By service area$/), 'Residential care');
    expect(resid.slice(1, 3)).toEqual([40_000_000, 3_000_000]);
    expect(sectionOf(st, /^Top variances/).rows.length).toBeGreaterThan(0);
    expect(sectionOf(st, /^Top variances/).rows.length).toBeLessThanOrEqual(5);
  });

  it('puts its RAG rule in words: red over 2%, amber up to 2% over, green on or under', () => {
    expect([ragOf(2_001, 100_000), ragOf(2_000, 100_000), ragOf(1, 100_000), ragOf(0, 100_000), ragOf(-5, 100_000), ragOf(1, 0)]).toEqual(['red', 'amber', 'amber', 'green', 'green', 'red']);
  });
});

describe('bad requests and access', () => {
  it('refuses a bad year, quarter, month or format with a 400 naming the field, and a year with no schedule with a 404 that says so', async () => {
    const cases: [string, RegExp][] = [
      [`quarterly?fy=2030-32&quarter=1`, /fy/],
      [`quarterly?fy=${fy}&quarter=5`, /quarter/],
      [`quarterly?fy=${fy}&quarter=1.5`, /quarter/],
      [`board-monitoring?fy=${fy}&month=2031-04`, /month/],
      [`board-monitoring?fy=${fy}&month=2030-13`, /month/],
      [`annual-return?fy=${fy}&format=pdf`, /format/],
    ];
    for (const [url, field] of cases) {
      const res = await pfm.get(`/api/finance/statements/${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(JSON.stringify(res.body.details)).toMatch(field);
    }
    const none = await pfm.get('/api/finance/statements/annual-return?fy=2040-41');
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/no schedule for 2040-41/);
  });

  it('is refused to a role outside the open book, and every read is audited', async () => {
    const refused = await (await t.signIn('social_worker')).get(`/api/finance/statements/quarterly?fy=${fy}&quarter=1`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Pooled fund manager/);
    const audit = await rowsOf<{ outcome: string; n: number }>(t.database.db, sql`select outcome, count(*)::int as n from audit_entry where place_id = ${placeId} and action = 'finance.statement_read' group by outcome order by outcome`);
    expect(audit.map((a) => a.outcome)).toEqual(['allowed', 'denied']);
  });

  it('is described in the OpenAPI document under finance', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const p of ['quarterly', 'annual-return', 'board-monitoring']) expect(docs.paths[`/api/finance/statements/${p}`].get.tags).toEqual(['finance']);
  });
});
