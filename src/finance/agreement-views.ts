/** How the agreement and its schedule versions read: partner names, line names and totals filled in. */
import { clientGroupLabels } from '../partnership/routing.js';
import type { ClientGroup } from '../partnership/functions.js';
import { sumPence } from '../platform/money.js';
import { parseBudgetLineCode, serviceAreaLabels } from './budget-lines.js';
import type { S75Agreement, S75Schedule } from './agreement-schema.js';
import type { FundingStream } from './agreement-inputs.js';
import type { RiskShareRules } from './risk-share.js';

export type AgreementView = {
  id: string;
  reference: string;
  title: string;
  signedOn: string;
  hostPartnerId: string;
  hostPartnerName: string;
  fundManagerPost: string;
  functions: string[];
  clientGroups: string[];
  recordedAt: string;
  recordedBy: string | null;
};

export type BudgetView = { code: string; name: string; budgetPence: number };

export type ScheduleView = {
  id: string;
  financialYear: string;
  version: number;
  /** True for the version in force now (the year's newest). */
  current: boolean;
  supersedesId: string | null;
  reason: string;
  boardDecisionRef: string;
  recordedAt: string;
  recordedBy: string | null;
  partners: { partnerId: string; partnerName: string; plannedPence: number; contributions: { stream: FundingStream; plannedPence: number }[] }[];
  budgets: BudgetView[];
  plannedTotalPence: number;
  budgetTotalPence: number;
  riskShare: RiskShareRules;
};

export type AgreementVersionView = { agreement: AgreementView; schedule: ScheduleView };

export function agreementView(a: S75Agreement, names: Map<string, string>): AgreementView {
  return {
    id: a.id,
    reference: a.reference,
    title: a.title,
    signedOn: a.signedOn,
    hostPartnerId: a.hostPartnerId,
    hostPartnerName: names.get(a.hostPartnerId) ?? '',
    fundManagerPost: a.fundManagerPost,
    functions: a.functions,
    clientGroups: a.clientGroups,
    recordedAt: a.recordedAt.toISOString(),
    recordedBy: a.recordedBy,
  };
}

/** "Home care, older people, zone Z1" — a budget line as a person reads it. */
export function budgetLineName(code: string, zoneNames: Map<string, string>): string {
  const k = parseBudgetLineCode(code);
  if (!k) return code;
  const zone = k.zoneCode === null ? 'all zones' : (zoneNames.get(k.zoneCode) ?? k.zoneCode);
  return `${serviceAreaLabels[k.serviceArea]}, ${clientGroupLabels[k.clientGroup as ClientGroup] ?? k.clientGroup}, ${zone}`;
}

export function scheduleView(
  s: S75Schedule,
  current: boolean,
  planned: { partnerId: string; stream: string; plannedPence: number }[],
  budgets: { code: string; budgetPence: number }[],
  names: Map<string, string>,
  zoneNames: Map<string, string>,
): ScheduleView {
  const partners = new Map<string, ScheduleView['partners'][number]>();
  for (const p of planned) {
    const row = partners.get(p.partnerId) ?? { partnerId: p.partnerId, partnerName: names.get(p.partnerId) ?? '', plannedPence: 0, contributions: [] };
    row.contributions.push({ stream: p.stream as FundingStream, plannedPence: p.plannedPence });
    row.plannedPence += p.plannedPence;
    partners.set(p.partnerId, row);
  }
  const budgetViews = budgets.map((b) => ({ code: b.code, name: budgetLineName(b.code, zoneNames), budgetPence: b.budgetPence }));
  return {
    id: s.id,
    financialYear: s.financialYear,
    version: s.version,
    current,
    supersedesId: s.supersedesId,
    reason: s.reason,
    boardDecisionRef: s.boardDecisionRef,
    recordedAt: s.recordedAt.toISOString(),
    recordedBy: s.recordedBy,
    partners: [...partners.values()].sort((a, b) => b.plannedPence - a.plannedPence || a.partnerName.localeCompare(b.partnerName)),
    budgets: budgetViews,
    plannedTotalPence: sumPence(planned.map((p) => p.plannedPence)),
    budgetTotalPence: sumPence(budgets.map((b) => b.budgetPence)),
    riskShare: s.riskShare as RiskShareRules,
  };
}
