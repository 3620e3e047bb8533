/** The SQL of the agreement: its schedule versions, their contributions and budgets, the year's movements. */
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { s75Agreements, s75Budgets, s75ContributionMovements, s75PlannedContributions, s75Schedules, type S75Agreement, type S75Movement, type S75Schedule } from './agreement-schema.js';

export async function selectAgreement(db: Executor, placeId: string): Promise<S75Agreement | null> {
  return (await db.select().from(s75Agreements).where(eq(s75Agreements.placeId, placeId)).limit(1))[0] ?? null;
}

/** Every version of a year's schedule, newest first. */
export function selectScheduleVersions(db: Executor, placeId: string, fy: string): Promise<S75Schedule[]> {
  return db
    .select()
    .from(s75Schedules)
    .where(and(eq(s75Schedules.placeId, placeId), eq(s75Schedules.financialYear, fy)))
    .orderBy(desc(s75Schedules.version));
}

/** The version in force: the newest, or the newest recorded by `asAt` when asked as it stood then. */
export async function selectCurrentSchedule(db: Executor, placeId: string, fy: string, asAt?: Date): Promise<S75Schedule | null> {
  const where = [eq(s75Schedules.placeId, placeId), eq(s75Schedules.financialYear, fy)];
  if (asAt) where.push(lte(s75Schedules.recordedAt, asAt));
  return (await db.select().from(s75Schedules).where(and(...where)).orderBy(desc(s75Schedules.version)).limit(1))[0] ?? null;
}

export function selectYears(db: Executor, placeId: string): Promise<{ financialYear: string }[]> {
  return db.selectDistinct({ financialYear: s75Schedules.financialYear }).from(s75Schedules).where(eq(s75Schedules.placeId, placeId)).orderBy(asc(s75Schedules.financialYear));
}

export function selectPlanned(db: Executor, placeId: string, scheduleId: string) {
  return db
    .select({ partnerId: s75PlannedContributions.partnerId, stream: s75PlannedContributions.stream, plannedPence: s75PlannedContributions.plannedPence })
    .from(s75PlannedContributions)
    .where(and(eq(s75PlannedContributions.placeId, placeId), eq(s75PlannedContributions.scheduleId, scheduleId)));
}

export function selectBudgets(db: Executor, placeId: string, scheduleId: string) {
  return db
    .select({ code: s75Budgets.budgetLineCode, budgetPence: s75Budgets.budgetPence })
    .from(s75Budgets)
    .where(and(eq(s75Budgets.placeId, placeId), eq(s75Budgets.scheduleId, scheduleId)))
    .orderBy(asc(s75Budgets.budgetLineCode));
}

export function selectMovements(db: Executor, placeId: string, fy: string): Promise<S75Movement[]> {
  return db
    .select()
    .from(s75ContributionMovements)
    .where(and(eq(s75ContributionMovements.placeId, placeId), eq(s75ContributionMovements.financialYear, fy)))
    .orderBy(asc(s75ContributionMovements.onDate), asc(s75ContributionMovements.id));
}

export async function selectReceiptByReference(db: Executor, placeId: string, reference: string): Promise<S75Movement | null> {
  const rows = await db
    .select()
    .from(s75ContributionMovements)
    .where(and(eq(s75ContributionMovements.placeId, placeId), eq(s75ContributionMovements.kind, 'receipt'), eq(s75ContributionMovements.reference, reference)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAgreement(db: Executor, row: typeof s75Agreements.$inferInsert): Promise<void> {
  await db.insert(s75Agreements).values(row);
}

/** A schedule version with its contributions and budgets (call inside one transaction). */
export async function insertSchedule(
  db: Executor,
  row: typeof s75Schedules.$inferInsert,
  planned: (typeof s75PlannedContributions.$inferInsert)[],
  budgets: (typeof s75Budgets.$inferInsert)[],
): Promise<void> {
  await db.insert(s75Schedules).values(row);
  if (planned.length > 0) await db.insert(s75PlannedContributions).values(planned);
  if (budgets.length > 0) await db.insert(s75Budgets).values(budgets);
}

export async function insertMovement(db: Executor, row: typeof s75ContributionMovements.$inferInsert): Promise<void> {
  await db.insert(s75ContributionMovements).values(row);
}

/** Serialises changes to one place's agreement (versions are numbered one after another). */
export async function lockAgreement(db: Executor, placeId: string, agreementId: string): Promise<void> {
  await db.select({ id: s75Agreements.id }).from(s75Agreements).where(and(eq(s75Agreements.placeId, placeId), eq(s75Agreements.id, agreementId))).for('update');
}
