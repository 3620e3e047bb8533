import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { cases, reviews } from '../schema.js';

export type ReviewRow = typeof reviews.$inferSelect;

export async function reviewById(tx: Executor, placeId: string, id: string, lock = false): Promise<ReviewRow | undefined> {
  const q = tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.placeId, placeId), eq(reviews.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function reviewsOfPerson(tx: Executor, placeId: string, personId: string): Promise<ReviewRow[]> {
  return tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.placeId, placeId), eq(reviews.personId, personId)))
    .orderBy(desc(reviews.dueOn), desc(reviews.id));
}

export async function insertReview(tx: Executor, row: typeof reviews.$inferInsert): Promise<void> {
  await tx.insert(reviews).values(row);
}

export async function updateReviewAtVersion(
  tx: Executor,
  placeId: string,
  id: string,
  version: number,
  changes: Partial<typeof reviews.$inferInsert>,
): Promise<ReviewRow | null> {
  const [row] = await tx
    .update(reviews)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(reviews.placeId, placeId), eq(reviews.id, id), eq(reviews.version, version)))
    .returning();
  return row ?? null;
}

/** A planned review of this plan still due (so a second is not scheduled beside it). */
export async function duePlannedReviewOfPlan(tx: Executor, placeId: string, planId: string): Promise<ReviewRow | undefined> {
  const [row] = await tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.placeId, placeId), eq(reviews.planId, planId), eq(reviews.kind, 'planned'), eq(reviews.status, 'due')))
    .limit(1);
  return row;
}

/**
 * Reviews still due for people on a team's caseload: a person's team is the team holding an open
 * case (care_case, written by the front door). Read here in one query rather than through the
 * front door's per-person openCasesOf, so that a team's list is one round trip.
 */
export async function dueReviewsOfTeam(tx: Executor, placeId: string, teamId: string, overdueBefore: string | null, limit: number) {
  const conditions = [eq(reviews.placeId, placeId), eq(reviews.status, 'due')];
  if (overdueBefore) conditions.push(lt(reviews.dueOn, overdueBefore));
  return tx
    .select({ review: reviews, caseId: cases.id, workerStaffId: cases.workerStaffId })
    .from(reviews)
    .innerJoin(
      cases,
      and(eq(cases.placeId, reviews.placeId), eq(cases.personId, reviews.personId), eq(cases.teamId, teamId), isNull(cases.closedAt)),
    )
    .where(and(...conditions))
    .orderBy(asc(reviews.dueOn), asc(reviews.id))
    .limit(limit);
}

/** The team holding each person's open case (the most recently opened, when there are several). */
export async function openCaseTeams(tx: Executor, placeId: string, personIds: string[]): Promise<Map<string, { teamId: string; workerStaffId: string | null }>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select({ personId: cases.personId, teamId: cases.teamId, workerStaffId: cases.workerStaffId, openedAt: cases.openedAt })
    .from(cases)
    .where(and(eq(cases.placeId, placeId), inArray(cases.personId, [...new Set(personIds)]), isNull(cases.closedAt)))
    .orderBy(sql`${cases.openedAt} asc`);
  const out = new Map<string, { teamId: string; workerStaffId: string | null }>();
  for (const r of rows) out.set(r.personId, { teamId: r.teamId, workerStaffId: r.workerStaffId });
  return out;
}
