/**
 * Care and support plans and their service lines as the API shows them: the shapes answered and
 * the helpers that build them (the steps are in service.ts and line-steps.ts).
 */

import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';

import { partnersByIds, type PartnerRef } from '../../partnership/lookups.js';
import { personRefs, type PersonRef } from '../../people/service.js';
import { pounds } from '../assessments/fields.js';
import { assessmentForPlanning } from '../assessments/service.js';

import { lineCost, planCost, type Frequency, type PlanCost } from './cost.js';
import * as q from './queries.js';
import { frequencyWords } from './types.js';

export type LineView = {
  id: string;
  planId: string;
  personId: string;
  serviceType: string;
  component: string;
  provider: { id: string; name: string; kind: string; odsCode: string | null };
  deliveryMechanism: string;
  unit: string;
  quantity: number;
  frequency: string;
  unitCostPence: number;
  weeklyCostPence: number;
  oneOffCostPence: number;
  plannedStart: string;
  plannedEnd: string | null;
  status: string;
  approvedBy: string | null;
  approvedAt: string | null;
  startedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  priceFrom: string | null;
  version: number;
};

export type PlanView = {
  id: string;
  personId: string;
  /** Who the plan is for (name, NHS number, date of birth): the view passed the policy for them. */
  person: PersonRef;
  assessmentId: string;
  /** The assessment the plan meets: the 28 days run from its completion. */
  assessment: { id: string; kind: string; completedOn: string | null };
  needs: { need: string; outcome: string; careActOutcome?: string }[];
  status: string;
  createdAt: string;
  createdBy: string | null;
  version: number;
  lines: LineView[];
  cost: PlanCost;
  /** The day the first service started: the package is in place. */
  inPlaceOn: string | null;
};

export function lineView(l: q.LineRow, provider: PartnerRef | undefined): LineView {
  const cost = lineCost(l);
  return {
    id: l.id,
    planId: l.planId,
    personId: l.personId,
    serviceType: l.serviceType,
    component: l.component,
    provider: { id: l.providerPartnerId, name: provider?.name ?? '', kind: provider?.kind ?? '', odsCode: provider?.odsCode ?? null },
    deliveryMechanism: l.deliveryMechanism,
    unit: l.unit,
    quantity: l.quantityHundredths / 100,
    frequency: l.frequency,
    unitCostPence: Number(l.unitCostPence),
    weeklyCostPence: cost.weeklyPence,
    oneOffCostPence: cost.oneOffPence,
    plannedStart: l.plannedStart,
    plannedEnd: l.plannedEnd,
    status: l.status,
    approvedBy: l.approvedBy,
    approvedAt: l.approvedAt?.toISOString() ?? null,
    startedOn: l.startedOn,
    endedOn: l.endedOn,
    endReason: l.endReason,
    priceFrom: l.priceFrom,
    version: l.version,
  };
}

export function describeLine(l: q.LineRow, provider: string): string {
  const c = lineCost(l);
  const qty = `${l.quantityHundredths / 100} ${l.unit}${l.quantityHundredths === 100 ? '' : 's'} ${frequencyWords[l.frequency as Frequency]?.phrase ?? ''}`.trim();
  const money = l.frequency === 'one_off' ? pounds(c.oneOffPence) : `${pounds(c.weeklyPence)} a week`;
  return `${l.component}: ${qty} at ${pounds(Number(l.unitCostPence))} (${money}), ${provider}`;
}

export async function planView(tx: Executor, placeId: string, plan: q.PlanRow, personId = plan.personId): Promise<PlanView> {
  // One query at a time: a transaction is one connection.
  const lines = await q.linesOfPlan(tx, placeId, plan.id);
  const providers = await partnersByIds(tx, placeId, lines.map((l) => l.providerPartnerId));
  const person = (await personRefs(tx, placeId, [personId])).get(personId)!;
  const assessment = await assessmentForPlanning(tx, placeId, plan.assessmentId);
  const started = lines.flatMap((l) => (l.startedOn ? [l.startedOn] : [])).sort();
  return {
    id: plan.id,
    personId: plan.personId,
    person,
    assessmentId: plan.assessmentId,
    assessment: { id: plan.assessmentId, kind: assessment?.kind ?? '', completedOn: assessment?.completedAt ? londonDateOf(assessment.completedAt) : null },
    needs: plan.needs as PlanView['needs'],
    status: plan.status,
    createdAt: plan.createdAt.toISOString(),
    createdBy: plan.createdBy,
    version: plan.version,
    lines: lines.map((l) => lineView(l, providers.get(l.providerPartnerId))),
    cost: planCost(lines.map((l) => ({ ...l, unitCostPence: Number(l.unitCostPence) }))),
    inPlaceOn: started[0] ?? null,
  };
}
