import type { Ctx } from '../../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import type { PersonForPolicy } from '../../access/policy.js';
import { isPractitioner, roleLabels } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { personForPolicy, personNames } from '../../people/service.js';
import { addMonths } from '../assessments/fields.js';
import { recordEvent } from '../events.js';
import { planForReview } from '../plans/service.js';
import * as q from './queries.js';
import { isOverdue, nextYearlyReview } from './rules.js';
import { schedulePlannedReview } from './scheduling.js';
import type { CompleteReviewInput, NewReviewInput } from './types.js';

export type ReviewView = {
  id: string;
  personId: string;
  planId: string | null;
  kind: string;
  reason: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  completedAt: string | null;
  completedBy: string | null;
  outcomesAchieved: string | null;
  outcome: string | null;
  note: string;
  changes: string;
  version: number;
};

function reviewView(r: q.ReviewRow, today: string): ReviewView {
  return {
    id: r.id,
    personId: r.personId,
    planId: r.planId,
    kind: r.kind,
    reason: r.reason,
    dueOn: r.dueOn,
    status: r.status,
    overdue: isOverdue(r, today),
    completedAt: r.completedAt?.toISOString() ?? null,
    completedBy: r.completedBy,
    outcomesAchieved: r.outcomesAchieved,
    outcome: r.outcome,
    note: r.note,
    changes: r.changes,
    version: r.version,
  };
}

/** A review's date: not in the past, and within the year (reviews are at least yearly). */
function checkDue(field: string, dueOn: string, today: string, after?: string): void {
  if (dueOn < today) throw new InvalidError('A review is scheduled for today or later.', [{ field, problem: `must not be before today (${today})` }]);
  if (after && dueOn <= after) throw new InvalidError('The next review comes after this one.', [{ field, problem: `must be after ${after}` }]);
  const latest = addMonths(today, 12);
  if (dueOn > latest) throw new InvalidError('Reviews are at least yearly.', [{ field, problem: `must not be after ${latest}, a year from today` }]);
}

export async function scheduleReview(ctx: Ctx, input: NewReviewInput): Promise<ReviewView> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'review.create',
    (tx) => personForPolicy(tx, placeId, input.personId),
    async (tx, person, _grant, at) => {
      const today = londonDateOf(at);
      checkDue('dueOn', input.dueOn, today);
      if (input.planId) {
        const plan = await planForReview(tx, placeId, input.planId);
        if (!plan || plan.personId !== person.id) {
          throw new InvalidError('That plan is not one of this person’s.', [{ field: 'planId', problem: 'is not a care plan of this person' }]);
        }
        if (plan.status !== 'active') throw new ConflictError(`That plan is ${plan.status}: there is nothing in it to review.`, { planStatus: plan.status });
      }
      const id = newId();
      await q.insertReview(tx, {
        placeId,
        id,
        personId: person.id,
        planId: input.planId ?? null,
        kind: input.kind,
        reason: input.reason.trim(),
        dueOn: input.dueOn,
        status: 'due',
      });
      await recordEvent(tx, ctx.actor, at, {
        personId: person.id,
        kind: 'review',
        action: 'review.scheduled',
        summary: `${input.kind === 'planned' ? 'Planned' : 'Unplanned'} review due on ${input.dueOn}: ${input.reason.trim()}`,
        sector: ctx.actor.sector,
        subjectId: id,
        detail: { planId: input.planId ?? null, dueOn: input.dueOn, kind: input.kind },
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'review.create', personIds: [person.id], detail: { reviewId: id, kind: input.kind } });
      return reviewView((await q.reviewById(tx, placeId, id))!, today);
    },
  );
}

type ReviewLoaded = PersonForPolicy & { review: q.ReviewRow };

const achievedWords = { fully: 'fully achieved', partly: 'partly achieved', not: 'not achieved' } as const;

export async function completeReview(ctx: Ctx, id: string, input: CompleteReviewInput): Promise<ReviewView & { nextReview: { id: string; dueOn: string } | null }> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'review.complete',
    async (tx): Promise<ReviewLoaded> => {
      const review = await q.reviewById(tx, placeId, id, true);
      if (!review) throw new NotFoundError('There is no review with this id in this place.');
      const person = await personForPolicy(tx, placeId, review.personId);
      return { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, review };
    },
    async (tx, loaded, _grant, at) => {
      const r = loaded.review;
      const today = londonDateOf(at);
      if (r.status !== 'due') throw new ConflictError(`This review is ${r.status}: it cannot be completed again.`, { status: r.status });
      if (input.version !== undefined && input.version !== r.version) {
        throw new ConflictError(`This review has changed since you opened it (it is now version ${r.version}, you sent ${input.version}). Reload it.`, {
          currentVersion: r.version,
        });
      }
      if (input.nextDueOn) checkDue('nextDueOn', input.nextDueOn, today, today);
      const updated = await q.updateReviewAtVersion(tx, placeId, id, r.version, {
        status: 'completed',
        completedAt: at,
        completedBy: ctx.actor.userId,
        outcomesAchieved: input.outcomesAchieved,
        outcome: input.outcome,
        note: input.note,
        changes: input.changes,
      });
      if (!updated) throw new ConflictError('This review changed a moment ago. Reload it.');
      await recordEvent(tx, ctx.actor, at, {
        personId: loaded.id,
        kind: 'review',
        action: 'review.completed',
        summary: `Review by ${ctx.actor.displayName}: outcomes ${achievedWords[input.outcomesAchieved]}; ${input.outcome}${input.changes.trim() ? `. Changes: ${input.changes.trim()}` : ''}`,
        sector: ctx.actor.sector,
        subjectId: id,
        detail: { outcomesAchieved: input.outcomesAchieved, outcome: input.outcome, planId: r.planId },
      });
      // The next planned review: the date the reviewer set, or a year on while services continue.
      let nextReview: { id: string; dueOn: string } | null = null;
      const plan = r.planId ? await planForReview(tx, placeId, r.planId) : null;
      if (input.nextDueOn) {
        nextReview = await schedulePlannedReview(tx, ctx.actor, at, {
          personId: loaded.id,
          planId: plan?.status === 'active' ? plan.id : null,
          dueOn: input.nextDueOn,
          reason: 'Planned review (date set at the last review)',
        });
      } else if (plan && plan.status === 'active' && plan.serviceInPlace && !input.outcome.startsWith('NFA:')) {
        nextReview = await schedulePlannedReview(tx, ctx.actor, at, { personId: loaded.id, planId: plan.id, ...nextYearlyReview(today) });
      }
      await auditAllowed(tx, ctx.actor, at, {
        action: 'review.complete',
        personIds: [loaded.id],
        detail: { reviewId: id, outcomesAchieved: input.outcomesAchieved, outcome: input.outcome, nextReviewId: nextReview?.id ?? null },
      });
      return { ...reviewView(updated, today), nextReview: nextReview ? { id: nextReview.id, dueOn: nextReview.dueOn } : null };
    },
  );
}

export async function reviewsOf(ctx: Ctx, personId: string): Promise<ReviewView[]> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'review.list',
    (tx) => personForPolicy(tx, placeId, personId),
    async (tx, person, _grant, at) => {
      const rows = await q.reviewsOfPerson(tx, placeId, person.id);
      await auditAllowed(tx, ctx.actor, at, { action: 'review.list', personIds: [person.id], detail: { results: rows.length } });
      const today = londonDateOf(at);
      return rows.map((r) => reviewView(r, today));
    },
    { read: true, personId },
  );
}

/**
 * A team's reviews still due (or only the overdue ones), for people on its caseload. Members and
 * managers of the team see it; their team's caseload relationship is what reaches these people.
 */
export async function teamReviews(ctx: Ctx, f: { teamId: string; overdue: boolean; limit: number }) {
  const actor = ctx.actor;
  if (!isPractitioner(actor.role) || !actor.teamIds.includes(f.teamId)) {
    return denyAndAudit(ctx, {
      action: 'review.team_list',
      personIds: [],
      reason: isPractitioner(actor.role) ? 'not_in_team' : 'role',
      message: isPractitioner(actor.role)
        ? 'Only members and managers of a team see its reviews.'
        : `Your role (${roleLabels[actor.role]}) sees no person-level care detail; the team's members and managers see its reviews.`,
      detail: { teamId: f.teamId },
    });
  }
  const at = ctx.clock.now();
  const today = londonDateOf(at);
  return auditedRead(ctx, async (tx) => {
    const rows = await q.dueReviewsOfTeam(tx, actor.placeId, f.teamId, f.overdue ? today : null, f.limit);
    const names = await personNames(tx, actor.placeId, rows.map((r) => r.review.personId));
    await auditAllowed(tx, actor, at, {
      action: 'review.team_list',
      personIds: [...new Set(rows.map((r) => r.review.personId))],
      detail: { teamId: f.teamId, overdue: f.overdue, results: rows.length },
    });
    return rows.map((r) => ({
      ...reviewView(r.review, today),
      person: { id: r.review.personId, name: names.get(r.review.personId) ?? '' },
      caseId: r.caseId,
      workerStaffId: r.workerStaffId,
      daysOverdue: isOverdue(r.review, today) ? Math.round((Date.parse(today) - Date.parse(r.review.dueOn)) / 86_400_000) : 0,
    }));
  });
}

/** The team holding each person's open case (for the measures' team and zone views). */
export async function teamsHoldingPeople(tx: Executor, placeId: string, personIds: string[]) {
  return q.openCaseTeams(tx, placeId, personIds);
}
