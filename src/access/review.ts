import { and, arrayContains, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import type { Ctx } from './actor.js';
import { auditAllowed, denyAndAudit } from './guard.js';
import { reviewerRoles, auditReaderRoles, roleLabels, type Role } from './roles.js';
import { auditEntries, relationships, users } from './schema.js';

/** Person names come from the people module; access/ does not read its tables. */
export type PersonNames = (db: Executor, placeId: string, ids: string[]) => Promise<Map<string, string>>;

async function userNames(db: Executor, placeId: string, ids: string[]): Promise<Map<string, { id: string; displayName: string; role: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.placeId, placeId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

function requireRole(ctx: Ctx, allowed: readonly Role[], action: string, what: string) {
  if (!allowed.includes(ctx.actor.role)) {
    return denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not ${what}.` });
  }
  return Promise.resolve();
}

type BreakGlassRow = typeof relationships.$inferSelect;

async function shapeItems(db: Executor, ctx: Ctx, rows: BreakGlassRow[], personNames: PersonNames) {
  const people = await personNames(db, ctx.actor.placeId, rows.map((r) => r.personId));
  const who = await userNames(db, ctx.actor.placeId, rows.flatMap((r) => [r.userId!, ...(r.reviewedBy ? [r.reviewedBy] : [])]));
  return rows.map((r) => {
    const u = who.get(r.userId!);
    const reviewer = r.reviewedBy ? who.get(r.reviewedBy) : undefined;
    return {
      id: r.id,
      person: { id: r.personId, name: people.get(r.personId) ?? '' },
      user: { id: r.userId!, displayName: u?.displayName ?? '', role: u?.role ?? '' },
      reason: r.reason,
      validFrom: r.validFrom.toISOString(),
      validTo: r.validTo ? r.validTo.toISOString() : null,
      reviewStatus: r.reviewStatus ?? 'pending',
      reviewedBy: reviewer ? { id: r.reviewedBy!, displayName: reviewer.displayName } : null,
      reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
      reviewNote: r.reviewNote,
    };
  });
}

/** Break-glass access waiting for (or having had) review by a team manager or auditor. */
export async function breakGlassQueue(ctx: Ctx, status: 'pending' | 'reviewed', personNames: PersonNames) {
  await requireRole(ctx, reviewerRoles, 'break_glass.queue', 'review break-glass access');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(relationships)
      .where(
        and(
          eq(relationships.placeId, ctx.actor.placeId),
          eq(relationships.kind, 'break_glass'),
          status === 'pending' ? eq(relationships.reviewStatus, 'pending') : inArray(relationships.reviewStatus, ['appropriate', 'inappropriate']),
        ),
      )
      .orderBy(desc(relationships.validFrom))
      .limit(200);
    const items = await shapeItems(tx, ctx, rows, personNames);
    await auditAllowed(tx, ctx.actor, now, { action: 'break_glass.queue', personIds: [...new Set(rows.map((r) => r.personId))], detail: { status } });
    return items;
  });
}

export async function reviewBreakGlass(
  ctx: Ctx,
  id: string,
  review: { outcome: 'appropriate' | 'inappropriate'; note: string },
  personNames: PersonNames,
) {
  await requireRole(ctx, reviewerRoles, 'break_glass.review', 'review break-glass access');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(relationships)
      .where(and(eq(relationships.placeId, ctx.actor.placeId), eq(relationships.id, id), eq(relationships.kind, 'break_glass')));
    if (!row) throw new NotFoundError('There is no break-glass access with this id.');
    if (row.reviewStatus !== 'pending') throw new ConflictError('This break-glass access has already been reviewed.');
    if (row.userId === ctx.actor.userId) throw new ConflictError('Someone else must review your own break-glass access.');
    const [updated] = await tx
      .update(relationships)
      .set({ reviewStatus: review.outcome, reviewedBy: ctx.actor.userId, reviewedAt: now, reviewNote: review.note })
      .where(and(eq(relationships.placeId, ctx.actor.placeId), eq(relationships.id, id), eq(relationships.reviewStatus, 'pending')))
      .returning();
    if (!updated) throw new ConflictError('This break-glass access was reviewed a moment ago.');
    await auditAllowed(tx, ctx.actor, now, {
      action: 'break_glass.review',
      personIds: [row.personId],
      reason: review.note,
      detail: { relationshipId: id, outcome: review.outcome, accessedBy: row.userId },
    });
    const [item] = await shapeItems(tx, ctx, [updated], personNames);
    return item!;
  });
}

export async function pendingBreakGlassCount(db: Executor, placeId: string): Promise<number> {
  const rows = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(and(eq(relationships.placeId, placeId), eq(relationships.kind, 'break_glass'), eq(relationships.reviewStatus, 'pending')));
  return rows.length;
}

/** The audit log, newest first, for auditors. */
export async function readAudit(ctx: Ctx, filter: { personId?: string; userId?: string; limit: number; before?: number }) {
  await requireRole(ctx, auditReaderRoles, 'audit.read', 'read the audit log');
  const conditions = [eq(auditEntries.placeId, ctx.actor.placeId)];
  if (filter.personId) conditions.push(arrayContains(auditEntries.personIds, [filter.personId]));
  if (filter.userId) conditions.push(eq(auditEntries.userId, filter.userId));
  if (filter.before) conditions.push(lt(auditEntries.seq, filter.before));
  const rows = await ctx.db
    .select()
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(desc(auditEntries.seq))
    .limit(filter.limit);
  const who = await userNames(ctx.db, ctx.actor.placeId, rows.flatMap((r) => (r.userId ? [r.userId] : [])));
  return {
    entries: rows.map((r) => ({
      seq: r.seq,
      at: new Date(r.at).toISOString(),
      user: r.userId && who.get(r.userId) ? { id: r.userId, displayName: who.get(r.userId)!.displayName } : null,
      role: r.role,
      action: r.action,
      personIds: r.personIds,
      outcome: r.outcome,
      reason: r.reason,
      detail: r.detail as Record<string, unknown>,
    })),
    nextBefore: rows.length === filter.limit ? rows[rows.length - 1]!.seq : null,
  };
}
