/**
 * Care and support plans: made from a completed assessment, read through the access policy, and
 * their service lines proposed (the steps after that are in line-steps.ts).
 */
import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import type { AccessGrant } from '../../access/policy.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { partnerByRef, providingPartnerKinds, type PartnerRef } from '../../partnership/lookups.js';
import { personForPolicy } from '../../people/service.js';
import { addDays, pounds } from '../assessments/fields.js';
import { Refusal, unlessRefused } from '../assessments/refusal.js';
import { assessmentForPlanning } from '../assessments/service.js';
import { recordEvent } from '../events.js';

import { lineCost } from './cost.js';
import { linePricer, type ContractPrice } from './line-pricing.js';
import * as q from './queries.js';
import { MAX_LINE_WEEKLY_PENCE, type NewLineInput, type NewPlanInput } from './types.js';
import { lineView, planView, describeLine, type LineView, type PlanView } from './views.js';
import type { PlanLoaded } from './line-steps.js';

async function withPlan<T>(
  ctx: Ctx,
  action: string,
  planId: string,
  lock: boolean,
  work: (tx: Executor, loaded: PlanLoaded, grant: AccessGrant, at: Date) => Promise<T | Refusal>,
): Promise<T> {
  const placeId = ctx.actor.placeId;
  const result = await withPersonAccess(
    ctx,
    action,
    async (tx): Promise<PlanLoaded> => {
      const plan = await q.planById(tx, placeId, planId, lock);
      if (!plan) throw new NotFoundError('There is no care plan with this id in this place.');
      const person = await personForPolicy(tx, placeId, plan.personId);
      return { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, plan };
    },
    work,
  );
  return unlessRefused(ctx, result);
}

export async function createPlan(ctx: Ctx, input: NewPlanInput): Promise<PlanView> {
  const placeId = ctx.actor.placeId;
  const head = await assessmentForPlanning(ctx.db, placeId, input.assessmentId);
  if (!head) throw new InvalidError('There is no assessment with this id in this place.', [{ field: 'assessmentId', problem: 'is not an assessment in this place' }]);
  return withPersonAccess(
    ctx,
    'plan.create',
    (tx) => personForPolicy(tx, placeId, head.personId),
    async (tx, person, _grant, at) => {
      const a = (await assessmentForPlanning(tx, placeId, input.assessmentId))!;
      if (a.status !== 'completed') {
        throw new ConflictError(`The assessment is ${a.status.replace('_', ' ')}: complete it with an eligibility decision before making a plan.`, {
          assessmentStatus: a.status,
        });
      }
      if (a.eligibilityDecision !== 'eligible') {
        throw new ConflictError(
          a.eligibilityDecision === 'not_eligible'
            ? 'The assessment found no eligible needs, so there is no care and support plan to make from it.'
            : 'The assessment made no eligibility decision (a short term assessment): a care and support plan needs an assessment that found eligible needs.',
          { eligibilityDecision: a.eligibilityDecision },
        );
      }
      const existing = await q.activePlanOfAssessment(tx, placeId, a.id);
      if (existing) throw new ConflictError(`Plan ${existing.id} already meets the needs of this assessment: add lines to it.`, { existingId: existing.id });
      const id = newId();
      await q.insertPlan(tx, {
        placeId,
        id,
        personId: person.id,
        assessmentId: a.id,
        needs: input.needs,
        status: 'active',
        createdAt: at,
        createdBy: ctx.actor.userId,
      });
      await recordEvent(tx, ctx.actor, at, {
        personId: person.id,
        kind: 'plan',
        action: 'plan.created',
        summary: `Care and support plan agreed by ${ctx.actor.displayName}: ${input.needs.map((n) => n.outcome).join('; ')}`,
        sector: ctx.actor.sector,
        subjectId: id,
        detail: { assessmentId: a.id, needs: input.needs.length },
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'plan.create', personIds: [person.id], detail: { planId: id, assessmentId: a.id } });
      return planView(tx, placeId, (await q.planById(tx, placeId, id))!, person.id);
    },
  );
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanView> {
  return withPlan(ctx, 'plan.read', id, false, async (tx, loaded, grant, at) => {
    const view = await planView(tx, ctx.actor.placeId, loaded.plan, loaded.id);
    await auditAllowed(tx, ctx.actor, at, { action: 'plan.read', personIds: [loaded.id], detail: { planId: id, via: grant.kind } });
    return view;
  });
}

export async function plansOf(ctx: Ctx, personId: string): Promise<PlanView[]> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'plan.list',
    (tx) => personForPolicy(tx, placeId, personId),
    async (tx, person, _grant, at) => {
      const plans = await q.plansOfPerson(tx, placeId, person.id);
      const views: PlanView[] = [];
      for (const p of plans) views.push(await planView(tx, placeId, p, person.id));
      await auditAllowed(tx, ctx.actor, at, { action: 'plan.list', personIds: [person.id], detail: { results: plans.length } });
      return views;
    },
    { read: true, personId },
  );
}

async function providerFor(tx: Executor, placeId: string, input: NewLineInput): Promise<PartnerRef> {
  const field = input.providerPartnerId ? 'providerPartnerId' : 'providerOds';
  const partner = await partnerByRef(tx, placeId, { id: input.providerPartnerId, ods: input.providerOds });
  if (!partner) throw new InvalidError('There is no such partner in this place.', [{ field, problem: 'is not a partner in this place' }]);
  if (!(providingPartnerKinds as readonly string[]).includes(partner.kind)) {
    throw new InvalidError(`${partner.name} is a partner of kind ${partner.kind}, which does not provide care services.`, [
      { field, problem: `must be a provider, voluntary body, NHS or care trust, or council (not ${partner.kind})` },
    ]);
  }
  if ((partner.validFrom && partner.validFrom > input.plannedStart) || (partner.validTo && partner.validTo < input.plannedStart)) {
    throw new InvalidError(`${partner.name} is not a partner of this place on ${input.plannedStart}.`, [{ field, problem: `is not a partner on ${input.plannedStart}` }]);
  }
  return partner;
}

export type LinePricingView = {
  source: 'contract' | 'spot';
  contractId: string | null;
  contractReference: string | null;
  rateCardId: string | null;
  ratePence: number;
  /** "contract rate …" or "spot price, no contract". */
  message: string;
};

/**
 * The line's unit cost: the contract rate in force at its planned start when a contract covers
 * the provider's service (a different unitCostPence is refused, naming the rate), else the spot
 * price the proposer gives.
 */
async function priceOfLine(tx: Executor, placeId: string, provider: PartnerRef, input: NewLineInput): Promise<{ unitCostPence: number; contract: ContractPrice | null; view: LinePricingView }> {
  const pricer = linePricer();
  const contract = pricer
    ? await pricer.rateFor(tx, placeId, { providerPartnerId: provider.id, serviceType: input.serviceType, unit: input.unit, enhancement: input.enhancement, on: input.plannedStart })
    : null;
  const enhanced = input.enhancement === 'standard' ? '' : ` (${input.enhancement.replace('_', ' ')})`;
  if (contract) {
    const rate = `${pounds(contract.ratePence)} a ${input.unit}${enhanced}`;
    if (input.unitCostPence !== undefined && input.unitCostPence !== contract.ratePence) {
      throw new InvalidError(
        `${provider.name}'s contract ${contract.contractReference} prices this service at ${rate} from ${contract.effectiveFrom}: the line takes the contract rate, so leave the unit cost out (or give ${contract.ratePence}).`,
        [{ field: 'unitCostPence', problem: `must be the contract rate ${contract.ratePence} (${rate}, contract ${contract.contractReference}) or left out` }],
      );
    }
    return {
      unitCostPence: contract.ratePence,
      contract,
      view: {
        source: 'contract',
        contractId: contract.contractId,
        contractReference: contract.contractReference,
        rateCardId: contract.rateCardId,
        ratePence: contract.ratePence,
        message: `contract rate ${rate}, contract ${contract.contractReference} (from ${contract.effectiveFrom})`,
      },
    };
  }
  if (input.unitCostPence === undefined) {
    throw new InvalidError(
      `No contract with ${provider.name} has a rate for ${input.serviceType} by the ${input.unit}${enhanced} on ${input.plannedStart}: give a spot price (unitCostPence).`,
      [{ field: 'unitCostPence', problem: 'is required: no contract rate covers this service, so give a spot price in pence' }],
    );
  }
  return {
    unitCostPence: input.unitCostPence,
    contract: null,
    view: { source: 'spot', contractId: null, contractReference: null, rateCardId: null, ratePence: input.unitCostPence, message: 'spot price, no contract' },
  };
}

export async function proposeLine(ctx: Ctx, planId: string, input: NewLineInput): Promise<LineView & { pricing: LinePricingView }> {
  const placeId = ctx.actor.placeId;
  const quantityHundredths = Math.round(input.quantity * 100);
  return withPlan(ctx, 'service_line.propose', planId, true, async (tx, loaded, _grant, at) => {
    const plan = loaded.plan;
    if (plan.status !== 'active') throw new ConflictError(`This plan is ${plan.status}: it takes no new lines.`, { planStatus: plan.status });
    const assessment = (await assessmentForPlanning(tx, placeId, plan.assessmentId))!;
    const assessedOn = londonDateOf(assessment.completedAt!);
    if (input.plannedStart < assessedOn) {
      throw new InvalidError(`The assessment was completed on ${assessedOn}; a service from it cannot be planned to start before that.`, [
        { field: 'plannedStart', problem: `must not be before ${assessedOn}, when the assessment was completed` },
      ]);
    }
    const latest = addDays(londonDateOf(at), 2 * 366);
    if (input.plannedStart > latest) {
      throw new InvalidError('A service is planned at most two years ahead.', [{ field: 'plannedStart', problem: `must not be after ${latest}` }]);
    }
    const provider = await providerFor(tx, placeId, input);
    const price = await priceOfLine(tx, placeId, provider, input);
    const cost = lineCost({ quantityHundredths, frequency: input.frequency, unitCostPence: price.unitCostPence });
    if (cost.weeklyPence > MAX_LINE_WEEKLY_PENCE) {
      throw new InvalidError(`This line would cost ${pounds(cost.weeklyPence)} a week, more than the ${pounds(MAX_LINE_WEEKLY_PENCE)} a line may: check the quantity and unit cost.`, [
        { field: 'quantity', problem: `makes a weekly cost of ${pounds(cost.weeklyPence)}, above ${pounds(MAX_LINE_WEEKLY_PENCE)}` },
      ]);
    }
    const line = await q.insertLine(tx, {
      placeId,
      id: newId(),
      planId: plan.id,
      personId: plan.personId,
      serviceType: input.serviceType,
      component: input.component,
      providerPartnerId: provider.id,
      deliveryMechanism: input.deliveryMechanism,
      unit: input.unit,
      quantityHundredths,
      frequency: input.frequency,
      unitCostPence: price.unitCostPence,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd ?? null,
      status: 'proposed',
    });
    if (price.contract) await linePricer()!.priced(tx, placeId, line.id, input.plannedStart, price.contract, at);
    await q.insertLineVersion(tx, line, ctx.actor.userId, 'proposed', at);
    await recordEvent(tx, ctx.actor, at, {
      personId: loaded.id,
      kind: 'package',
      action: 'package.proposed',
      summary: `Proposed by ${ctx.actor.displayName}: ${describeLine(line, provider.name)} (${price.view.message})`,
      sector: ctx.actor.sector,
      subjectId: line.id,
      detail: { planId: plan.id, weeklyCostPence: cost.weeklyPence, oneOffCostPence: cost.oneOffPence, pricing: price.view.source, contractId: price.view.contractId },
    });
    await auditAllowed(tx, ctx.actor, at, {
      action: 'service_line.propose',
      personIds: [loaded.id],
      detail: { planId: plan.id, lineId: line.id, version: 1, pricing: price.view.source, rateCardId: price.view.rateCardId },
    });
    return { ...lineView(line, provider), pricing: price.view };
  });
}

/** What a review needs of a plan (reviews/ uses it inside its own policy check). */
export async function planForReview(tx: Executor, placeId: string, planId: string): Promise<{ id: string; personId: string; status: string; serviceInPlace: boolean } | null> {
  const plan = await q.planById(tx, placeId, planId);
  if (!plan) return null;
  const lines = await q.linesOfPlan(tx, placeId, planId);
  return { id: plan.id, personId: plan.personId, status: plan.status, serviceInPlace: lines.some((l) => l.status === 'in_place') };
}
