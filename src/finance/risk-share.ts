/**
 * Risk share: how an over- or underspend of the pool falls on its partners under the agreement's
 * rules. Pure arithmetic in pence; every split goes through allocatePence, so the partners' shares
 * always add up to the variance exactly.
 */
import { allocatePence } from '../platform/money.js';

export const riskMethods = ['pro_rata', 'fixed', 'capped'] as const;
export type RiskMethod = (typeof riskMethods)[number];

/**
 * pro_rata: in proportion to each partner's contribution (planned plus variations).
 * fixed: agreed percentages, in basis points summing to 10000.
 * capped: pro rata, but a partner with a cap bears at most its cap (pence); the named partner
 * bears whatever the caps leave over.
 */
export type RiskRule =
  | { method: 'pro_rata' }
  | { method: 'fixed'; shares: { partnerId: string; basisPoints: number }[] }
  | { method: 'capped'; caps: { partnerId: string; capPence: number }[]; bearerPartnerId: string };

/** Overspend (actual above budget: a positive variance) and underspend may follow different rules. */
export type RiskShareRules = { overspend: RiskRule; underspend: RiskRule };

export type ContributionWeight = { partnerId: string; plannedPence: number; variationsPence?: number };
export type RiskShareLine = { partnerId: string; sharePence: number };

/** Each partner's contribution to weigh a pro-rata share by, in the order partners first appear. */
function weightsOf(contributions: readonly ContributionWeight[]): Map<string, number> {
  const w = new Map<string, number>();
  for (const c of contributions) w.set(c.partnerId, (w.get(c.partnerId) ?? 0) + c.plannedPence + (c.variationsPence ?? 0));
  for (const [k, v] of w) w.set(k, Math.max(0, v));
  return w;
}

function proRata(weights: Map<string, number>, variancePence: number): Map<string, number> {
  const ids = [...weights.keys()];
  if (ids.length === 0) throw new RangeError('A risk share needs at least one partner in the pool.');
  const values = ids.map((id) => weights.get(id)!);
  // With nothing contributed there is nothing to weigh by: equal shares.
  const parts = allocatePence(variancePence, values.some((v) => v > 0) ? values : values.map(() => 1));
  return new Map(ids.map((id, i) => [id, parts[i]!]));
}

/** The rule that applies to a variance: overspend when actual spend is above budget. */
export function ruleFor(rules: RiskShareRules, variancePence: number): RiskRule {
  return variancePence > 0 ? rules.overspend : rules.underspend;
}

/**
 * Each partner's share of `variancePence` (positive: overspend; negative: underspend) under the
 * rules; the shares add up to the variance exactly and keep its sign.
 */
export function riskShare(rules: RiskShareRules, contributions: readonly ContributionWeight[], variancePence: number): RiskShareLine[] {
  if (!Number.isSafeInteger(variancePence)) throw new RangeError('The variance must be whole pence.');
  const weights = weightsOf(contributions);
  const rule = ruleFor(rules, variancePence);
  for (const id of ruleParties(rule)) if (!weights.has(id)) weights.set(id, 0);
  let shares: Map<string, number>;
  if (rule.method === 'fixed') {
    const parts = allocatePence(variancePence, rule.shares.map((s) => s.basisPoints));
    shares = new Map([...weights.keys()].map((id) => [id, 0]));
    rule.shares.forEach((s, i) => shares.set(s.partnerId, (shares.get(s.partnerId) ?? 0) + parts[i]!));
  } else if (rule.method === 'capped') {
    shares = proRata(weights, variancePence);
    const sign = variancePence < 0 ? -1 : 1;
    let excess = 0;
    for (const { partnerId, capPence } of rule.caps) {
      const share = shares.get(partnerId) ?? 0;
      if (Math.abs(share) > capPence) {
        excess += share - sign * capPence;
        shares.set(partnerId, sign * capPence);
      }
    }
    shares.set(rule.bearerPartnerId, (shares.get(rule.bearerPartnerId) ?? 0) + excess);
  } else {
    shares = proRata(weights, variancePence);
  }
  return [...shares].map(([partnerId, sharePence]) => ({ partnerId, sharePence }));
}

/** The partners a rule names. */
export function ruleParties(rule: RiskRule): string[] {
  if (rule.method === 'fixed') return rule.shares.map((s) => s.partnerId);
  if (rule.method === 'capped') return [...rule.caps.map((c) => c.partnerId), rule.bearerPartnerId];
  return [];
}

/** What is wrong with a rule for a pool of these partners, as field problems (empty when sound). */
export function riskRuleProblems(rule: RiskRule, poolPartnerIds: readonly string[], field: string): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const inPool = new Set(poolPartnerIds);
  for (const id of ruleParties(rule)) {
    if (!inPool.has(id)) problems.push({ field, problem: `names partner ${id}, who is not in this year's pool` });
  }
  if (rule.method === 'fixed') {
    const total = rule.shares.reduce((a, s) => a + s.basisPoints, 0);
    if (total !== 10000) problems.push({ field: `${field}.shares`, problem: `basis points add up to ${total}, not 10000 (100%)` });
    if (new Set(rule.shares.map((s) => s.partnerId)).size !== rule.shares.length) problems.push({ field: `${field}.shares`, problem: 'names a partner twice' });
  }
  if (rule.method === 'capped') {
    if (rule.caps.some((c) => c.partnerId === rule.bearerPartnerId)) problems.push({ field: `${field}.caps`, problem: 'caps the partner who bears the rest; the bearer has no cap' });
    if (new Set(rule.caps.map((c) => c.partnerId)).size !== rule.caps.length) problems.push({ field: `${field}.caps`, problem: 'names a partner twice' });
  }
  return problems;
}
