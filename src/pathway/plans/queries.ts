import { and, asc, count, desc, eq, exists, inArray, isNotNull, isNull, min, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { approvalLimits, carePlans, cases, serviceLines, serviceLineVersions } from '../schema.js';

export type PlanRow = typeof carePlans.$inferSelect;
export type LineRow = typeof serviceLines.$inferSelect;

export async function planById(tx: Executor, placeId: string, id: string, lock = false): Promise<PlanRow | undefined> {
  const q = tx
    .select()
    .from(carePlans)
    .where(and(eq(carePlans.placeId, placeId), eq(carePlans.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function plansOfPerson(tx: Executor, placeId: string, personId: string): Promise<PlanRow[]> {
  return tx
    .select()
    .from(carePlans)
    .where(and(eq(carePlans.placeId, placeId), eq(carePlans.personId, personId)))
    .orderBy(desc(carePlans.createdAt));
}

export async function activePlanOfAssessment(tx: Executor, placeId: string, assessmentId: string): Promise<PlanRow | undefined> {
  const [row] = await tx
    .select()
    .from(carePlans)
    .where(and(eq(carePlans.placeId, placeId), eq(carePlans.assessmentId, assessmentId), eq(carePlans.status, 'active')))
    .limit(1);
  return row;
}

export async function insertPlan(tx: Executor, row: typeof carePlans.$inferInsert): Promise<void> {
  await tx.insert(carePlans).values(row);
}

export async function linesOfPlan(tx: Executor, placeId: string, planId: string): Promise<LineRow[]> {
  return tx
    .select()
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), eq(serviceLines.planId, planId)))
    .orderBy(asc(serviceLines.id));
}

export async function lineById(tx: Executor, placeId: string, id: string, lock = false): Promise<LineRow | undefined> {
  const q = tx
    .select()
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), eq(serviceLines.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertLine(tx: Executor, row: typeof serviceLines.$inferInsert): Promise<LineRow> {
  const [saved] = await tx.insert(serviceLines).values(row).returning();
  return saved!;
}

export async function updateLineAtVersion(
  tx: Executor,
  placeId: string,
  id: string,
  version: number,
  changes: Partial<typeof serviceLines.$inferInsert>,
): Promise<LineRow | null> {
  const [row] = await tx
    .update(serviceLines)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(serviceLines.placeId, placeId), eq(serviceLines.id, id), eq(serviceLines.version, version)))
    .returning();
  return row ?? null;
}

export async function insertLineVersion(tx: Executor, line: LineRow, changedBy: string, change: string, at: Date): Promise<void> {
  await tx.insert(serviceLineVersions).values({
    placeId: line.placeId,
    lineId: line.id,
    version: line.version,
    data: line,
    changedBy,
    changedAt: at,
    change,
  });
}

export async function lineVersions(tx: Executor, placeId: string, lineId: string) {
  return tx
    .select()
    .from(serviceLineVersions)
    .where(and(eq(serviceLineVersions.placeId, placeId), eq(serviceLineVersions.lineId, lineId)))
    .orderBy(asc(serviceLineVersions.version));
}

/** Who proposed a line: the author of its first version. */
export async function proposerOf(tx: Executor, placeId: string, lineId: string): Promise<string | null> {
  const [row] = await tx
    .select({ by: serviceLineVersions.changedBy })
    .from(serviceLineVersions)
    .where(and(eq(serviceLineVersions.placeId, placeId), eq(serviceLineVersions.lineId, lineId), eq(serviceLineVersions.version, 1)));
  return row?.by ?? null;
}

/** The day the plan's first service started, or null while nothing has. */
export async function firstStartedOn(tx: Executor, placeId: string, planId: string): Promise<string | null> {
  const [row] = await tx
    .select({ first: min(serviceLines.startedOn) })
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), eq(serviceLines.planId, planId), isNotNull(serviceLines.startedOn)));
  return row?.first ?? null;
}

export async function placeApprovalLimits(tx: Executor, placeId: string) {
  return tx.select().from(approvalLimits).where(eq(approvalLimits.placeId, placeId));
}

export async function placeApprovalLimit(tx: Executor, placeId: string, role: string): Promise<number | null> {
  const [row] = await tx
    .select({ weeklyPence: approvalLimits.weeklyPence })
    .from(approvalLimits)
    .where(and(eq(approvalLimits.placeId, placeId), eq(approvalLimits.role, role)));
  return row ? Number(row.weeklyPence) : null;
}

export async function setPlaceApprovalLimit(tx: Executor, placeId: string, role: string, weeklyPence: number): Promise<void> {
  await tx
    .insert(approvalLimits)
    .values({ placeId, role, weeklyPence })
    .onConflictDoUpdate({ target: [approvalLimits.placeId, approvalLimits.role], set: { weeklyPence } });
}

export type LineListFilter = { status?: string; teamIds: string[] | null; limit: number; offset: number };

/**
 * Lines of the place, by state, of people with an open case in some teams (null: any person),
 * those to start soonest first; with how many there are in all, for paging.
 */
export async function listLines(tx: Executor, placeId: string, f: LineListFilter): Promise<{ rows: LineRow[]; total: number }> {
  if (f.teamIds && f.teamIds.length === 0) return { rows: [], total: 0 };
  const conditions = [eq(serviceLines.placeId, placeId)];
  if (f.status) conditions.push(eq(serviceLines.status, f.status));
  if (f.teamIds) {
    conditions.push(
      exists(
        tx
          .select({ one: sql`1` })
          .from(cases)
          .where(and(eq(cases.placeId, serviceLines.placeId), eq(cases.personId, serviceLines.personId), inArray(cases.teamId, f.teamIds), isNull(cases.closedAt))),
      ),
    );
  }
  const where = and(...conditions);
  const rows = await tx.select().from(serviceLines).where(where).orderBy(asc(serviceLines.plannedStart), asc(serviceLines.id)).limit(f.limit).offset(f.offset);
  const [counted] = await tx.select({ n: count() }).from(serviceLines).where(where);
  return { rows, total: Number(counted?.n ?? 0) };
}

/** Every line of some plans (to know each plan's cost when one of its lines is approved). */
export async function linesOfPlans(tx: Executor, placeId: string, planIds: string[]): Promise<LineRow[]> {
  if (planIds.length === 0) return [];
  return tx
    .select()
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), inArray(serviceLines.planId, [...new Set(planIds)])));
}

/** Who proposed each line: the authors of their first versions. */
export async function proposersOf(tx: Executor, placeId: string, lineIds: string[]): Promise<Map<string, string | null>> {
  if (lineIds.length === 0) return new Map();
  const rows = await tx
    .select({ lineId: serviceLineVersions.lineId, by: serviceLineVersions.changedBy })
    .from(serviceLineVersions)
    .where(and(eq(serviceLineVersions.placeId, placeId), inArray(serviceLineVersions.lineId, [...new Set(lineIds)]), eq(serviceLineVersions.version, 1)));
  return new Map(rows.map((r) => [r.lineId, r.by]));
}

/** Some lines by id (for re-pricing them when a contract rate changes). */
export async function linesByIds(tx: Executor, placeId: string, ids: string[]): Promise<LineRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), inArray(serviceLines.id, [...new Set(ids)])));
}
