import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';

let t: TestApp;
let manager: Client;
let officer: Client;
let board: Client;
let coordinator: Client;
let ids: { careTrust: string; council: string; gp: string };
const m = (pounds: number) => pounds * 100_000_000; // £m in pence

const agreement = () => ({
  reference: 'TORBAY-S75-2005',
  title: 'Torbay pooled fund agreement',
  signedOn: '2005-12-01',
  hostPartnerId: ids.careTrust,
  fundManagerPost: 'Director of Finance, Torbay Care Trust',
  functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'],
  clientGroups: ['older_people', 'physical_disability', 'learning_disability', 'mental_health'],
});

const schedule = (over: Record<string, unknown> = {}) => ({
  partners: [
    { partnerId: ids.careTrust, contributions: [{ stream: 'nhs_minimum', plannedPence: m(250) }, { stream: 'client_charges', plannedPence: m(10) }] },
    { partnerId: ids.council, contributions: [{ stream: 'council', plannedPence: m(40) }] },
  ],
  budgets: [
    { budgetLineCode: 'BL/community_health/older_people/ALL', budgetPence: m(200) },
    { budgetLineCode: 'BL/home_care/older_people/ALL', budgetPence: m(100) },
  ],
  riskShare: { overspend: { method: 'pro_rata' }, underspend: { method: 'pro_rata' } },
  boardDecisionRef: 'TB-2009-03',
  ...over,
});

beforeAll(async () => {
  t = await startTestApp();
  [manager, officer, board, coordinator] = await Promise.all([t.signIn('pooled_fund_manager'), t.signIn('finance_officer'), t.signIn('board_member'), t.signIn('coordinator')]);
  const o = await placeOverview(t.database.db, manager.placeId);
  ids = { careTrust: o.partners.find((p) => p.kind === 'care_trust')!.id, council: o.partners.find((p) => p.kind === 'council')!.id, gp: o.partners.find((p) => p.kind === 'gp_practice')!.id };
});
afterAll(() => t.close());

describe('the Section 75 agreement over HTTP (torbay)', () => {
  it('says plainly when there is no agreement yet, and refuses a coordinator the open book', async () => {
    const none = await manager.get('/api/finance/agreement');
    expect([none.status, none.body.message]).toEqual([404, expect.stringMatching(/no Section 75 agreement yet/)]);
    const refused = await coordinator.get('/api/finance/agreement');
    expect([refused.status, refused.body.message]).toEqual([403, expect.stringMatching(/may read the pool’s open book/)]);
  });

  it('only the pooled fund manager records the agreement; everyone on the open book reads it', async () => {
    expect((await officer.post('/api/finance/agreement', agreement())).status).toBe(403);
    expect((await board.post('/api/finance/agreement', agreement())).status).toBe(403);
    const bad = await manager.post('/api/finance/agreement', { ...agreement(), signedOn: '2005-13-01' });
    expect([bad.status, bad.body.details[0].field]).toEqual([400, 'signedOn']);
    const made = await manager.post('/api/finance/agreement', agreement());
    expect([made.status, made.body.hostPartnerName]).toEqual([201, 'Torbay Care Trust']);
    expect((await manager.post('/api/finance/agreement', agreement())).status).toBe(409);
    const read = await board.get('/api/finance/agreement');
    expect([read.status, read.body.reference, read.body.financialYears]).toEqual([200, 'TORBAY-S75-2005', []]);
  });

  it('a year’s schedule is versioned: a stale version is refused 409, so two people superseding at once do not both win', async () => {
    const fy = '2009-10';
    expect((await manager.get(`/api/finance/years/${fy}/schedule`)).status).toBe(404);
    expect((await manager.get('/api/finance/years/2009-2010/schedule')).body.details[0].field).toBe('fy');
    expect((await officer.post(`/api/finance/years/${fy}/schedule`, schedule())).status).toBe(403);
    const v1 = await manager.post(`/api/finance/years/${fy}/schedule`, schedule());
    expect([v1.status, v1.headers.etag, v1.body.plannedTotalPence]).toEqual([201, '"1"', m(300)]);
    const current = await board.get(`/api/finance/years/${fy}/schedule`);
    expect([current.status, current.headers.etag]).toEqual([200, '"1"']);

    const unguarded = await manager.post(`/api/finance/years/${fy}/schedule`, schedule({ reason: 'Winter pressures', boardDecisionRef: 'TB-2009-11' }));
    expect([unguarded.status, unguarded.body.details[0].field]).toEqual([400, 'supersedesVersion']);
    const budgets = [
      { budgetLineCode: 'BL/community_health/older_people/ALL', budgetPence: m(190) },
      { budgetLineCode: 'BL/home_care/older_people/ALL', budgetPence: m(110) },
    ];
    const v2 = await manager.post(`/api/finance/years/${fy}/schedule`, schedule({ budgets, reason: 'Home care raised for winter', boardDecisionRef: 'TB-2009-11' }), { 'if-match': current.headers.etag as string });
    expect([v2.status, v2.body.version]).toEqual([201, 2]);
    const stale = await manager.post(`/api/finance/years/${fy}/schedule`, schedule({ reason: 'Made against the old version', boardDecisionRef: 'TB-2009-12', supersedesVersion: 1 }));
    expect([stale.status, stale.body.message, stale.body.currentVersion]).toEqual([409, expect.stringMatching(/version 2 of 2009-10 is now current/), 2]);

    const both = await Promise.all(
      ['Raised again', 'Lowered again'].map((reason) => manager.post(`/api/finance/years/${fy}/schedule`, schedule({ budgets, reason, boardDecisionRef: 'TB-2009-13', supersedesVersion: 2 }))),
    );
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);

    const versions = await board.get(`/api/finance/years/${fy}/schedule/versions`);
    expect(versions.body.versions.map((v: { version: number; current: boolean; reason: string }) => [v.version, v.current])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(versions.body.versions[1]).toMatchObject({ reason: 'Home care raised for winter', boardDecisionRef: 'TB-2009-11' });
    expect((await board.get('/api/finance/agreement')).body.financialYears).toEqual([fy]);
  });

  it('the agreement in force on a day, and a clear answer for a day with none or a bad day', async () => {
    const on = await board.get('/api/finance/agreement/on?day=2009-06-30');
    expect([on.status, on.body.agreement.reference, on.body.schedule.version]).toEqual([200, 'TORBAY-S75-2005', 3]);
    const none = await board.get('/api/finance/agreement/on?day=2012-06-30');
    expect([none.status, none.body.message]).toEqual([404, 'No Section 75 agreement and schedule were in force on 2012-06-30.']);
    expect((await board.get('/api/finance/agreement/on?day=30/06/2009')).body.details[0].field).toBe('day');
  });

  it('variations and receipts: posted by finance, refused for a partner outside the pool, a year with no schedule, or float money', async () => {
    const fy = '2009-10';
    const variation = { partnerId: ids.council, stream: 'council', amountPence: m(2), onDate: '2009-10-01', reason: 'Winter pressures', boardDecisionRef: 'TB-2009-12' };
    expect((await board.post(`/api/finance/years/${fy}/variations`, variation)).status).toBe(403);
    const varied = await officer.post(`/api/finance/years/${fy}/variations`, variation);
    expect([varied.status, varied.body.kind, varied.body.amountPence]).toEqual([201, 'variation', m(2)]);
    const outsider = await officer.post(`/api/finance/years/${fy}/variations`, { ...variation, partnerId: ids.gp });
    expect([outsider.status, outsider.body.details[0].field, outsider.body.message]).toEqual([400, 'partnerId', expect.stringMatching(/not a partner in the 2009-10 pool/)]);
    const noSchedule = await officer.post('/api/finance/years/2011-12/variations', { ...variation, onDate: '2011-10-01' });
    expect([noSchedule.status, noSchedule.body.message]).toEqual([404, expect.stringMatching(/no schedule for 2011-12/)]);
    const float = await officer.post(`/api/finance/years/${fy}/variations`, { ...variation, amountPence: 10.5 });
    expect([float.status, float.body.details[0].field]).toEqual([400, 'amountPence']);

    const receipt = { partnerId: ids.council, stream: 'council', amountPence: m(10), receivedOn: '2009-07-15', reference: 'REM-2009-0042' };
    expect((await board.post(`/api/finance/years/${fy}/receipts`, receipt)).status).toBe(403);
    const first = await officer.post(`/api/finance/years/${fy}/receipts`, receipt);
    const again = await manager.post(`/api/finance/years/${fy}/receipts`, receipt);
    expect([first.status, first.body.alreadyRecorded, again.status, again.body.alreadyRecorded, again.body.id]).toEqual([201, false, 200, true, first.body.id]);
    expect((await officer.post(`/api/finance/years/${fy}/receipts`, { ...receipt, amountPence: 5 })).status).toBe(409);
    expect((await officer.post(`/api/finance/years/${fy}/receipts`, { ...receipt, amountPence: -5, reference: 'REM-NEG' })).status).toBe(400);

    const c = await board.get(`/api/finance/years/${fy}/contributions`);
    expect(c.status).toBe(200);
    expect(c.body.lines.map((l: { stream: string; plannedPence: number; variationsPence: number; receivedPence: number }) => [l.stream, l.plannedPence, l.variationsPence, l.receivedPence])).toEqual([
      ['nhs_minimum', m(250), 0, 0],
      ['council', m(40), m(2), m(10)],
      ['client_charges', m(10), 0, 0],
    ]);
    expect(c.body.totals).toEqual({ plannedPence: m(300), variationsPence: m(2), receivedPence: m(10) });
    expect(c.body.movements.map((x: { kind: string }) => x.kind)).toEqual(['receipt', 'variation']);
    expect((await board.get('/api/finance/years/2011-12/contributions')).status).toBe(404);
    expect((await coordinator.get(`/api/finance/years/${fy}/contributions`)).status).toBe(403);
  });

  it('previews a variance’s risk share to the penny and states the outturn per partner', async () => {
    const fy = '2009-10';
    const preview = await board.get(`/api/finance/years/${fy}/risk-share?variancePence=1000001`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ applies: 'overspend', rule: { method: 'pro_rata' }, scheduleVersion: 3 });
    expect(preview.body.partners.reduce((a: number, p: { sharePence: number }) => a + p.sharePence, 0)).toBe(1000001);
    expect(preview.body.partners.find((p: { partnerId: string }) => p.partnerId === ids.council).contributionPence).toBe(m(42));
    expect((await board.get(`/api/finance/years/${fy}/risk-share?variancePence=10.5`)).body.details[0].field).toBe('variancePence');
    expect((await board.get('/api/finance/years/2011-12/risk-share?variancePence=100')).status).toBe(404);

    const outturn = await board.get(`/api/finance/years/${fy}/outturn`);
    expect(outturn.status).toBe(200);
    expect([outturn.body.budgetPence, outturn.body.variancePence, outturn.body.ruleApplied]).toEqual([m(300), -m(300), 'underspend: pro_rata']);
    expect(outturn.body.partners.reduce((a: number, p: { sharePence: number }) => a + p.sharePence, 0)).toBe(-m(300));
  });

  it('audits every read and every refusal', async () => {
    const audit = await rowsOf<{ action: string }>(
      t.database.db,
      sql`select distinct action || ':' || outcome as action from audit_entry where place_id = ${manager.placeId} and action like 'finance.%' order by 1`,
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'finance.agreement_read:allowed',
        'finance.agreement_read:denied',
        'finance.agreement.create:allowed',
        'finance.agreement.create:denied',
        'finance.schedule_read:allowed',
        'finance.schedule.version:allowed',
        'finance.schedule.version:denied',
        'finance.contributions_read:allowed',
        'finance.contributions_read:denied',
        'finance.contribution.variation:allowed',
        'finance.contribution.receipt:allowed',
        'finance.risk_share_read:allowed',
        'finance.outturn_read:allowed',
      ]),
    );
  });
});
