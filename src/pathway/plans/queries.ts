import { and, asc, desc, eq, isNotNull, min } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { approvalLimits, carePlans, serviceLines, serviceLineVersions } from '../schema.js';

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
