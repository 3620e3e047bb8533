import type { Ctx } from '../../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../../access/guard.js';
import { decidePersonAccess } from '../../access/policy.js';
import { isPractitioner, roleLabels } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';
import { InvalidError } from '../../platform/errors.js';
import { teamById, teamsByIds } from '../../partnership/directory.js';
import { partnersByIds } from '../../partnership/lookups.js';
import { personForPolicy, personRefs, type PersonRef } from '../../people/service.js';
import { pounds } from '../assessments/fields.js';
import { teamsHoldingPeople } from '../reviews/service.js';
import { decideApproval } from './approval.js';
import { lineCost, planCost } from './cost.js';
import * as q from './queries.js';
import { effectiveApprovalLimit } from './approval-limits.js';
import { lineView, type LineView } from './views.js';
import type { LineState } from './states.js';

export type LineListQuery = { status?: LineState; teamId?: string; limit: number; offset: number };

export type ApprovalView = {
  /** Whether this user may approve it now: within their weekly limit, and not their own proposal. */
  mayApprove: boolean;
  /** approval_limit or own_proposal when they may not. */
  reason: string | null;
  message: string | null;
  limitPence: number;
  /** The plan's weekly cost already approved or in place, and what it would be with this line. */
  planCommittedWeeklyPence: number;
  weeklyAfterApprovalPence: number;
};

export type ListedLine = LineView & {
  /** The person, for practitioners; null for a funding panel, which sees no person-level detail. */
  person: PersonRef | null;
  /** The team holding the person's open case. */
  team: { id: string; name: string } | null;
  /** For a proposed line: may this user approve it, and what the plan would cost. */
  approval: ApprovalView | null;
};

export type LineList = {
  lines: ListedLine[];
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
  /** Lines on this page left out because the person's sharing preferences keep them from this user. */
  withheld: number;
  approvalLimit: { role: string; roleLabel: string; weeklyPence: number };
};

const action = 'service_line.list';

/**
 * Service lines by state, for a team or for the place: a team manager's packages awaiting
 * approval, a team's services in place. Practitioners see the lines of people with an open case in
 * their own teams, through the access policy for each person. A role the place gives an approval
 * limit without a relationship (a commissioner at a funding panel) sees lines waiting for approval,
 * with their cost and team but not whom they are for, as when it approves them. Each proposed line
 * says whether this user may approve it.
 */
export async function listServiceLines(ctx: Ctx, f: LineListQuery): Promise<LineList> {
  const { actor } = ctx;
  const placeId = actor.placeId;
  const practitioner = isPractitioner(actor.role);
  const limit = await effectiveApprovalLimit(ctx.db, placeId, actor.role);
  if (!practitioner && limit.weeklyPence <= 0) {
    return denyAndAudit(ctx, {
      action,
      personIds: [],
      reason: 'role',
      message: `Your role (${roleLabels[actor.role]}) sees no person's services and approves no packages (its approval limit is ${pounds(0)} a week).`,
      detail: { ...f },
    });
  }
  if (!practitioner && f.status && f.status !== 'proposed') {
    return denyAndAudit(ctx, {
      action,
      personIds: [],
      reason: 'role',
      message: `As ${roleLabels[actor.role]} you approve packages at a funding panel: you see the lines waiting for approval (status=proposed), not those ${f.status.replace('_', ' ')}.`,
      detail: { ...f },
    });
  }
  if (f.teamId && !(await teamById(ctx.db, placeId, f.teamId))) {
    throw new InvalidError('There is no such team in this place.', [{ field: 'teamId', problem: 'is not a team in this place' }]);
  }
  if (practitioner && f.teamId && !actor.teamIds.includes(f.teamId)) {
    return denyAndAudit(ctx, { action, personIds: [], reason: 'team', message: 'You see the services of your own teams’ caseloads only.', detail: { ...f } });
  }
  const status = practitioner ? f.status : 'proposed';
  const teamIds = f.teamId ? [f.teamId] : practitioner ? actor.teamIds : null;
  const at = ctx.clock.now();
  return auditedRead(ctx, async (tx) => {
    // One query after another: each needs the rows of the one before.
    const { rows, total } = await q.listLines(tx, placeId, { status, teamIds, limit: f.limit, offset: f.offset });
    const personIds = [...new Set(rows.map((l) => l.personId))];
    const allowed = practitioner ? await mayOpen(tx, ctx, personIds, at) : new Set(personIds);
    const shown = rows.filter((l) => allowed.has(l.personId));
    const people = practitioner ? await personRefs(tx, placeId, [...allowed]) : new Map<string, PersonRef>();
    const providers = await partnersByIds(tx, placeId, shown.map((l) => l.providerPartnerId));
    const holding = await teamsHoldingPeople(tx, placeId, [...allowed]);
    const teamNames = await teamsByIds(tx, placeId, [...holding.values()].map((h) => h.teamId));
    const approvals = await approvalsOf(tx, ctx, shown, limit.weeklyPence);
    await auditAllowed(tx, actor, at, { action, personIds: [...allowed], detail: { ...f, status, results: shown.length, withheld: rows.length - shown.length } });
    const nextOffset = f.offset + rows.length < total ? f.offset + rows.length : null;
    return {
      lines: shown.map((l) => {
        const held = holding.get(l.personId);
        return {
          ...lineView(l, providers.get(l.providerPartnerId)),
          person: people.get(l.personId) ?? null,
          team: held ? { id: held.teamId, name: teamNames.get(held.teamId)?.name ?? '' } : null,
          approval: approvals.get(l.id) ?? null,
        };
      }),
      total,
      limit: f.limit,
      offset: f.offset,
      nextOffset,
      withheld: rows.length - shown.length,
      approvalLimit: { role: actor.role, roleLabel: roleLabels[actor.role], weeklyPence: limit.weeklyPence },
    };
  });
}

/** The people of these whom the practitioner may open now (a relationship, and the sharing rule). */
async function mayOpen(tx: Executor, ctx: Ctx, personIds: string[], at: Date): Promise<Set<string>> {
  const allowed = new Set<string>();
  for (const id of personIds) {
    const person = await personForPolicy(tx, ctx.actor.placeId, id);
    if ((await decidePersonAccess(tx, ctx.actor, person, at)).allowed) allowed.add(id);
  }
  return allowed;
}

/** For each proposed line: the rule approveLine applies, answered in advance for this user. */
async function approvalsOf(tx: Executor, ctx: Ctx, lines: q.LineRow[], limitPence: number): Promise<Map<string, ApprovalView>> {
  const proposed = lines.filter((l) => l.status === 'proposed');
  const out = new Map<string, ApprovalView>();
  if (proposed.length === 0) return out;
  const placeId = ctx.actor.placeId;
  const planLines = await q.linesOfPlans(tx, placeId, proposed.map((l) => l.planId));
  const proposers = await q.proposersOf(tx, placeId, proposed.map((l) => l.id));
  for (const l of proposed) {
    const committed = planCost(planLines.filter((x) => x.planId === l.planId).map((x) => ({ ...x, unitCostPence: Number(x.unitCostPence) }))).committedWeeklyPence;
    const decision = decideApproval({
      role: ctx.actor.role,
      limitPence,
      committedWeeklyPence: committed,
      line: lineCost({ ...l, unitCostPence: Number(l.unitCostPence) }),
      proposedBy: proposers.get(l.id) ?? null,
      approverUserId: ctx.actor.userId,
    });
    out.set(l.id, {
      mayApprove: decision.allowed,
      reason: decision.allowed ? null : decision.reason,
      message: decision.allowed ? null : decision.message,
      limitPence,
      planCommittedWeeklyPence: committed,
      weeklyAfterApprovalPence: decision.weeklyAfterApprovalPence,
    });
  }
  return out;
}
