/**
 * The year-end outturn statement: each budget line's budget against its actual spend (the ledger's
 * BL/ accounts for the year), and each partner's contribution, share of the variance under the
 * agreement's risk-share rules, and resulting outturn.
 */
import type { Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { financialYearBounds } from '../platform/financial-year.js';
import { sumPence } from '../platform/money.js';
import * as q from './agreement-queries.js';
import { budgetsOf } from './budgets.js';
import { contributionsOf } from './contributions.js';
import { accountBalances } from './ledger.js';
import { riskShare, ruleFor, type RiskShareRules } from './risk-share.js';

export type OutturnStatement = {
  financialYear: string;
  scheduleVersion: number;
  lines: { code: string; name: string; budgetPence: number; actualPence: number; variancePence: number }[];
  budgetPence: number;
  actualPence: number;
  /** Positive: overspend; negative: underspend. */
  variancePence: number;
  ruleApplied: string;
  partners: { partnerId: string; partnerName: string; contributionPence: number; sharePence: number; outturnPence: number }[];
};

export async function outturnStatement(db: Executor, placeId: string, fy: string): Promise<OutturnStatement> {
  const schedule = await q.selectCurrentSchedule(db, placeId, fy);
  if (!schedule) throw new NotFoundError(`The agreement has no schedule for ${fy}, so there is no outturn to state.`);
  const { from, to } = financialYearBounds(fy);
  const [budgets, balances, contributions] = await Promise.all([budgetsOf(db, placeId, fy), accountBalances(db, placeId, { from, to, codePrefix: 'BL/' }), contributionsOf(db, placeId, fy)]);
  const actual = new Map(balances.map((b) => [b.code, b.balancePence]));
  const lines = budgets.map((b) => ({ ...b, actualPence: actual.get(b.code) ?? 0, variancePence: (actual.get(b.code) ?? 0) - b.budgetPence }));
  // Spend on a line the schedule does not budget for still counts against the pool.
  for (const b of balances) if (!budgets.some((x) => x.code === b.code)) lines.push({ code: b.code, name: b.name, budgetPence: 0, actualPence: b.balancePence, variancePence: b.balancePence });
  const budgetPence = sumPence(lines.map((l) => l.budgetPence));
  const actualPence = sumPence(lines.map((l) => l.actualPence));
  const variancePence = actualPence - budgetPence;
  const rules = schedule.riskShare as RiskShareRules;
  const shares = new Map(riskShare(rules, contributions, variancePence).map((s) => [s.partnerId, s.sharePence]));
  const byPartner = new Map<string, { partnerId: string; partnerName: string; contributionPence: number }>();
  for (const c of contributions) {
    const p = byPartner.get(c.partnerId) ?? { partnerId: c.partnerId, partnerName: c.partnerName, contributionPence: 0 };
    p.contributionPence += c.plannedPence + c.variationsPence;
    byPartner.set(c.partnerId, p);
  }
  return {
    financialYear: fy,
    scheduleVersion: schedule.version,
    lines,
    budgetPence,
    actualPence,
    variancePence,
    ruleApplied: `${variancePence > 0 ? 'overspend' : 'underspend'}: ${ruleFor(rules, variancePence).method}`,
    partners: [...byPartner.values()].map((p) => {
      const sharePence = shares.get(p.partnerId) ?? 0;
      return { ...p, sharePence, outturnPence: p.contributionPence + sharePence };
    }),
  };
}

export type RiskSharePreview = {
  financialYear: string;
  scheduleVersion: number;
  variancePence: number;
  /** Which rule applies: overspend (a positive variance) or underspend. */
  applies: 'overspend' | 'underspend';
  rule: RiskShareRules['overspend'];
  partners: { partnerId: string; partnerName: string; contributionPence: number; sharePence: number }[];
};

/** How a variance of `variancePence` would fall on each partner under the year's current rules. */
export async function riskSharePreview(db: Executor, placeId: string, fy: string, variancePence: number): Promise<RiskSharePreview> {
  const schedule = await q.selectCurrentSchedule(db, placeId, fy);
  if (!schedule) throw new NotFoundError(`The agreement has no schedule for ${fy}, so it has no risk-share rules to apply.`);
  const contributions = await contributionsOf(db, placeId, fy);
  const rules = schedule.riskShare as RiskShareRules;
  const names = new Map<string, string>();
  const given = new Map<string, number>();
  for (const c of contributions) {
    names.set(c.partnerId, c.partnerName);
    given.set(c.partnerId, (given.get(c.partnerId) ?? 0) + c.plannedPence + c.variationsPence);
  }
  return {
    financialYear: fy,
    scheduleVersion: schedule.version,
    variancePence,
    applies: variancePence > 0 ? 'overspend' : 'underspend',
    rule: ruleFor(rules, variancePence),
    partners: riskShare(rules, contributions, variancePence).map((s) => ({ partnerId: s.partnerId, partnerName: names.get(s.partnerId) ?? '', contributionPence: given.get(s.partnerId) ?? 0, sharePence: s.sharePence })),
  };
}
