import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/support/test-app.js';
import { systemActor, type Ctx } from '../access/actor.js';
import type { Role } from '../access/roles.js';
import { placeOverview } from '../partnership/service.js';
import { rowsOf, sql } from '../platform/db.js';
import { addScheduleVersion, agreementOn, createAgreement, scheduleVersions } from './agreement.js';
import { budgetsOf } from './budgets.js';
import { contributionsOf, recordVariation } from './contributions.js';
import { recordReceipt } from './contribution-receipts.js';
import { accountBalances, ensureAccount, postJournal } from './ledger.js';
import { outturnStatement } from './risk-share-outturn.js';
import type { ScheduleInput } from './agreement-inputs.js';
import type { ClientGroup } from '../partnership/functions.js';

let t: TestApp;
let placeId: string;
let ids: { careTrust: string; council: string; gp: string };
const m = (pounds: number) => pounds * 100_000_000; // £m in pence
const groups = ['older_people', 'physical_disability', 'learning_disability', 'mental_health', 'sensory_impairment', 'substance_misuse', 'carers'] as const satisfies readonly ClientGroup[];

function as(role: string): Ctx {
  return { db: t.database.db, clock: t.clock, actor: { ...systemActor(placeId), role: role as Role } };
}

function schedule(over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
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
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const row = (await rowsOf<{ place_id: string }>(t.database.db, sql`select place_id from place where preset = 'torbay'`))[0]!;
  placeId = row.place_id;
  const o = await placeOverview(t.database.db, placeId);
  ids = { careTrust: o.partners.find((p) => p.kind === 'care_trust')!.id, council: o.partners.find((p) => p.kind === 'council')!.id, gp: o.partners.find((p) => p.kind === 'gp_practice')!.id };
});
afterAll(() => t.close());

describe('the Section 75 agreement and its schedules (torbay)', () => {
  it('checks functions and client groups against the delegations, then records the agreement once, audited', async () => {
    const base = { reference: 'TORBAY-S75-2005', title: 'Torbay pooled fund agreement', signedOn: '2005-12-01', hostPartnerId: ids.careTrust, fundManagerPost: 'Director of Finance, Torbay Care Trust', clientGroups: [...groups] };
    await expect(createAgreement(as('pooled_fund_manager'), { ...base, functions: ['asc_provision', 'public_health'] })).rejects.toThrow(/public_health is not delegated/);
    await expect(createAgreement(as('pooled_fund_manager'), { ...base, signedOn: '2005-01-01', functions: ['asc_provision'] })).rejects.toThrow(/asc_provision is not delegated .* in force on 2005-01-01/);
    await expect(createAgreement(as('finance_officer'), { ...base, functions: ['asc_provision'] })).rejects.toThrow(/Only Pooled fund manager/i);
    const a = await createAgreement(as('pooled_fund_manager'), { ...base, functions: ['asc_assessment', 'asc_provision', 'asc_commissioning'] });
    expect(a).toMatchObject({ reference: 'TORBAY-S75-2005', hostPartnerName: 'Torbay Care Trust' });
    await expect(createAgreement(as('pooled_fund_manager'), { ...base, functions: ['asc_provision'] })).rejects.toThrow(/already has its Section 75 agreement/);
    const audit = await rowsOf<{ action: string }>(t.database.db, sql`select action || ':' || outcome as action from audit_entry where place_id = ${placeId} and action like 'finance.agreement%' order by seq`);
    expect(audit.map((r) => r.action)).toEqual(['finance.agreement.create:denied', 'finance.agreement.create:allowed']);
  });

  it('refuses budgets that do not add up to the contributions, naming the difference in pounds', async () => {
    const bad = schedule({ budgets: [{ budgetLineCode: 'BL/home_care/older_people/ALL', budgetPence: m(299) }] });
    await expect(addScheduleVersion(as('pooled_fund_manager'), '2009-10', bad)).rejects.toThrow(/£1,000,000.00 less than the planned contributions of £300,000,000.00/);
    await expect(addScheduleVersion(as('pooled_fund_manager'), '2009-10', schedule({ partners: [{ partnerId: ids.gp, contributions: [{ stream: 'additional', plannedPence: m(300) }] }] }))).rejects.toThrow(/does not contribute/);
    await expect(
      addScheduleVersion(as('pooled_fund_manager'), '2009-10', schedule({ riskShare: { overspend: { method: 'fixed', shares: [{ partnerId: ids.council, basisPoints: 5000 }] }, underspend: { method: 'pro_rata' } } })),
    ).rejects.toThrow(/basis points add up to 5000, not 10000/);
  });

  it('versions a year: the first stands, the next supersedes it with a reason, and both stay readable', async () => {
    const v1 = await addScheduleVersion(as('pooled_fund_manager'), '2009-10', schedule());
    expect(v1).toMatchObject({ version: 1, plannedTotalPence: m(300), budgetTotalPence: m(300) });
    expect((await budgetsOf(t.database.db, placeId, '2009-10')).map((b) => b.budgetPence)).toEqual([m(200), m(100)]);
    await expect(addScheduleVersion(as('pooled_fund_manager'), '2009-10', schedule())).rejects.toThrow(/reason must say why version 1 of 2009-10 is superseded/);
    const budgets = [{ budgetLineCode: 'BL/community_health/older_people/ALL', budgetPence: m(190) }, { budgetLineCode: 'BL/home_care/older_people/ALL', budgetPence: m(110) }];
    const v2 = await addScheduleVersion(as('pooled_fund_manager'), '2009-10', schedule({ budgets, reason: 'Home care budget raised for winter', boardDecisionRef: 'TB-2009-11' }));
    expect(v2).toMatchObject({ version: 2, supersedesId: v1.id });
    const versions = await scheduleVersions(t.database.db, placeId, '2009-10');
    expect(versions.map((v) => [v.version, v.current, v.budgets.map((b) => b.budgetPence)])).toEqual([
      [2, true, [m(190), m(110)]],
      [1, false, [m(200), m(100)]],
    ]);
    const on = await agreementOn(t.database.db, placeId, '2009-06-30');
    expect(on?.schedule.version).toBe(2);
    expect(on?.schedule.partners.map((p) => [p.partnerName, p.plannedPence])).toEqual([['Torbay Care Trust', m(260)], [expect.any(String), m(40)]]);
    expect(await agreementOn(t.database.db, placeId, '2010-06-30')).toBeNull();
    const edit = await rowsOf(t.database.db, sql`update s75_budget set budget_pence = 0 where place_id = ${placeId}`).catch((e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(edit).toMatch(/never changed/);
  });

  it('contributions: planned £250m / £40m / £10m, a variation adds on, and a partner outside the pool is refused', async () => {
    const varied = await recordVariation(as('finance_officer'), '2009-10', { partnerId: ids.council, stream: 'council', amountPence: m(2), onDate: '2009-10-01', reason: 'Winter pressures', boardDecisionRef: 'TB-2009-12' });
    expect(varied.kind).toBe('variation');
    const lines = await contributionsOf(t.database.db, placeId, '2009-10');
    expect(lines.map((l) => [l.stream, l.plannedPence, l.variationsPence])).toEqual([
      ['nhs_minimum', m(250), 0],
      ['council', m(40), m(2)],
      ['client_charges', m(10), 0],
    ]);
    await expect(recordVariation(as('finance_officer'), '2009-10', { partnerId: ids.gp, stream: 'additional', amountPence: 100, onDate: '2009-10-01', reason: 'x', boardDecisionRef: 'y' })).rejects.toThrow(/not a partner in the 2009-10 pool/);
    await expect(recordVariation(as('finance_officer'), '2009-10', { partnerId: ids.council, stream: 'council', amountPence: 100, onDate: '2011-10-01', reason: 'x', boardDecisionRef: 'y' })).rejects.toThrow(/onDate must fall in 2009-10/);
    await expect(recordVariation(as('commissioner'), '2009-10', { partnerId: ids.council, stream: 'council', amountPence: 100, onDate: '2009-10-01', reason: 'x', boardDecisionRef: 'y' })).rejects.toThrow(/may record variations of contributions/);
  });

  it('a receipt posts Dr POOL/BANK, Cr the partner\'s contribution account, once however often it is sent', async () => {
    const input = { partnerId: ids.council, stream: 'council' as const, amountPence: m(10), receivedOn: '2009-07-15', reference: 'REM-2009-0042' };
    const first = await recordReceipt(as('finance_officer'), '2009-10', input);
    const again = await recordReceipt(as('finance_officer'), '2009-10', input);
    expect([first.alreadyRecorded, again.alreadyRecorded, again.id]).toEqual([false, true, first.id]);
    await expect(recordReceipt(as('finance_officer'), '2009-10', { ...input, amountPence: 5 })).rejects.toThrow(/already recorded for a different/);
    await expect(recordReceipt(as('finance_officer'), '2009-10', { ...input, partnerId: ids.gp, reference: 'REM-X' })).rejects.toThrow(/not a partner in the 2009-10 pool/);
    const balances = await accountBalances(t.database.db, placeId, { from: '2009-04-01', to: '2010-03-31' });
    expect(balances.filter((b) => b.code === 'POOL/BANK' || b.code === `CONTRIB/${ids.council}/council`).map((b) => [b.code.split('/')[0], b.balancePence]).sort()).toEqual([
      ['CONTRIB', -m(10)],
      ['POOL', m(10)],
    ]);
    const council = (await contributionsOf(t.database.db, placeId, '2009-10')).find((l) => l.stream === 'council')!;
    expect(council.receivedPence).toBe(m(10));
  });

  it('the outturn statement compares each line with its ledger spend and shares the pool\'s variance to the penny', async () => {
    const code = 'BL/home_care/older_people/ALL';
    await ensureAccount(t.database.db, placeId, { code, name: 'Home care, older people', kind: 'budget_line' });
    await ensureAccount(t.database.db, placeId, { code: 'POOL/CREDITORS', name: 'Creditors', kind: 'creditor' });
    // £113.2m spent on the £110m home care line and nothing yet on the £190m line: the pool is £186.8m under.
    await postJournal(t.database.db, { placeId, postedOn: '2010-03-31', description: 'Home care spend', idempotencyKey: 'outturn-test', source: { kind: 'test' }, postedBy: null, lines: [{ accountCode: code, amountPence: 11_320_000_000 }, { accountCode: 'POOL/CREDITORS', amountPence: -11_320_000_000 }] });
    const st = await outturnStatement(t.database.db, placeId, '2009-10');
    expect(st.variancePence).toBe(-m(300) + 11_320_000_000);
    expect(st.partners.reduce((a, p) => a + p.sharePence, 0)).toBe(st.variancePence);
    expect(st.ruleApplied).toBe('underspend: pro_rata');
  });
});
