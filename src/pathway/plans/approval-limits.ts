/**
 * The place's scheme of delegation: the weekly amount each role may approve (decision 0003), set
 * by an administrator, each change audited with before and after.
 */
import type { Ctx } from '../../access/actor.js';
import { auditAllowed, denyAndAudit } from '../../access/guard.js';
import { roleLabels, roles, type Role } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';

import { defaultLimitOf } from './approval.js';
import * as q from './queries.js';

export async function effectiveApprovalLimit(tx: Executor, placeId: string, role: string): Promise<{ weeklyPence: number; source: 'place' | 'default' }> {
  const set = await q.placeApprovalLimit(tx, placeId, role);
  return set === null ? { weeklyPence: defaultLimitOf(role), source: 'default' } : { weeklyPence: set, source: 'place' };
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
