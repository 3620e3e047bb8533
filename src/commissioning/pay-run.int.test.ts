import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { accountBalances, entriesOf } from '../finance/ledger.js';
import { placeOverview } from '../partnership/service.js';
import { personOnTeamCaseload } from '../pathway/assessments/int-support.js';
import { rowsOf, sql } from '../platform/db.js';
import { insertApprovedInvoice, invoiceLineStatuses, linesOfAProvider, setBankDetails } from './pay-run-test-support.js';

let t: TestApp;
let officer: Client;
let manager: Client;
let placeId: string;
let payer: string;
let provider: string;
let serviceLines: { lineId: string; personId: string }[];
const homeCare = 'BL/home_care/older_people/ALL';
const balanceOf = async (code: string) => (await accountBalances(t.database.db, placeId, { codePrefix: code })).find((b) => b.code === code)?.balancePence ?? 0;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.signIn('finance_officer');
  manager = await t.signIn('pooled_fund_manager');
  placeId = officer.placeId;
  const o = await placeOverview(t.database.db, placeId);
  payer = o.partners.find((p) => p.kind === 'council')!.id;
  const [row] = await rowsOf<{ provider_partner_id: string }>(t.database.db, sql`select provider_partner_id from app_user where place_id = ${placeId} and role = 'provider_staff'`);
  const found = await linesOfAProvider(t.database.db, placeId, row!.provider_partner_id);
  provider = found.providerPartnerId;
  serviceLines = found.lines.slice(0, 3);
  expect(serviceLines.length).toBeGreaterThan(1);
  await setBankDetails(t.database.db, placeId, provider, { name: 'Bayside Care Client Account', sortCode: '401276', accountNumber: '41234567' });
});
afterAll(() => t.close());

describe('a pay run from draft to the pooled ledger', () => {
  let runId: string;
  let lineIds: string[];

  it('drafts every approved, unpaid line ending by the day, by provider and budget line', async () => {
    ({ lineIds } = await insertApprovedInvoice(t.database.db, placeId, provider, 'INV-PR-1', [
      { serviceLineId: serviceLines[0]!.lineId, amountPence: 16_360, periodFrom: '2026-10-05', periodTo: '2026-10-11' },
      { serviceLineId: serviceLines[1]!.lineId, amountPence: 8_180, periodFrom: '2026-10-05', periodTo: '2026-10-11' },
      // After the run's day: left for the next run.
      { serviceLineId: serviceLines[0]!.lineId, amountPence: 5_000, periodFrom: '2026-10-26', periodTo: '2026-11-01' },
    ]));
    const res = await officer.post('/api/commissioning/pay-runs', { cadence: 'weekly', periodTo: '2026-10-25', payingPartnerId: payer });
    expect(res.status).toBe(201);
    runId = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', lines: 2, totalPence: 24_540, periodFrom: '2026-10-19', mayApprove: false });
    expect(res.body.approveRefusal).toMatch(/someone else must approve/);
    expect(res.body.payees).toEqual([expect.objectContaining({ providerPartnerId: provider, lines: 2, totalPence: 24_540 })]);
    expect(res.body.budgetLines).toEqual([expect.objectContaining({ code: homeCare, totalPence: 24_540 })]);
    const lines = await officer.get(`/api/commissioning/pay-runs/${runId}/lines?payee=${provider}`);
    expect(lines.body.lines.map((l: any) => l.invoiceReference)).toEqual(['INV-PR-1', 'INV-PR-1']);
  });

  it('refuses the preparer’s approval, and bad input, with messages a person can act on', async () => {
    const own = await officer.post(`/api/commissioning/pay-runs/${runId}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/You prepared this pay run/);
    const bad = await officer.post('/api/commissioning/pay-runs', { cadence: 'daily', periodTo: '2026-13-01', payingPartnerId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['cadence', 'payingPartnerId', 'periodTo']);
    const nothing = await officer.post('/api/commissioning/pay-runs', { cadence: 'weekly', periodTo: '2026-10-25', payingPartnerId: payer });
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toMatch(/nothing to pay/);
    const commissioner = await (await t.signIn('commissioner')).post(`/api/commissioning/pay-runs/${runId}/approve`, {});
    expect(commissioner.status).toBe(403);
  });

  it('is approved by another, exported with the bank details in full, and posted as actual spend in one journal', async () => {
    const approved = await manager.post(`/api/commissioning/pay-runs/${runId}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const file = await officer.post(`/api/commissioning/pay-runs/${runId}/export`, {});
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toMatch(/text\/csv/);
    const [header, row] = String(file.body).split('\r\n');
    expect(header).toBe('payee,payee_type,bank_account_name,sort_code,account_number,amount,remittance_reference,cost_code');
    expect(row).toContain('401276,41234567,245.40,RA-');
    expect(row).toContain(homeCare);
    const before = await balanceOf(homeCare);
    const posted = await manager.post(`/api/commissioning/pay-runs/${runId}/post`, {});
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ status: 'posted', postedOn: '2026-11-02' });
    expect(await balanceOf(homeCare)).toBe(before + 24_540);
    expect(await balanceOf(`CREDITOR/PROVIDER/${provider}`)).toBe(0);
    expect(await balanceOf(`CREDITOR/PARTNER/${payer}`)).toBeLessThanOrEqual(-24_540);
    expect(await invoiceLineStatuses(t.database.db, placeId, lineIds)).toEqual(['paid', 'paid', 'approved']);
    const entries = await entriesOf(t.database.db, placeId, { accountCode: homeCare, limit: 5000 });
    const ours = entries.filter((e) => e.journalId === posted.body.journalId);
    expect(ours.map((e) => e.trace.invoiceLineRef).sort()).toEqual(lineIds.slice(0, 2).sort());
    expect(ours.every((e) => e.sourceKind === 'pay_run' && e.trace.serviceLineId && e.trace.personId)).toBe(true);
    const again = await manager.post(`/api/commissioning/pay-runs/${runId}/post`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/cannot be paid twice/);
  });

  it('never pays a paid line again: a second run leaves it out and the database refuses it', async () => {
    const next = await officer.post('/api/commissioning/pay-runs', { cadence: 'weekly', periodTo: '2026-11-01', payingPartnerId: payer });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ lines: 1, totalPence: 5_000 });
    await expect(
      t.database.db.execute(sql`insert into pay_run_line (place_id, id, pay_run_id, invoice_line_id, budget_line_code, amount_pence) values (${placeId}, gen_random_uuid(), ${next.body.id}, ${lineIds[0]}, ${homeCare}, 1)`),
    ).rejects.toThrow();
    const cancelled = await officer.post(`/api/commissioning/pay-runs/${next.body.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lines: 0 });
    const redrafted = await officer.post('/api/commissioning/pay-runs', { cadence: 'weekly', periodTo: '2026-11-01', payingPartnerId: payer });
    expect(redrafted.body).toMatchObject({ lines: 1, totalPence: 5_000 });
  });

  it('gives each provider a remittance (page, CSV, PDF) with invoice references, never NHS numbers, and the bank masked', async () => {
    const page = await officer.get(`/api/commissioning/pay-runs/${runId}/remittances/${provider}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ totalPence: 24_540, provider: { bankAccountMasked: '****4567' }, paidOn: '2026-11-02' });
    expect(page.body.lines.map((l: any) => [l.invoiceReference, l.lineNo, l.packageReference])).toEqual([
      ['INV-PR-1', 1, serviceLines[0]!.lineId],
      ['INV-PR-1', 2, serviceLines[1]!.lineId],
    ]);
    expect(JSON.stringify(page.body)).not.toContain('41234567');
    const csv = await officer.get(`/api/commissioning/pay-runs/${runId}/remittances/${provider}/csv`);
    expect(String(csv.body)).toContain('INV-PR-1,1,');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/commissioning/pay-runs/${runId}/remittances/${provider}/pdf`, headers: { cookie: officer.cookie } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('INV-PR-1');
    const portal = await t.signIn('provider_staff');
    const mine = await portal.get('/api/portal/remittances');
    expect(mine.status).toBe(200);
    expect(mine.body.remittances).toEqual([expect.objectContaining({ payRunId: runId, totalPence: 24_540 })]);
    const one = await portal.get(`/api/portal/remittances/${runId}`);
    expect(one.body.provider.bankAccountMasked).toBe('****4567');
    expect((await portal.get(`/api/commissioning/pay-runs/${runId}`)).status).toBe(403);
  });
});

describe('direct payments', () => {
  it('are set up through the access policy, paid by a run and their returns reduce actual spend', async () => {
    const sw = await t.signIn('social_worker');
    const person = await personOnTeamCaseload(t, sw);
    const bad = await officer.post('/api/commissioning/direct-payments', { personId: person.id, fourWeeklyPence: 56_000, startsOn: '2026-11-02', budgetLineCode: 'BL/direct_payments/older_people/ALL' });
    expect(bad.status).toBe(403);
    const made = await sw.post('/api/commissioning/direct-payments', { personId: person.id, fourWeeklyPence: 56_000, startsOn: '2026-10-05', budgetLineCode: 'BL/direct_payments/older_people/ALL' });
    expect(made.status).toBe(201);
    const periods = await officer.post('/api/commissioning/direct-payments/periods', { upTo: '2026-11-02' });
    expect(periods.body.periodsMade).toBe(2);
    expect((await officer.post('/api/commissioning/direct-payments/periods', { upTo: '2026-11-02' })).body.periodsMade).toBe(0);
    const run = await officer.post('/api/commissioning/pay-runs', { cadence: 'four_weekly', periodTo: '2026-11-02', payingPartnerId: payer });
    const dp = run.body.payees.find((p: any) => p.providerPartnerId === null);
    expect(dp).toMatchObject({ lines: 2, totalPence: 112_000 });
    expect((await manager.post(`/api/commissioning/pay-runs/${run.body.id}/approve`, {})).status).toBe(200);
    expect((await manager.post(`/api/commissioning/pay-runs/${run.body.id}/post`, {})).status).toBe(200);
    const code = 'BL/direct_payments/older_people/ALL';
    const spent = await balanceOf(code);
    expect(spent).toBe(112_000);
    const tooMuch = await officer.post(`/api/commissioning/direct-payments/${made.body.id}/returns`, { amountPence: 200_000, receivedOn: '2026-11-02', reason: 'Unspent' });
    expect(tooMuch.status).toBe(400);
    const back = await officer.post(`/api/commissioning/direct-payments/${made.body.id}/returns`, { amountPence: 12_000, receivedOn: '2026-11-02', reason: 'Unspent at the four-weekly audit' });
    expect(back.status).toBe(201);
    expect(await balanceOf(code)).toBe(100_000);
    expect(back.body.directPayment).toMatchObject({ paidPence: 112_000, returnedPence: 12_000 });
  });
});

describe('a closed month', () => {
  it('refuses the post with the ledger’s message and leaves nothing half posted', async () => {
    const { lineIds } = await insertApprovedInvoice(t.database.db, placeId, provider, 'INV-PR-CLOSED', [{ serviceLineId: serviceLines[2]!.lineId, amountPence: 7_000, periodFrom: '2026-09-07', periodTo: '2026-09-13' }]);
    const closed = await manager.post('/api/finance/ledger/months/2026-10/close', {});
    expect(closed.status).toBe(200);
    const run = await officer.post('/api/commissioning/pay-runs', { cadence: 'weekly', periodTo: '2026-09-30', payingPartnerId: payer });
    expect(run.status).toBe(201);
    expect((await manager.post(`/api/commissioning/pay-runs/${run.body.id}/approve`, {})).status).toBe(200);
    t.clock.set(new Date('2026-10-20T09:00:00Z'));
    try {
      const refused = await manager.post(`/api/commissioning/pay-runs/${run.body.id}/post`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/Month 2026-10 is closed/);
    } finally {
      t.clock.set(new Date('2026-11-02T09:30:00Z'));
    }
    expect((await officer.get(`/api/commissioning/pay-runs/${run.body.id}`)).body.status).toBe('approved');
    expect(await invoiceLineStatuses(t.database.db, placeId, lineIds)).toEqual(['approved']);
  });
});
