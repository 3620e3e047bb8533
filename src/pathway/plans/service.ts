import type { Ctx } from '../../access/actor.js';
import { auditAllowed, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import type { AccessGrant, PersonForPolicy } from '../../access/policy.js';
import { isPractitioner, roleLabels, roles, type Role } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { partnerByRef, partnersByIds, providingPartnerKinds, type PartnerRef } from '../../partnership/lookups.js';
import { personForPolicy, personRefs, type PersonRef } from '../../people/service.js';
import { addDays, pounds } from '../assessments/fields.js';
import { Refusal, unlessRefused } from '../assessments/refusal.js';
import { assessmentForPlanning } from '../assessments/service.js';
import { recordEvent } from '../events.js';
import { firstReviewAfterStart } from '../reviews/rules.js';
import { schedulePlannedReview } from '../reviews/scheduling.js';
import { decideApproval, defaultLimitOf } from './approval.js';
import { lineCost, planCost, type Frequency, type PlanCost } from './cost.js';
import * as q from './queries.js';
import { stateWords, transition, type LineAction, type LineState } from './states.js';
import { frequencyWords, MAX_LINE_WEEKLY_PENCE, type NewLineInput, type NewPlanInput } from './types.js';

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
    version: l.version,
  };
}

function describeLine(l: q.LineRow, provider: string): string {
  const c = lineCost(l);
  const qty = `${l.quantityHundredths / 100} ${l.unit}${l.quantityHundredths === 100 ? '' : 's'} ${frequencyWords[l.frequency as Frequency]?.phrase ?? ''}`.trim();
  const money = l.frequency === 'one_off' ? pounds(c.oneOffPence) : `${pounds(c.weeklyPence)} a week`;
  return `${l.component}: ${qty} at ${pounds(Number(l.unitCostPence))} (${money}), ${provider}`;
}

async function planView(tx: Executor, placeId: string, plan: q.PlanRow, personId = plan.personId): Promise<PlanView> {
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

type PlanLoaded = PersonForPolicy & { plan: q.PlanRow };
type LineLoaded = PlanLoaded & { line: q.LineRow };

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

async function loadLine(tx: Executor, placeId: string, lineId: string, lock: boolean): Promise<{ line: q.LineRow; plan: q.PlanRow }> {
  const line = await q.lineById(tx, placeId, lineId, lock);
  if (!line) throw new NotFoundError('There is no service line with this id in this place.');
  const plan = await q.planById(tx, placeId, line.planId);
  return { line, plan: plan! };
}

async function withLine<T>(
  ctx: Ctx,
  action: string,
  lineId: string,
  work: (tx: Executor, loaded: LineLoaded, at: Date) => Promise<T | Refusal>,
): Promise<T> {
  const placeId = ctx.actor.placeId;
  const result = await withPersonAccess(
    ctx,
    action,
    async (tx): Promise<LineLoaded> => {
      const { line, plan } = await loadLine(tx, placeId, lineId, true);
      const person = await personForPolicy(tx, placeId, plan.personId);
      return { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, plan, line };
    },
    (tx, loaded, _grant, at) => work(tx, loaded, at),
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

export async function proposeLine(ctx: Ctx, planId: string, input: NewLineInput): Promise<LineView> {
  const placeId = ctx.actor.placeId;
  const quantityHundredths = Math.round(input.quantity * 100);
  const cost = lineCost({ quantityHundredths, frequency: input.frequency, unitCostPence: input.unitCostPence });
  if (cost.weeklyPence > MAX_LINE_WEEKLY_PENCE) {
    throw new InvalidError(`This line would cost ${pounds(cost.weeklyPence)} a week, more than the ${pounds(MAX_LINE_WEEKLY_PENCE)} a line may: check the quantity and unit cost.`, [
      { field: 'quantity', problem: `makes a weekly cost of ${pounds(cost.weeklyPence)}, above ${pounds(MAX_LINE_WEEKLY_PENCE)}` },
    ]);
  }
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
      unitCostPence: input.unitCostPence,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd ?? null,
      status: 'proposed',
    });
    await q.insertLineVersion(tx, line, ctx.actor.userId, 'proposed', at);
    await recordEvent(tx, ctx.actor, at, {
      personId: loaded.id,
      kind: 'package',
      action: 'package.proposed',
      summary: `Proposed by ${ctx.actor.displayName}: ${describeLine(line, provider.name)}`,
      sector: ctx.actor.sector,
      subjectId: line.id,
      detail: { planId: plan.id, weeklyCostPence: cost.weeklyPence, oneOffCostPence: cost.oneOffPence },
    });
    await auditAllowed(tx, ctx.actor, at, { action: 'service_line.propose', personIds: [loaded.id], detail: { planId: plan.id, lineId: line.id, version: 1 } });
    return lineView(line, provider);
  });
}

function staleLine(line: q.LineRow, sent: number): ConflictError {
  return new ConflictError(`This line has changed since you opened it (it is now version ${line.version}, you sent ${sent}). Reload it.`, {
    currentVersion: line.version,
    status: line.status,
  });
}

function mustMove(line: q.LineRow, action: LineAction, version: number): LineState {
  const t = transition(line.status, action);
  if (!t.ok) throw new ConflictError(t.message, { status: line.status });
  if (line.version !== version) throw staleLine(line, version);
  return t.to;
}

export type LineChange = LineView & { planCost: PlanCost; reviewScheduled?: { id: string; dueOn: string } | null };

async function afterChange(
  tx: Executor,
  ctx: Ctx,
  at: Date,
  personId: string,
  plan: q.PlanRow,
  updated: q.LineRow,
  change: { version: string; action: string; summary: string; detail?: Record<string, unknown>; audit: string; via?: string },
): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  await q.insertLineVersion(tx, updated, ctx.actor.userId, change.version, at);
  await recordEvent(tx, ctx.actor, at, {
    personId,
    kind: 'package',
    action: change.action,
    summary: change.summary,
    sector: ctx.actor.sector,
    subjectId: updated.id,
    detail: { planId: plan.id, ...change.detail },
  });
  await auditAllowed(tx, ctx.actor, at, {
    action: change.audit,
    personIds: [personId],
    detail: { planId: plan.id, lineId: updated.id, version: updated.version, ...(change.via ? { via: change.via } : {}), ...change.detail },
  });
  const lines = await q.linesOfPlan(tx, placeId, plan.id);
  const provider = (await partnersByIds(tx, placeId, [updated.providerPartnerId])).get(updated.providerPartnerId);
  return { ...lineView(updated, provider), planCost: planCost(lines.map((l) => ({ ...l, unitCostPence: Number(l.unitCostPence) }))) };
}

export async function effectiveApprovalLimit(tx: Executor, placeId: string, role: string): Promise<{ weeklyPence: number; source: 'place' | 'default' }> {
  const set = await q.placeApprovalLimit(tx, placeId, role);
  return set === null ? { weeklyPence: defaultLimitOf(role), source: 'default' } : { weeklyPence: set, source: 'place' };
}

/**
 * Approval: a practitioner approves through the access policy; a commissioner (or any role the
 * place gives a limit) approves at a funding panel without a relationship with the person, seeing
 * the line and its cost but not the assessment. Either way the limit must cover the plan's
 * weekly cost once this line is approved, and nobody approves their own proposal.
 */
export async function approveLine(ctx: Ctx, lineId: string, version: number): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  const actor = ctx.actor;
  const work = async (tx: Executor, loaded: { line: q.LineRow; plan: q.PlanRow; personId: string }, at: Date, via: string) => {
    const { line, plan, personId } = loaded;
    const to = mustMove(line, 'approve', version);
    const limit = await effectiveApprovalLimit(tx, placeId, actor.role);
    const lines = await q.linesOfPlan(tx, placeId, plan.id);
    const committed = planCost(lines.map((l) => ({ ...l, unitCostPence: Number(l.unitCostPence) }))).committedWeeklyPence;
    const decision = decideApproval({
      role: actor.role,
      limitPence: limit.weeklyPence,
      committedWeeklyPence: committed,
      line: lineCost({ ...line, unitCostPence: Number(line.unitCostPence) }),
      proposedBy: await q.proposerOf(tx, placeId, line.id),
      approverUserId: actor.userId,
    });
    if (!decision.allowed) {
      return new Refusal('service_line.approve', [personId], decision.reason, decision.message, {
        lineId,
        limitPence: limit.weeklyPence,
        weeklyAfterApprovalPence: decision.weeklyAfterApprovalPence,
      });
    }
    const updated = await q.updateLineAtVersion(tx, placeId, line.id, version, { status: to, approvedBy: actor.userId, approvedAt: at });
    if (!updated) throw staleLine(line, version);
    const provider = (await partnersByIds(tx, placeId, [line.providerPartnerId])).get(line.providerPartnerId);
    return afterChange(tx, ctx, at, personId, plan, updated, {
      version: 'approved',
      action: 'package.approved',
      summary: `Approved by ${actor.displayName} (${roleLabels[actor.role]}): ${describeLine(updated, provider?.name ?? '')}; the plan now costs ${pounds(decision.weeklyAfterApprovalPence)} a week`,
      detail: { weeklyAfterApprovalPence: decision.weeklyAfterApprovalPence, limitPence: limit.weeklyPence },
      audit: 'service_line.approve',
      via,
    });
  };

  let result: LineChange | Refusal;
  if (isPractitioner(actor.role)) {
    result = await withPersonAccess(
      ctx,
      'service_line.approve',
      async (tx) => {
        const { line, plan } = await loadLine(tx, placeId, lineId, true);
        const person = await personForPolicy(tx, placeId, plan.personId);
        return { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, line, plan };
      },
      (tx, loaded, grant, at) => work(tx, { ...loaded, personId: loaded.id }, at, grant.kind),
    );
  } else {
    const limit = await effectiveApprovalLimit(ctx.db, placeId, actor.role);
    if (limit.weeklyPence <= 0) {
      const { plan } = await ctx.db.transaction((tx) => loadLine(tx, placeId, lineId, false));
      return denyAndAudit(ctx, {
        action: 'service_line.approve',
        personIds: [plan.personId],
        reason: 'approval_limit',
        message: `Your approval limit as ${roleLabels[actor.role]} is ${pounds(0)} a week: your role approves no packages.`,
        detail: { lineId, limitPence: 0 },
      });
    }
    const at = ctx.clock.now();
    result = await ctx.db.transaction(async (tx) => {
      const { line, plan } = await loadLine(tx, placeId, lineId, true);
      return work(tx, { line, plan, personId: plan.personId }, at, 'approval_limit');
    });
  }
  return unlessRefused(ctx, result);
}

export async function startLine(ctx: Ctx, lineId: string, input: { startedOn: string; version: number }): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  return withLine(ctx, 'service_line.start', lineId, async (tx, loaded, at) => {
    const { line, plan } = loaded;
    const to = mustMove(line, 'start', input.version);
    const assessment = (await assessmentForPlanning(tx, placeId, plan.assessmentId))!;
    const assessedOn = londonDateOf(assessment.completedAt!);
    if (input.startedOn < assessedOn) {
      throw new InvalidError(`The assessment was completed on ${assessedOn}; a service from it cannot have started before.`, [
        { field: 'startedOn', problem: `must not be before ${assessedOn}, when the assessment was completed` },
      ]);
    }
    const today = londonDateOf(at);
    if (input.startedOn > today) {
      throw new InvalidError('Record a service as in place on the day it starts, not before.', [{ field: 'startedOn', problem: `must not be after today (${today})` }]);
    }
    const firstBefore = await q.firstStartedOn(tx, placeId, plan.id);
    const updated = await q.updateLineAtVersion(tx, placeId, line.id, input.version, { status: to, startedOn: input.startedOn });
    if (!updated) throw staleLine(line, input.version);
    const provider = (await partnersByIds(tx, placeId, [line.providerPartnerId])).get(line.providerPartnerId);
    const packageInPlace = firstBefore === null;
    let reviewScheduled: { id: string; dueOn: string } | null = null;
    if (packageInPlace) {
      const first = firstReviewAfterStart(input.startedOn, line);
      const r = await schedulePlannedReview(tx, ctx.actor, at, { personId: loaded.id, planId: plan.id, ...first });
      reviewScheduled = { id: r.id, dueOn: r.dueOn };
    }
    const change = await afterChange(tx, ctx, at, loaded.id, plan, updated, {
      version: 'in_place',
      action: 'package.in_place',
      summary: `In place from ${input.startedOn}: ${describeLine(updated, provider?.name ?? '')}${packageInPlace ? ' — the package is in place' : ''}`,
      detail: { startedOn: input.startedOn, packageInPlace, assessmentCompletedOn: assessedOn },
      audit: 'service_line.start',
    });
    return { ...change, reviewScheduled };
  });
}

export async function endLine(ctx: Ctx, lineId: string, input: { endedOn: string; reason: string; version: number }): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  return withLine(ctx, 'service_line.end', lineId, async (tx, loaded, at) => {
    const { line, plan } = loaded;
    const to = mustMove(line, 'end', input.version);
    if (line.startedOn && input.endedOn < line.startedOn) {
      throw new InvalidError(`The service started on ${line.startedOn}; it cannot end before.`, [{ field: 'endedOn', problem: `must not be before ${line.startedOn}, when it started` }]);
    }
    const today = londonDateOf(at);
    if (input.endedOn > today) throw new InvalidError('Record a service as ended once it has.', [{ field: 'endedOn', problem: `must not be after today (${today})` }]);
    const updated = await q.updateLineAtVersion(tx, placeId, line.id, input.version, { status: to, endedOn: input.endedOn, endReason: input.reason.trim() });
    if (!updated) throw staleLine(line, input.version);
    return afterChange(tx, ctx, at, loaded.id, plan, updated, {
      version: 'ended',
      action: 'package.ended',
      summary: `${line.component} ended on ${input.endedOn}: ${input.reason.trim()}`,
      detail: { endedOn: input.endedOn },
      audit: 'service_line.end',
    });
  });
}

export async function cancelLine(ctx: Ctx, lineId: string, input: { reason: string; version: number }): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  return withLine(ctx, 'service_line.cancel', lineId, async (tx, loaded, at) => {
    const { line, plan } = loaded;
    const to = mustMove(line, 'cancel', input.version);
    const updated = await q.updateLineAtVersion(tx, placeId, line.id, input.version, { status: to, endReason: input.reason.trim() });
    if (!updated) throw staleLine(line, input.version);
    return afterChange(tx, ctx, at, loaded.id, plan, updated, {
      version: 'cancelled',
      action: 'package.cancelled',
      summary: `${line.component} cancelled before it started (it was ${stateWords[line.status as LineState]}): ${input.reason.trim()}`,
      detail: { was: line.status },
      audit: 'service_line.cancel',
    });
  });
}

export async function lineHistory(ctx: Ctx, lineId: string) {
  return withLine(ctx, 'service_line.history', lineId, async (tx, loaded, at) => {
    const versions = await q.lineVersions(tx, ctx.actor.placeId, lineId);
    await auditAllowed(tx, ctx.actor, at, { action: 'service_line.history', personIds: [loaded.id], detail: { lineId } });
    return versions.map((v) => ({
      version: v.version,
      change: v.change,
      changedBy: v.changedBy,
      changedAt: v.changedAt.toISOString(),
      status: (v.data as { status?: string }).status ?? '',
    }));
  });
}

export async function approvalLimits(ctx: Ctx) {
  const set = await q.placeApprovalLimits(ctx.db, ctx.actor.placeId);
  const byRole = new Map(set.map((s) => [s.role, Number(s.weeklyPence)]));
  return roles.map((role) => ({
    role,
    roleLabel: roleLabels[role],
    weeklyPence: byRole.get(role) ?? defaultLimitOf(role),
    source: byRole.has(role) ? ('place' as const) : ('default' as const),
  }));
}

/** The place's scheme of delegation, set by an administrator; each change audited with before and after. */
export async function setApprovalLimit(ctx: Ctx, input: { role: Role; weeklyPence: number }) {
  if (ctx.actor.role !== 'administrator') {
    return denyAndAudit(ctx, {
      action: 'approval_limit.set',
      personIds: [],
      reason: 'role',
      message: `Your role (${roleLabels[ctx.actor.role]}) does not set approval limits; an administrator does.`,
    });
  }
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await effectiveApprovalLimit(tx, ctx.actor.placeId, input.role);
    await q.setPlaceApprovalLimit(tx, ctx.actor.placeId, input.role, input.weeklyPence);
    await auditAllowed(tx, ctx.actor, at, {
      action: 'approval_limit.set',
      personIds: [],
      detail: { role: input.role, before: before.weeklyPence, beforeSource: before.source, after: input.weeklyPence },
    });
  });
  return approvalLimits(ctx);
}

/** What a review needs of a plan (reviews/ uses it inside its own policy check). */
export async function planForReview(tx: Executor, placeId: string, planId: string): Promise<{ id: string; personId: string; status: string; serviceInPlace: boolean } | null> {
  const plan = await q.planById(tx, placeId, planId);
  if (!plan) return null;
  const lines = await q.linesOfPlan(tx, placeId, planId);
  return { id: plan.id, personId: plan.personId, status: plan.status, serviceInPlace: lines.some((l) => l.status === 'in_place') };
}
