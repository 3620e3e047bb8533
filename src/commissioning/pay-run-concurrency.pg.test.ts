import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';
import { insertApprovedInvoice, linesOfAProvider } from './pay-run-test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('two pay runs drafted at the same moment (two connections)', () => {
  it('put each approved line into one run only: the other is refused cleanly', async () => {
    const a = await t.signIn('finance_officer');
    const b = await t.signIn('pooled_fund_manager');
    const placeId = a.placeId;
    const payer = (await placeOverview(t.database.db, placeId)).partners.find((p) => p.kind === 'council')!.id;
    const { providerPartnerId, lines } = await linesOfAProvider(t.database.db, placeId);
    const { lineIds } = await insertApprovedInvoice(
      t.database.db,
      placeId,
      providerPartnerId,
      'INV-RACE-1',
      lines.slice(0, 50).map((l) => ({ serviceLineId: l.lineId, amountPence: 1_000, periodFrom: '2026-10-05', periodTo: '2026-10-11' })),
    );
    const body = { cadence: 'weekly', periodTo: '2026-10-25', payingPartnerId: payer };
    const answers = await Promise.all([a.post('/api/commissioning/pay-runs', body), b.post('/api/commissioning/pay-runs', body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(refused.body.message).toMatch(/Another pay run took some of these lines|nothing to pay/);
    const held = await rowsOf<{ runs: number; lines: number }>(
      t.database.db,
      sql`select count(distinct pay_run_id)::int as runs, count(*)::int as lines from pay_run_line where place_id = ${placeId} and invoice_line_id in (select unnest(${`{${lineIds.join(',')}}`}::uuid[]))`,
    );
    expect(held[0]).toEqual({ runs: 1, lines: lineIds.length });
    const runs = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from pay_run where place_id = ${placeId}`);
    expect(runs[0]!.n).toBe(1);
  });
});
