import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { assessments, assessmentSections, assessmentSectionVersions, referrals } from '../schema.js';

export type AssessmentRow = typeof assessments.$inferSelect;
export type SectionRow = typeof assessmentSections.$inferSelect;

export async function assessmentById(tx: Executor, placeId: string, id: string, lock = false): Promise<AssessmentRow | undefined> {
  const q = tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.placeId, placeId), eq(assessments.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function assessmentsOfPerson(tx: Executor, placeId: string, personId: string): Promise<AssessmentRow[]> {
  return tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.placeId, placeId), eq(assessments.personId, personId)))
    .orderBy(desc(assessments.startedAt));
}

/** An assessment of the same kind (and, for a carer, of the same caring) still being written. */
export async function openAssessmentLike(
  tx: Executor,
  placeId: string,
  personId: string,
  kind: string,
  caredForPersonId: string | null,
): Promise<AssessmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(assessments)
    .where(
      and(
        eq(assessments.placeId, placeId),
        eq(assessments.personId, personId),
        eq(assessments.kind, kind),
        eq(assessments.status, 'in_progress'),
        caredForPersonId ? eq(assessments.caredForPersonId, caredForPersonId) : sql`${assessments.caredForPersonId} is null`,
      ),
    )
    .limit(1);
  return row;
}

export async function insertAssessment(tx: Executor, row: typeof assessments.$inferInsert): Promise<void> {
  await tx.insert(assessments).values(row);
}

export async function updateAssessmentAtVersion(
  tx: Executor,
  placeId: string,
  id: string,
  version: number,
  changes: Partial<typeof assessments.$inferInsert>,
): Promise<AssessmentRow | null> {
  const [row] = await tx
    .update(assessments)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(assessments.placeId, placeId), eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return row ?? null;
}

export async function sectionsOf(tx: Executor, placeId: string, assessmentId: string): Promise<SectionRow[]> {
  return tx
    .select()
    .from(assessmentSections)
    .where(and(eq(assessmentSections.placeId, placeId), eq(assessmentSections.assessmentId, assessmentId)))
    .orderBy(asc(assessmentSections.section));
}

export async function sectionOf(tx: Executor, placeId: string, assessmentId: string, section: string): Promise<SectionRow | undefined> {
  const [row] = await tx
    .select()
    .from(assessmentSections)
    .where(and(eq(assessmentSections.placeId, placeId), eq(assessmentSections.assessmentId, assessmentId), eq(assessmentSections.section, section)));
  return row;
}

export async function insertSection(tx: Executor, row: typeof assessmentSections.$inferInsert): Promise<SectionRow | null> {
  // A second practitioner creating the same section at the same moment finds it taken: a 409, not a 500.
  const [saved] = await tx.insert(assessmentSections).values(row).onConflictDoNothing().returning();
  return saved ?? null;
}

export async function updateSectionAtVersion(
  tx: Executor,
  placeId: string,
  assessmentId: string,
  section: string,
  version: number,
  changes: Pick<SectionRow, 'content' | 'authorUserId' | 'authorName' | 'authorRole' | 'sector' | 'updatedAt'>,
): Promise<SectionRow | null> {
  const [row] = await tx
    .update(assessmentSections)
    .set({ ...changes, version: version + 1 })
    .where(
      and(
        eq(assessmentSections.placeId, placeId),
        eq(assessmentSections.assessmentId, assessmentId),
        eq(assessmentSections.section, section),
        eq(assessmentSections.version, version),
      ),
    )
    .returning();
  return row ?? null;
}

export async function insertSectionVersion(tx: Executor, row: typeof assessmentSectionVersions.$inferInsert): Promise<void> {
  await tx.insert(assessmentSectionVersions).values(row);
}

/** Whether this practitioner has saved this section before (their first save goes on the timeline). */
export async function hasAuthoredSection(tx: Executor, placeId: string, assessmentId: string, section: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ version: assessmentSectionVersions.version })
    .from(assessmentSectionVersions)
    .where(
      and(
        eq(assessmentSectionVersions.placeId, placeId),
        eq(assessmentSectionVersions.assessmentId, assessmentId),
        eq(assessmentSectionVersions.section, section),
        eq(assessmentSectionVersions.authorUserId, userId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function sectionVersionsOf(tx: Executor, placeId: string, assessmentId: string) {
  return tx
    .select()
    .from(assessmentSectionVersions)
    .where(and(eq(assessmentSectionVersions.placeId, placeId), eq(assessmentSectionVersions.assessmentId, assessmentId)))
    .orderBy(asc(assessmentSectionVersions.section), asc(assessmentSectionVersions.version));
}

/** The person a referral is about (to check an assessment's link to it). */
export async function referralPerson(tx: Executor, placeId: string, referralId: string): Promise<string | null> {
  const [row] = await tx
    .select({ personId: referrals.personId })
    .from(referrals)
    .where(and(eq(referrals.placeId, placeId), eq(referrals.id, referralId)));
  return row?.personId ?? null;
}
