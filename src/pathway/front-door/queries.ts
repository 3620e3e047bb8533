import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { insertAsJsonSql } from '../../platform/bulk.js';
import { inKeys, type Executor, type SQL } from '../../platform/db.js';
import { cases, referrals } from '../schema.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

export async function referralById(tx: Executor, placeId: string, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(and(eq(referrals.placeId, placeId), eq(referrals.id, id)));
  return row;
}

export async function referralByExternalRef(tx: Executor, placeId: string, ref: string): Promise<ReferralRow | undefined> {
  const [row] = await tx.select().from(referrals).where(and(eq(referrals.placeId, placeId), eq(referrals.externalRef, ref)));
  return row;
}

export async function referralsByExternalRefs(tx: Executor, placeId: string, refs: string[]): Promise<ReferralRow[]> {
  if (refs.length === 0) return [];
  return tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.placeId, placeId), inKeys(referrals.externalRef, refs, 'text')));
}

/** Each person's most recently received open referral (as openReferralOf, for many people). */
export async function openReferralsOf(tx: Executor, placeId: string, personIds: string[]): Promise<ReferralRow[]> {
  if (personIds.length === 0) return [];
  return tx
    .selectDistinctOn([referrals.personId])
    .from(referrals)
    .where(
      and(
        eq(referrals.placeId, placeId),
        inKeys(referrals.personId, personIds, 'uuid'),
        inArray(referrals.status, ['received', 'accepted', 'allocated']),
      ),
    )
    .orderBy(referrals.personId, desc(referrals.receivedAt));
}

/** The statement that inserts many referrals (null for none), to run with others. */
export function insertReferralsSql(rows: (typeof referrals.$inferInsert)[]): SQL | null {
  return insertAsJsonSql(referrals, rows);
}

export async function openReferralOf(tx: Executor, placeId: string, personId: string): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.placeId, placeId), eq(referrals.personId, personId), inArray(referrals.status, ['received', 'accepted', 'allocated'])))
    .orderBy(desc(referrals.receivedAt))
    .limit(1);
  return row;
}

export async function insertReferral(tx: Executor, row: typeof referrals.$inferInsert): Promise<void> {
  await tx.insert(referrals).values(row);
}

/** Changes a referral only from the state and version the user saw; null when it moved on. */
export async function updateReferral(
  tx: Executor,
  placeId: string,
  id: string,
  expect: { version: number; status: string },
  changes: Partial<typeof referrals.$inferInsert>,
): Promise<ReferralRow | null> {
  const [row] = await tx
    .update(referrals)
    .set({ ...changes, version: expect.version + 1 })
    .where(and(eq(referrals.placeId, placeId), eq(referrals.id, id), eq(referrals.version, expect.version), eq(referrals.status, expect.status)))
    .returning();
  return row ?? null;
}

export async function listReferrals(
  tx: Executor,
  placeId: string,
  f: { status?: string; teamIds?: string[]; personId?: string; limit: number },
): Promise<ReferralRow[]> {
  const conditions = [eq(referrals.placeId, placeId)];
  if (f.status) conditions.push(eq(referrals.status, f.status));
  if (f.personId) conditions.push(eq(referrals.personId, f.personId));
  if (f.teamIds) {
    if (f.teamIds.length === 0) return [];
    conditions.push(or(inArray(referrals.teamId, f.teamIds), inArray(referrals.proposedTeamId, f.teamIds))!);
  }
  return tx
    .select()
    .from(referrals)
    .where(and(...conditions))
    // The most urgent first, then the longest waiting.
    .orderBy(sql`case ${referrals.urgency} when 'emergency' then 0 when 'urgent' then 1 else 2 end`, referrals.receivedAt)
    .limit(f.limit);
}

export async function caseById(tx: Executor, placeId: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(and(eq(cases.placeId, placeId), eq(cases.id, id)));
  return row;
}

export async function insertCase(tx: Executor, row: typeof cases.$inferInsert): Promise<void> {
  await tx.insert(cases).values(row);
}

export async function updateCase(tx: Executor, placeId: string, id: string, version: number, changes: Partial<typeof cases.$inferInsert>): Promise<CaseRow | null> {
  const [row] = await tx
    .update(cases)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(cases.placeId, placeId), eq(cases.id, id), eq(cases.version, version), isNull(cases.closedAt)))
    .returning();
  return row ?? null;
}

export async function openCases(tx: Executor, placeId: string, f: { teamIds?: string[]; staffId?: string }): Promise<CaseRow[]> {
  const conditions = [eq(cases.placeId, placeId), isNull(cases.closedAt)];
  if (f.teamIds) {
    if (f.teamIds.length === 0) return [];
    conditions.push(inArray(cases.teamId, f.teamIds));
  }
  if (f.staffId) conditions.push(eq(cases.workerStaffId, f.staffId));
  return tx.select().from(cases).where(and(...conditions)).orderBy(cases.openedAt).limit(2000);
}

export async function openCasesOfPerson(tx: Executor, placeId: string, personId: string): Promise<CaseRow[]> {
  return tx
    .select()
    .from(cases)
    .where(and(eq(cases.placeId, placeId), eq(cases.personId, personId), isNull(cases.closedAt)))
    .orderBy(cases.openedAt);
}
