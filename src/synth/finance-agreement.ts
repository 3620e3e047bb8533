/**
 * A preset's pooled fund seeded through the finance services: the Section 75 agreement once,
 * then for each financial year a schedule version whose budgets add up to the contributions
 * (package lines budgeted from the year's expected invoices, the rest shared by the block lines),
 * quarterly receipts per partner and stream (recordReceipt), and the year's ledger in bulk
 * (finance-ledger.ts). Months before the as-of month are closed. Seeded: the same preset gives
 * the same figures.
 */
import type { Ctx } from '../access/actor.js';
import { systemActor } from '../access/actor.js';
import type { Db } from '../platform/db.js';
import { fixedClock } from '../platform/clock.js';
import { allocatePence } from '../platform/money.js';
import { financialYearOf } from '../platform/financial-year.js';
import { addScheduleVersion, createAgreement } from '../finance/agreement.js';
import { selectAgreement, selectCurrentSchedule } from '../finance/agreement-queries.js';
import { recordReceipt } from '../finance/contribution-receipts.js';
import { budgetLineCode, parseBudgetLineCode } from '../finance/budget-lines.js';
import { commitmentRowsForLines } from '../finance/commitments.js';
import { ensureAccount } from '../finance/ledger.js';
import type { RiskRule } from '../finance/risk-share.js';
import { linesForCommitment } from '../pathway/plans/finance-facts.js';
import type { Preset } from './preset.js';
import { poolScheduleFor, type PresetPool, type PresetPoolSchedule } from './preset-pool.js';
import { accountIdsOf, addBlockJournals, addInvoices, closeMonths, JournalBatch, yearInvoicePence, type InvoicedLine } from './finance-ledger.js';
import { Random } from './random.js';

export type PoolSeedOptions = { preset: Preset; placeId: string; partnerIds: Map<string, string>; asOf: string; seed: number; years: string[] };

function riskRule(r: PresetPoolSchedule['riskShare']['overspend'], ids: Map<string, string>): RiskRule {
  return r.method === 'fixed' ? { method: 'fixed', shares: r.shares.map((s) => ({ partnerId: ids.get(s.partner)!, basisPoints: s.basisPoints })) } : { method: 'pro_rata' };
}

async function linesInPlace(db: Db, placeId: string, at: Date): Promise<InvoicedLine[]> {
  const lines = (await linesForCommitment(db, placeId)).filter((l) => (l.status === 'in_place' || l.status === 'ended') && l.startedOn !== null);
  const byId = new Map(lines.map((l) => [l.lineId, l]));
  const rows = await commitmentRowsForLines(db, placeId, lines, at);
  return rows.map((row) => {
    const l = byId.get(row.serviceLineId)!;
    return { row, startedOn: l.startedOn!, endedOn: l.status === 'ended' ? (l.endedOn ?? l.plannedEnd) : l.plannedEnd };
  });
}

/** The lines a year's schedule pays for: areas and client groups it covers. */
function linesOfSchedule(lines: InvoicedLine[], s: PresetPoolSchedule, pool: PresetPool): InvoicedLine[] {
  const groups = new Set(s.packageClientGroups ?? pool.clientGroups);
  const areas = new Set<string>(s.serviceAreas);
  return lines.filter((l) => {
    const k = parseBudgetLineCode(l.row.budgetLineCode);
    return k !== null && areas.has(k.serviceArea) && groups.has(k.clientGroup);
  });
}

/** Seeds the pool of a preset that has one; answers the years seeded. */
export async function seedPool(db: Db, o: PoolSeedOptions): Promise<string[]> {
  const pool = o.preset.pool;
  if (!pool) return [];
  const at = new Date(`${o.asOf}T00:00:00Z`);
  const ctx: Ctx = { db, clock: fixedClock(at), actor: { ...systemActor(o.placeId), role: 'pooled_fund_manager' } };
  if (!(await selectAgreement(db, o.placeId))) {
    await createAgreement(ctx, {
      reference: pool.reference,
      title: pool.title,
      signedOn: pool.signedOn,
      hostPartnerId: o.partnerIds.get(pool.host)!,
      fundManagerPost: pool.fundManagerPost,
      functions: pool.functions,
      clientGroups: pool.clientGroups,
    });
  }
  const lines = await linesInPlace(db, o.placeId, at);
  const signedFy = financialYearOf(pool.signedOn);
  const untilMonth = o.asOf.slice(0, 7);
  const seeded: string[] = [];
  for (const fy of o.years) {
    const s = poolScheduleFor(pool, fy);
    if (!s || fy < signedFy || (await selectCurrentSchedule(db, o.placeId, fy))) continue;
    await seedPoolYear(ctx, o, pool, s, fy, linesOfSchedule(lines, s, pool), untilMonth);
    seeded.push(fy);
  }
  await closeMonths(db, o.placeId, seeded, untilMonth, at);
  return seeded;
}

async function seedPoolYear(ctx: Ctx, o: PoolSeedOptions, pool: PresetPool, s: PresetPoolSchedule, fy: string, lines: InvoicedLine[], untilMonth: string): Promise<void> {
  const rng = new Random(o.seed, `pool/${o.preset.name}/${fy}`);
  const ids = o.partnerIds;
  const planned = s.contributions.reduce((a, c) => a + c.plannedPence, 0);
  // Package lines: what their invoices come to over the year, give or take 3%; block lines share the rest.
  const packageBudgets = [...yearInvoicePence(lines, fy)].sort(([a], [b]) => a.localeCompare(b)).map(([code, pence]) => ({ code, budgetPence: Math.round(pence * (0.97 + rng.next() * 0.06)) }));
  const packageTotal = packageBudgets.reduce((a, b) => a + b.budgetPence, 0);
  if (packageTotal > planned) throw new Error(`${o.preset.name} ${fy}: packages cost more than the pool's contributions`);
  const blockCodes = s.blockLines.map((b) => budgetLineCode({ serviceArea: b.serviceArea, clientGroup: b.clientGroup, zoneCode: null }));
  const blockPence = allocatePence(planned - packageTotal, s.blockLines.map((b) => b.weight));
  const budgets = new Map<string, number>();
  for (const b of packageBudgets) budgets.set(b.code, b.budgetPence);
  blockCodes.forEach((code, i) => budgets.set(code, (budgets.get(code) ?? 0) + blockPence[i]!));
  const byPartner = new Map<string, { stream: (typeof s.contributions)[number]['stream']; plannedPence: number }[]>();
  for (const c of s.contributions) byPartner.set(c.partner, [...(byPartner.get(c.partner) ?? []), { stream: c.stream, plannedPence: c.plannedPence }]);
  await addScheduleVersion(ctx, fy, {
    partners: [...byPartner].map(([key, contributions]) => ({ partnerId: ids.get(key)!, contributions })),
    budgets: [...budgets].sort(([a], [b]) => a.localeCompare(b)).map(([budgetLineCode, budgetPence]) => ({ budgetLineCode, budgetPence })),
    riskShare: { overspend: riskRule(s.riskShare.overspend, ids), underspend: riskRule(s.riskShare.underspend, ids) },
    boardDecisionRef: s.boardDecisionRef,
  });
  // Receipts: a quarter of each contribution on the first day of each quarter that has begun.
  const start = Number(fy.slice(0, 4));
  const quarterDays = [`${start}-04-01`, `${start}-07-01`, `${start}-10-01`, `${start + 1}-01-01`];
  for (const c of s.contributions) {
    const parts = allocatePence(c.plannedPence, [1, 1, 1, 1]);
    for (let q = 0; q < 4; q++) {
      if (quarterDays[q]! > o.asOf || parts[q] === 0) continue;
      await recordReceipt(ctx, fy, { partnerId: ids.get(c.partner)!, stream: c.stream, amountPence: parts[q]!, receivedOn: quarterDays[q]!, reference: `SEED-${fy}-Q${q + 1}-${c.partner}-${c.stream}` });
    }
  }
  // The accounts the invoices and block journals post to, then the year's ledger in bulk.
  for (const code of budgets.keys()) {
    const k = parseBudgetLineCode(code)!;
    await ensureAccount(ctx.db, o.placeId, { code, name: code, kind: 'budget_line', serviceArea: k.serviceArea, clientGroup: k.clientGroup, zoneCode: k.zoneCode });
  }
  for (const provider of new Set(lines.map((l) => l.row.providerPartnerId))) {
    await ensureAccount(ctx.db, o.placeId, { code: `CREDITOR/PROVIDER/${provider}`, name: `Provider ${provider}`, kind: 'creditor', partnerId: provider });
  }
  await ensureAccount(ctx.db, o.placeId, { code: 'POOL/BANK', name: 'Pooled fund bank', kind: 'bank' });
  const batch = new JournalBatch(o.placeId, await accountIdsOf(ctx.db, o.placeId), ctx.clock.now());
  addInvoices(batch, lines, fy, untilMonth);
  addBlockJournals(batch, blockCodes.map((code, i) => ({ code, budgetPence: blockPence[i]! })), fy, untilMonth, rng);
  await batch.flush(ctx.db);
}
