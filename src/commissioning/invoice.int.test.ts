import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { countRows, daysOf, endedLineOf, providerOfUser, recordDeliveries, weeklyHourLinesOf, type FixtureLine } from './invoice-test-support.js';
import { amountOf } from './matching-rules.js';

let t: TestApp;
let provider: Client;
let officer: Client;
let manager: Client;
let providerId: string;
let placeId: string;
let lines: FixtureLine[];
const from = '2026-10-19';
const to = '2026-10-25';
const unknownLine = '0190a3c5-0000-7000-8000-00000000beef';

const lineOf = (l: FixtureLine, o: { quantityHundredths?: number; ratePence?: number; periodFrom?: string; periodTo?: string } = {}) => {
  const q = o.quantityHundredths ?? l.quantityHundredths;
  const rate = o.ratePence ?? l.unitCostPence;
  return { serviceLine: l.id, periodFrom: o.periodFrom ?? from, periodTo: o.periodTo ?? to, unit: 'hour', quantity: q / 100, ratePence: rate, amountPence: amountOf(q, rate) };
};
let refNo = 0;
const submit = (lns: unknown[], reference = `INV-${++refNo}`) => provider.post('/api/portal/invoices', { reference, periodFrom: '2026-09-01', periodTo: '2026-10-31', lines: lns });
const csvOf = (...rows: string[]) => Buffer.from(['invoice_reference,service_line,period_from,period_to,unit,quantity,rate,amount', ...rows].join('\n') + '\n');
const pounds = (p: number) => (p / 100).toFixed(2);
const csvRow = (ref: string, l: FixtureLine, week = from, q = l.quantityHundredths) => {
  const end = daysOf(week, 7)[6];
  return `${ref},${l.id},${week},${end},hour,${q / 100},${pounds(l.unitCostPence)},${pounds(amountOf(q, l.unitCostPence))}`;
};

beforeAll(async () => {
  t = await startTestApp();
  provider = await t.signIn('provider_staff');
  officer = await t.signIn('finance_officer');
  manager = await t.signIn('pooled_fund_manager');
  placeId = provider.placeId;
  providerId = await providerOfUser(t.database.db, provider.user.id);
  lines = await weeklyHourLinesOf(t.database.db, placeId, providerId, '2026-09-01', '2026-10-31');
  expect(lines.length).toBeGreaterThanOrEqual(6);
  // Lines 0–2 delivered as planned in the week; line 3 delivered twice what is planned; lines 4, 5 nothing recorded.
  for (const l of lines.slice(0, 3)) await recordDeliveries(t.database.db, placeId, providerId, l.id, [from], l.quantityHundredths);
  await recordDeliveries(t.database.db, placeId, providerId, lines[3]!.id, [from, '2026-10-20'], lines[3]!.quantityHundredths);
});
afterAll(() => t.close());

describe('a provider submitting an invoice in the portal', () => {
  it('matches a line invoiced as planned and delivered at the contract rate, and charges its budget line', async () => {
    const res = await submit([lineOf(lines[0]!)], 'INV-MATCH');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reference: 'INV-MATCH', providerPartnerId: providerId, source: 'portal', counts: { matched: 1, held: 0 } });
    const [line] = res.body.invoiceLines;
    expect(line).toMatchObject({ status: 'matched', holdReason: null, serviceLineId: lines[0]!.id, planned: lines[0]!.quantityHundredths / 100, delivered: lines[0]!.quantityHundredths / 100 });
    expect(line.budgetLineCode).toMatch(/^BL\//);
  });

  it('holds lines with the reason: unknown, ended, rate mismatch, over-delivery, not delivered, duplicate', async () => {
    const ended = await endedLineOf(t.database.db, placeId, providerId, '2026-09-01');
    expect(ended).toBeDefined();
    const res = await submit([
      { ...lineOf(lines[1]!), serviceLine: unknownLine },
      { ...lineOf(lines[1]!), serviceLine: 'HC-NOT-OURS' },
      { serviceLine: ended!.id, periodFrom: '2026-10-05', periodTo: '2026-10-11', unit: ended!.unit, quantity: 1, ratePence: ended!.unitCostPence, amountPence: ended!.unitCostPence },
      lineOf(lines[1]!, { ratePence: lines[1]!.unitCostPence + 50 }),
      lineOf(lines[3]!, { quantityHundredths: lines[3]!.quantityHundredths * 2 }),
      lineOf(lines[4]!),
      lineOf(lines[0]!, { periodFrom: '2026-10-22', periodTo: '2026-10-28' }),
    ]);
    expect(res.status).toBe(201);
    expect(res.body.invoiceLines.map((l: { holdReason: string }) => l.holdReason)).toEqual(['no_such_package', 'no_such_package', 'ended_package', 'rate_mismatch', 'over_delivery', 'not_delivered', 'duplicate']);
    expect(res.body.invoiceLines.every((l: { status: string; holdDetail: string }) => l.status === 'held' && l.holdDetail.length > 10)).toBe(true);
    expect(res.body.invoiceLines[6].holdDetail).toMatch(/INV-MATCH line 1/);
  });

  it('refuses an invoice number sent before (409), negative hours and a wrong amount (400), writing nothing', async () => {
    const before = await countRows(t.database.db, 'invoice_line', placeId);
    const again = await submit([lineOf(lines[2]!)], 'INV-MATCH');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/Duplicate invoice/);
    const negative = await submit([{ ...lineOf(lines[2]!), quantity: -3 }]);
    expect(negative.status).toBe(400);
    expect(negative.body.details).toContainEqual({ field: 'lines.0.quantity', problem: expect.stringMatching(/more than 0/) });
    const wrong = await submit([{ ...lineOf(lines[2]!), amountPence: 1 }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('lines.0.amountPence');
    expect(await countRows(t.database.db, 'invoice_line', placeId)).toBe(before);
  });

  it('lists only the provider’s own invoices, and keeps finance’s queue out of the portal', async () => {
    const own = await provider.get('/api/portal/invoices');
    expect(own.status).toBe(200);
    expect(own.body.invoices.every((i: { providerPartnerId: string }) => i.providerPartnerId === providerId)).toBe(true);
    expect((await provider.get('/api/commissioning/invoices')).status).toBe(403);
    expect((await provider.get(`/api/portal/invoices/${unknownLine}`)).status).toBe(404);
  });
});

describe('importing an invoice CSV', () => {
  const send = (who: Client, body: Buffer, url = `/api/commissioning/invoices/imports?providerPartnerId=${providerId}`) => who.post(url, body, { 'content-type': 'text/csv' });

  it('takes nothing from a file with a bad row, and names each bad line and why', async () => {
    const before = [await countRows(t.database.db, 'invoice', placeId), await countRows(t.database.db, 'invoice_line', placeId)];
    const l = lines[5]!;
    const res = await send(
      officer,
      csvOf(
        csvRow('CSV-BAD', l, '2026-09-07'),
        `CSV-BAD,${l.id},2026-09-14,2026-09-20,hour,-2,${pounds(l.unitCostPence)},0.00`,
        `CSV-BAD,${l.id},2026-31-01,2026-09-27,hour,1,${pounds(l.unitCostPence)},${pounds(l.unitCostPence)}`,
        `CSV-BAD,${l.id},2026-09-28,2026-10-04,fortnight,1,${pounds(l.unitCostPence)},${pounds(l.unitCostPence)}`,
        `CSV-BAD,${l.id},2026-09-28,2026-10-04,hour,2,${pounds(l.unitCostPence)},1.00`,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.rejected).toEqual([
      { line: 3, field: 'quantity', problem: expect.stringMatching(/negative/) },
      { line: 4, field: 'period_from', problem: expect.stringMatching(/not a date/) },
      { line: 5, field: 'unit', problem: expect.stringMatching(/not a unit/) },
      { line: 6, field: 'amount', problem: expect.stringMatching(/quantity × rate/) },
    ]);
    expect([await countRows(t.database.db, 'invoice', placeId), await countRows(t.database.db, 'invoice_line', placeId)]).toEqual(before);
  });

  it('takes a good file once: the same file sent again posts nothing', async () => {
    const l = lines[5]!;
    const file = csvOf(csvRow('CSV-1', l, '2026-09-07', 40), csvRow('CSV-1', l, '2026-09-14', 40), csvRow('CSV-2', l, '2026-09-21', 40), csvRow('CSV-2', l, '2026-09-21', 40));
    const first = await send(officer, file);
    expect(first.status).toBe(201);
    expect(first.body.invoices.map((i: { reference: string; lines: number }) => [i.reference, i.lines])).toEqual([
      ['CSV-1', 2],
      ['CSV-2', 2],
    ]);
    // Under half an hour with nothing recorded is within tolerance; the repeated week is a duplicate.
    expect(first.body.invoices[0].counts).toMatchObject({ matched: 2 });
    expect(first.body.invoices[1].counts).toMatchObject({ matched: 1, held: 1 });
    const count = await countRows(t.database.db, 'invoice_line', placeId);
    const again = await send(provider, file, '/api/portal/invoices/imports');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyImported: true, linesRead: 4 });
    expect(await countRows(t.database.db, 'invoice_line', placeId)).toBe(count);
  });

  it('refuses a header that is not the invoice columns, and an import by a role that does not pay', async () => {
    const res = await send(officer, Buffer.from('date,amount\n2026-01-01,3\n'));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/header row must be exactly/);
    const commissioner = await t.signIn('commissioner');
    expect((await send(commissioner, csvOf(csvRow('X', lines[5]!)))).status).toBe(403);
  });
});

describe('finance working the invoice queue', () => {
  it('finds held lines by reason and reads planned, delivered and invoiced without a person’s name', async () => {
    const res = await officer.get('/api/commissioning/invoices?status=held&reason=rate_mismatch');
    expect(res.status).toBe(200);
    expect(res.body.invoices.length).toBe(1);
    const detail = await officer.get(`/api/commissioning/invoices/${res.body.invoices[0].id}`);
    expect(detail.status).toBe(200);
    const line = detail.body.invoiceLines.find((l: { holdReason: string }) => l.holdReason === 'rate_mismatch');
    expect(line).toMatchObject({ planned: expect.any(Number), delivered: expect.any(Number), quantity: expect.any(Number), contractRatePence: lines[1]!.unitCostPence });
    expect(JSON.stringify(detail.body)).not.toMatch(/"(name|nhsNumber|personId)"/);
  });

  it('approves a matched line, refuses a held one until released with a reason, and a stale version', async () => {
    const inv = await submit([lineOf(lines[2]!), lineOf(lines[4]!, { periodFrom: '2026-10-12', periodTo: '2026-10-18' })]);
    const [matched, held] = inv.body.invoiceLines;
    expect([matched.status, held.status]).toEqual(['matched', 'held']);
    const ok = await officer.post(`/api/commissioning/invoice-lines/${matched.id}/approve`, { version: matched.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', version: 2 });
    const refused = await officer.post(`/api/commissioning/invoice-lines/${held.id}/approve`, { version: held.version });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/Release the hold first/);
    expect((await officer.post(`/api/commissioning/invoice-lines/${held.id}/release`, { version: held.version, reason: '' })).status).toBe(400);
    const released = await officer.post(`/api/commissioning/invoice-lines/${held.id}/release`, { version: held.version, reason: 'Visits confirmed by phone with the care co-ordinator' });
    expect(released.body).toMatchObject({ status: 'matched', holdReason: null, history: [{ action: 'release', holdReason: 'not_delivered', fromStatus: 'held', toStatus: 'matched' }] });
    expect((await officer.post(`/api/commissioning/invoice-lines/${held.id}/approve`, { version: held.version })).status).toBe(409);
    expect((await officer.post(`/api/commissioning/invoice-lines/${held.id}/approve`, { version: released.body.version })).body.status).toBe('approved');
  });

  it('keeps a finance officer within the place’s limit a line, naming who may approve above it', async () => {
    expect((await officer.put('/api/commissioning/invoice-rules', { lineLimits: [{ role: 'finance_officer', lineLimitPence: 100 }] })).status).toBe(403);
    const set = await manager.put('/api/commissioning/invoice-rules', { lineLimits: [{ role: 'finance_officer', lineLimitPence: 100 }] });
    expect(set.status).toBe(200);
    expect(set.body.lineLimits).toContainEqual({ role: 'finance_officer', lineLimitPence: 100 });
    await recordDeliveries(t.database.db, placeId, providerId, lines[1]!.id, ['2026-10-12'], lines[1]!.quantityHundredths);
    const inv = await submit([lineOf(lines[1]!, { periodFrom: '2026-10-12', periodTo: '2026-10-18' })]);
    const line = inv.body.invoiceLines[0];
    expect(line.status).toBe('matched');
    const refused = await officer.post(`/api/commissioning/invoice-lines/${line.id}/approve`, { version: line.version });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/above your approval limit of £1\.00 a line: a Pooled fund manager may approve it/);
    expect((await manager.post(`/api/commissioning/invoice-lines/${line.id}/approve`, { version: line.version })).body.status).toBe('approved');
  });

  it('lets a provider correct a disputed line: the corrected line is not a duplicate of it', async () => {
    const inv = await submit([lineOf(lines[3]!, { periodFrom: '2026-10-05', periodTo: '2026-10-11', quantityHundredths: 40 })]);
    const line = inv.body.invoiceLines[0];
    const disputed = await officer.post(`/api/commissioning/invoice-lines/${line.id}/dispute`, { version: line.version, note: 'Send the week as delivered' });
    expect(disputed.body).toMatchObject({ status: 'disputed', disputeNote: 'Send the week as delivered' });
    const corrected = await submit([lineOf(lines[3]!, { periodFrom: '2026-10-05', periodTo: '2026-10-11', quantityHundredths: 30 })]);
    expect(corrected.body.invoiceLines[0].holdReason).not.toBe('duplicate');
  });
});
