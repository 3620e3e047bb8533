/**
 * A service line's steps after it is proposed: approved (within the approver's limit), started
 * (in place), ended or cancelled, each a new version of the line with its timeline event and
 * audit entry; and the line's history.
 */
import type { Ctx } from '../../access/actor.js';
import { auditAllowed, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import type { PersonForPolicy } from '../../access/policy.js';
import { isPractitioner, roleLabels } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { partnersByIds } from '../../partnership/lookups.js';
import { personForPolicy } from '../../people/service.js';
import { pounds } from '../assessments/fields.js';
import { Refusal, unlessRefused } from '../assessments/refusal.js';
import { assessmentForPlanning } from '../assessments/service.js';
import { recordEvent } from '../events.js';
import { firstReviewAfterStart } from '../reviews/rules.js';
import { schedulePlannedReview } from '../reviews/scheduling.js';
import { decideApproval } from './approval.js';
import { lineCost, planCost, type PlanCost } from './cost.js';
import * as q from './queries.js';
import { stateWords, transition, type LineAction, type LineState } from './states.js';
import { lineView, describeLine, type LineView } from './views.js';
import { effectiveApprovalLimit } from './approval-limits.js';
import { serviceLineChanged, type ServiceLineChange } from './line-events.js';

export type PlanLoaded = PersonForPolicy & { plan: q.PlanRow };
export type LineLoaded = PlanLoaded & { line: q.LineRow };

export async function loadLine(tx: Executor, placeId: string, lineId: string, lock: boolean): Promise<{ line: q.LineRow; plan: q.PlanRow }> {
  const line = await q.lineById(tx, placeId, lineId, lock);
  if (!line) throw new NotFoundError('There is no service line with this id in this place.');
  const plan = await q.planById(tx, placeId, line.planId);
  return { line, plan: plan! };
}

export async function withLine<T>(
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

export function staleLine(line: q.LineRow, sent: number): ConflictError {
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

export async function afterChange(
  tx: Executor,
  ctx: Ctx,
  at: Date,
  personId: string,
  plan: q.PlanRow,
  updated: q.LineRow,
  change: { version: ServiceLineChange['step']; action: string; summary: string; detail?: Record<string, unknown>; audit: string; via?: string; varied?: ServiceLineChange['varied'] },
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
  // Other modules act on the step in this transaction (a stay awaiting this package).
  await serviceLineChanged(tx, ctx.actor, at, {
    step: change.version,
    personId,
    planId: plan.id,
    lineId: updated.id,
    serviceType: updated.serviceType,
    component: updated.component,
    provider: { id: updated.providerPartnerId, name: provider?.name ?? '' },
    plannedStart: updated.plannedStart,
    startedOn: updated.startedOn,
    reason: change.varied ? ((change.detail?.reason as string | undefined) ?? null) : updated.endReason,
    ...(change.varied ? { varied: change.varied } : {}),
  });
  return { ...lineView(updated, provider), planCost: planCost(lines.map((l) => ({ ...l, unitCostPence: Number(l.unitCostPence) }))) };
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
  return withLine(ctx, 'service_line.start', lineId, (tx, loaded, at) => startLoadedLine(tx, ctx, at, loaded, input));
}

/**
 * Puts a loaded (and locked) line in place from `startedOn`, in the caller's transaction: the
 * practitioner's start above, and the provider's confirmed start (provider-steps.ts).
 */
export async function startLoadedLine(
  tx: Executor,
  ctx: Ctx,
  at: Date,
  loaded: LineLoaded,
  input: { startedOn: string; version: number; via?: string },
): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
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
    ...(input.via ? { via: input.via } : {}),
  });
  return { ...change, reviewScheduled };
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
