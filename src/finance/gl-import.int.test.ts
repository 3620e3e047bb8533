import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';
import { heldLineCountsByMonth } from './gl-held.js';
import { accountBalances, entriesOf } from './ledger.js';

let t: TestApp;
let officer: Client;
let placeId: string;
let council: string;
let careTrust: string;

const header = 'transaction_date,cost_centre,subjective,description,amount,reference';
const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\r\n') + '\r\n', 'utf8');
const send = (who: Client, body: Buffer, partnerId = council, fileName = 'ledger.csv') =>
  who.post(`/api/finance/gl/imports?partnerId=${partnerId}&fileName=${encodeURIComponent(fileName)}`, body, { 'content-type': 'text/csv' });
const balanceOf = async (code: string) => (await accountBalances(t.database.db, placeId, { codePrefix: code })).find((b) => b.code === code)?.balancePence ?? 0;
const homeCare = 'BL/home_care/older_people/ALL';
const creditor = () => `CREDITOR/PARTNER/${council}`;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.signIn('finance_officer');
  placeId = officer.placeId;
  const o = await placeOverview(t.database.db, placeId);
  council = o.partners.find((p) => p.kind === 'council')!.id;
  careTrust = o.partners.find((p) => p.kind === 'care_trust')!.id;
  const added = await officer.post('/api/finance/gl/mappings', { partnerId: council, costCentre: 'C100', subjective: '5110', budgetLineCode: homeCare, validFrom: '2026-04-01' });
  expect(added.status).toBe(201);
});
afterAll(() => t.close());

describe('importing a partner’s general-ledger CSV', () => {
  it('posts a good file line by line, balanced, each entry traced to its import and line', async () => {
    const before = await balanceOf(homeCare);
    const res = await send(officer, csv('2026-10-05,C100,5110,Home care October week 1,1234.56,INV-1001', '2026-10-12,C100,5110,Credit note,-12.00,CN-77', '2026-10-19,C100,5110,"Home care, week 3",7,INV-1002'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'posted', rowsRead: 3, rowsPosted: 3, rowsHeld: 0, rowsRejected: 0, rowsAlreadyReceived: 0, rejected: [], held: [], alreadyImported: false });
    expect(await balanceOf(homeCare)).toBe(before + 123456 - 1200 + 700);
    expect(await balanceOf(creditor())).toBe(-(123456 - 1200 + 700));
    const all = await accountBalances(t.database.db, placeId, {});
    expect(all.reduce((s, b) => s + b.balancePence, 0)).toBe(0);
    const entries = await entriesOf(t.database.db, placeId, { accountCode: creditor(), limit: 10 });
    expect(entries.map((e) => e.trace.glLineRef).sort()).toEqual([`${res.body.id}:2`, `${res.body.id}:3`, `${res.body.id}:4`]);
    expect(entries.every((e) => e.sourceKind === 'gl_import')).toBe(true);
    const list = await (await t.signIn('board_member')).get('/api/finance/gl/imports');
    expect(list.status).toBe(200);
    expect(list.body.imports[0]).toMatchObject({ id: res.body.id, fileName: 'ledger.csv', partnerName: expect.any(String), rowsPosted: 3 });
  });

  it('posts nothing for a file sent again, and only the new lines of a file that overlaps an earlier one', async () => {
    const file = csv('2026-10-20,C100,5110,Week 4,100.00,INV-2001', '2026-10-20,C100,5110,Week 4,100.00,INV-2001');
    const first = await send(officer, file, council, 'oct.csv');
    expect(first.body).toMatchObject({ status: 'posted', rowsPosted: 2 });
    const after = await balanceOf(homeCare);
    const again = await send(officer, file, council, 'oct-again.csv');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, alreadyImported: true, rowsPosted: 2, fileName: 'oct.csv' });
    const overlap = await send(officer, csv('2026-10-20,C100,5110,Week 4,100.00,INV-2001', '2026-10-20,C100,5110,Week 4,100.00,INV-2001', '2026-10-27,C100,5110,Week 5,50.00,INV-2002'), council, 'oct-and-more.csv');
    expect(overlap.body).toMatchObject({ status: 'posted', rowsRead: 3, rowsPosted: 1, rowsAlreadyReceived: 2 });
    expect(await balanceOf(homeCare)).toBe(after + 5000);
  });

  it('refuses a file with wrong columns, naming what it expects and what it found', async () => {
    const res = await send(officer, Buffer.from('date,cost_centre,subjective,description,amount\n2026-10-05,C100,5110,x,1.00\n'));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('transaction_date,cost_centre,subjective,description,amount,reference');
    expect(res.body.message).toContain('found: date,cost_centre,subjective,description,amount');
    expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'columns.transaction_date', problem: 'is missing' }, { field: 'columns.date', problem: 'is not a column of a GL file' }]));
    const json = await officer.post(`/api/finance/gl/imports?partnerId=${council}&fileName=x.csv`, { rows: [] });
    expect(json.status).toBe(400);
    expect(json.body.message).toMatch(/text\/csv/);
  });

  it('refuses a Latin-1 file, saying to save it as UTF-8, and accepts a UTF-8 file with a byte order mark', async () => {
    const latin1 = Buffer.from(`${header}\n2026-10-06,C100,5110,Caf\u00e9 meals,10.00,INV-3001\n`, 'latin1');
    const res = await send(officer, latin1);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not UTF-8.*CSV UTF-8/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\n2026-10-06,C100,5110,Caf\u00e9 meals,10.00,INV-3001\n`, 'utf8')]);
    const ok = await send(officer, bom);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'posted', rowsPosted: 1 });
  });

  it('rejects amounts with more than two decimals, or not amounts at all, by line, and posts nothing of the file', async () => {
    const before = await balanceOf(homeCare);
    const res = await send(officer, csv('2026-10-07,C100,5110,Fine,10.00,INV-4001', '2026-10-07,C100,5110,Float,12.345,INV-4002', '2026-10-07,C100,5110,Pounds sign,£5.00,INV-4003', '2026-13-07,C100,5110,Bad date,5.00,INV-4004'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'rejected', rowsRead: 4, rowsPosted: 0, rowsRejected: 3 });
    expect(res.body.rejected).toEqual([
      { line: 3, field: 'amount', problem: '"12.345" has more than 2 decimal places; give pounds and pence, e.g. 12.35' },
      { line: 4, field: 'amount', problem: expect.stringMatching(/no £ sign/) },
      { line: 5, field: 'transaction_date', problem: expect.stringMatching(/not a date/) },
    ]);
    expect(await balanceOf(homeCare)).toBe(before);
    const detail = await officer.get(`/api/finance/gl/imports/${res.body.id}`);
    expect(detail.body.rejected).toHaveLength(3);
  });

  it('rejects lines dated in a closed month or after today with their line numbers, and posts none of the file', async () => {
    await t.database.db.execute(sql`insert into ledger_closed_month (place_id, month) values (${placeId}, '2026-09')`);
    const before = await balanceOf(homeCare);
    const res = await send(officer, csv('2026-10-08,C100,5110,Open month,10.00,INV-5001', '2026-09-30,C100,5110,Closed month,20.00,INV-5002', '2026-11-03,C100,5110,Tomorrow,30.00,INV-5003'));
    expect(res.body).toMatchObject({ status: 'rejected', rowsPosted: 0, rowsRejected: 2 });
    expect(res.body.rejected).toEqual([
      { line: 3, field: 'transaction_date', problem: 'falls in 2026-09, a closed month; post it in an open month' },
      { line: 4, field: 'transaction_date', problem: '2026-11-03 is after today (2026-11-02)' },
    ]);
    expect(await balanceOf(homeCare)).toBe(before);
  });

  it('holds unmapped lines with a reason while the mapped ones post, and releases them once a mapping is added', async () => {
    const res = await send(officer, csv('2026-10-09,C100,5110,Mapped,40.00,INV-6001', '2026-10-09,C200,5120,Day centre,25.50,INV-6002'), council, 'mixed.csv');
    expect(res.body).toMatchObject({ status: 'held', rowsPosted: 1, rowsHeld: 1 });
    expect(res.body.held[0]).toMatchObject({ lineNo: 3, costCentre: 'C200', subjective: '5120', amountPence: 2550, reason: 'no mapping for cost centre C200 subjective 5120 on 2026-10-09', releasedJournalId: null });
    expect(await heldLineCountsByMonth(t.database.db, placeId, '2026-27')).toEqual([{ month: '2026-10', lines: 1, pence: 2550 }]);
    const held = await officer.get('/api/finance/gl/held');
    expect(held.body.lines.map((l: { reference: string }) => l.reference)).toEqual(['INV-6002']);

    const early = await officer.post('/api/finance/gl/held/release', {});
    expect(early.body).toMatchObject({ released: [], stillHeld: [{ reference: 'INV-6002', why: expect.stringMatching(/no mapping/) }] });

    const day = 'BL/day_support/older_people/ALL';
    const m = await officer.post('/api/finance/gl/mappings', { partnerId: council, costCentre: 'C200', subjective: '5120', budgetLineCode: day, validFrom: '2026-04-01' });
    expect(m.status).toBe(201);
    const released = await officer.post('/api/finance/gl/held/release', {});
    expect(released.status).toBe(200);
    expect(released.body.released).toHaveLength(1);
    expect(await balanceOf(day)).toBe(2550);
    const [entry] = await entriesOf(t.database.db, placeId, { accountCode: day, limit: 10 });
    expect(entry!.trace.glLineRef).toBe(`${res.body.id}:3`);
    expect(await heldLineCountsByMonth(t.database.db, placeId, '2026-27')).toEqual([]);
    const detail = await officer.get(`/api/finance/gl/imports/${res.body.id}`);
    expect(detail.body.held[0].releasedJournalId).toBe(released.body.released[0].releasedJournalId);
    expect((await officer.get('/api/finance/gl/held')).body.lines).toEqual([]);
    const done = await officer.get('/api/finance/gl/held?status=released');
    expect(done.body.lines.map((l: { reference: string }) => l.reference)).toEqual(['INV-6002']);
    const twice = await officer.post('/api/finance/gl/held/release', {});
    expect(twice.body).toEqual({ released: [], stillHeld: [] });
    expect(await balanceOf(day)).toBe(2550);

    // A line held once and sent again: still unmapped, it is not held twice; mapped, the new file posts it and the hold is released.
    const respite = csv('2026-10-10,C300,5130,Respite,60.00,INV-7001');
    const held1 = await send(officer, respite, council, 'respite.csv');
    expect(held1.body).toMatchObject({ status: 'held', rowsHeld: 1 });
    const held2 = await send(officer, csv('2026-10-10,C300,5130,Respite,60.00,INV-7001', '2026-10-11,C100,5110,More,1.00,INV-7002'), council, 'respite-and-more.csv');
    expect(held2.body).toMatchObject({ status: 'posted', rowsPosted: 1, rowsHeld: 0, rowsAlreadyReceived: 1 });
    await officer.post('/api/finance/gl/mappings', { partnerId: council, costCentre: 'C300', subjective: '5130', budgetLineCode: 'BL/carer_support/carers/ALL', validFrom: '2026-04-01' });
    const held3 = await send(officer, csv('2026-10-10,C300,5130,Respite,60.00,INV-7001', '2026-10-12,C100,5110,Yet more,2.00,INV-7003'), council, 'respite-again.csv');
    expect(held3.body).toMatchObject({ status: 'posted', rowsPosted: 2, rowsAlreadyReceived: 0 });
    expect(await balanceOf('BL/carer_support/carers/ALL')).toBe(6000);
    expect((await officer.get('/api/finance/gl/held')).body.lines).toEqual([]);
    expect((await officer.post('/api/finance/gl/held/release', {})).body.released).toEqual([]);
    expect(await balanceOf('BL/carer_support/carers/ALL')).toBe(6000);
  });
});

describe('GL mappings', () => {
  it('refuses overlapping periods, bad budget lines and other places’ partners; ends a mapping once', async () => {
    const overlap = await officer.post('/api/finance/gl/mappings', { partnerId: council, costCentre: 'C100', subjective: '5110', budgetLineCode: homeCare, validFrom: '2026-06-01' });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toMatch(/already mapped to BL\/home_care\/older_people\/ALL from 2026-04-01/);
    const bad = await officer.post('/api/finance/gl/mappings', { partnerId: careTrust, costCentre: 'N1', subjective: 'S1', budgetLineCode: 'BL/home_care/martians/Z9', validFrom: '2026-04-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['budgetLineCode', 'budgetLineCode']);
    const notCode = await officer.post('/api/finance/gl/mappings', { partnerId: careTrust, costCentre: 'N1', subjective: 'S1', budgetLineCode: 'home care', validFrom: '2026-04-01' });
    expect(notCode.body.message).toMatch(/BL\/<service area>/);
    const stranger = await officer.post('/api/finance/gl/mappings', { partnerId: '00000000-0000-7000-8000-000000000000', costCentre: 'N1', subjective: 'S1', budgetLineCode: homeCare, validFrom: '2026-04-01' });
    expect(stranger.status).toBe(400);

    const made = await officer.post('/api/finance/gl/mappings', { partnerId: careTrust, costCentre: 'N1', subjective: 'S1', budgetLineCode: homeCare, validFrom: '2026-04-01' });
    const ended = await officer.post(`/api/finance/gl/mappings/${made.body.id}/end`, { validTo: '2026-09-30' });
    expect(ended.body).toMatchObject({ validTo: '2026-09-30', endedAt: expect.any(String) });
    expect((await officer.post(`/api/finance/gl/mappings/${made.body.id}/end`, { validTo: '2026-10-31' })).status).toBe(409);
    const later = await officer.post('/api/finance/gl/mappings', { partnerId: careTrust, costCentre: 'N1', subjective: 'S1', budgetLineCode: 'BL/reablement/older_people/ALL', validFrom: '2026-10-01' });
    expect(later.status).toBe(201);
    const list = await officer.get(`/api/finance/gl/mappings?partnerId=${careTrust}`);
    expect(list.body.mappings.map((x: { budgetLineCode: string; validTo: string | null }) => [x.budgetLineCode, x.validTo])).toEqual([
      [homeCare, '2026-09-30'],
      ['BL/reablement/older_people/ALL', null],
    ]);
  });

  it('lets only finance officers and the pooled fund manager import or map, auditing the refusal, and the database keeps imports as received', async () => {
    const commissioner = await t.signIn('commissioner');
    expect((await commissioner.get('/api/finance/gl/mappings')).status).toBe(200);
    const refused = await send(commissioner, csv('2026-10-05,C100,5110,x,1.00,INV-9'));
    expect(refused.status).toBe(403);
    expect((await commissioner.post('/api/finance/gl/held/release', {})).status).toBe(403);
    const denied = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_entry where place_id = ${placeId} and action = 'finance.gl.import' and outcome = 'denied'`);
    expect(denied[0]!.n).toBe(1);
    await expect(t.database.db.execute(sql`update gl_import set rows_posted = 0 where place_id = ${placeId}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from gl_held_line where place_id = ${placeId}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update gl_mapping set budget_line_code = 'BL/x/y/ALL' where place_id = ${placeId}`)).rejects.toThrow();
  });
});
