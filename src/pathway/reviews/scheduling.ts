import type { Actor } from '../../access/actor.js';
import type { Executor } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { recordEvent } from '../events.js';
import * as q from './queries.js';

/**
 * Schedules a planned review (of a plan, unless one is already due for it); answers the review's id (or
 * the one already due). Runs in the caller's transaction and writes the timeline event there.
 */
export async function schedulePlannedReview(
  tx: Executor,
  actor: Actor,
  at: Date,
  r: { personId: string; planId: string | null; dueOn: string; reason: string },
): Promise<{ id: string; dueOn: string; created: boolean }> {
  const existing = r.planId ? await q.duePlannedReviewOfPlan(tx, actor.placeId, r.planId) : undefined;
  if (existing) return { id: existing.id, dueOn: existing.dueOn, created: false };
  const id = newId();
  await q.insertReview(tx, {
    placeId: actor.placeId,
    id,
    personId: r.personId,
    planId: r.planId,
    kind: 'planned',
    reason: r.reason,
    dueOn: r.dueOn,
    status: 'due',
  });
  await recordEvent(tx, actor, at, {
    personId: r.personId,
    kind: 'review',
    action: 'review.scheduled',
    summary: `Planned review due on ${r.dueOn}: ${r.reason}`,
    sector: actor.sector,
    subjectId: id,
    detail: { planId: r.planId, dueOn: r.dueOn, kind: 'planned' },
  });
  return { id, dueOn: r.dueOn, created: true };
}
