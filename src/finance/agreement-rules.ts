/** What a schedule version must satisfy before it is recorded (decision 0012). */
import type { PlaceOverview } from '../partnership/service.js';
import { financialYearOf } from '../platform/financial-year.js';
import { formatPounds, sumPence } from '../platform/money.js';
import { parseBudgetLineCode } from './budget-lines.js';
import type { ScheduleInput } from './agreement-inputs.js';
import type { S75Agreement } from './agreement-schema.js';
import { riskRuleProblems } from './risk-share.js';

type Problem = { field: string; problem: string };

function partnerProblems(input: ScheduleInput, overview: PlaceOverview): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  input.partners.forEach((p, i) => {
    const partner = overview.partners.find((x) => x.id === p.partnerId);
    if (!partner) problems.push({ field: `partners.${i}.partnerId`, problem: `is not a partner of ${overview.place.name}` });
    else if (['gp_practice', 'provider'].includes(partner.kind)) problems.push({ field: `partners.${i}.partnerId`, problem: `${partner.name} is a ${partner.kind.replace('_', ' ')}, which does not contribute to the pool` });
    if (seen.has(p.partnerId)) problems.push({ field: `partners.${i}.partnerId`, problem: 'names a partner already in the pool; give all its streams once' });
    seen.add(p.partnerId);
    const streams = p.contributions.map((c) => c.stream);
    if (new Set(streams).size !== streams.length) problems.push({ field: `partners.${i}.contributions`, problem: 'names a funding stream twice' });
  });
  return problems;
}

function budgetProblems(input: ScheduleInput, agreement: S75Agreement, overview: PlaceOverview): Problem[] {
  const problems: Problem[] = [];
  const zoneCodes = new Set(overview.zones.map((z) => z.code));
  const seen = new Set<string>();
  input.budgets.forEach((b, i) => {
    const field = `budgets.${i}.budgetLineCode`;
    const k = parseBudgetLineCode(b.budgetLineCode);
    if (!k) problems.push({ field, problem: `${b.budgetLineCode} is not a budget line code (BL/<service area>/<client group>/<zone code or ALL>)` });
    else if (!agreement.clientGroups.includes(k.clientGroup)) problems.push({ field, problem: `${b.budgetLineCode}: ${k.clientGroup} is not a client group the agreement covers (${agreement.clientGroups.join(', ')})` });
    else if (k.zoneCode !== null && !zoneCodes.has(k.zoneCode)) problems.push({ field, problem: `${b.budgetLineCode}: ${k.zoneCode} is not a zone of ${overview.place.name}` });
    if (seen.has(b.budgetLineCode)) problems.push({ field, problem: `${b.budgetLineCode} is given twice` });
    seen.add(b.budgetLineCode);
  });
  return problems;
}

/** Every problem of a schedule version for year `fy`, each naming its field (empty when sound). */
export function scheduleProblems(input: ScheduleInput, c: { fy: string; agreement: S75Agreement; overview: PlaceOverview }): Problem[] {
  const problems = [...partnerProblems(input, c.overview), ...budgetProblems(input, c.agreement, c.overview)];
  const signedFy = financialYearOf(c.agreement.signedOn);
  if (c.fy < signedFy) problems.push({ field: 'fy', problem: `${c.fy} is before the agreement was signed (${c.agreement.signedOn}, in ${signedFy})` });
  const planned = sumPence(input.partners.flatMap((p) => p.contributions.map((x) => x.plannedPence)));
  const budgeted = sumPence(input.budgets.map((b) => b.budgetPence));
  if (planned !== budgeted) {
    const diff = budgeted - planned;
    problems.push({
      field: 'budgets',
      problem: `add up to ${formatPounds(budgeted)}, ${formatPounds(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} than the planned contributions of ${formatPounds(planned)}; budgets must equal contributions`,
    });
  }
  const pool = input.partners.map((p) => p.partnerId);
  problems.push(...riskRuleProblems(input.riskShare.overspend, pool, 'riskShare.overspend'), ...riskRuleProblems(input.riskShare.underspend, pool, 'riskShare.underspend'));
  return problems;
}
