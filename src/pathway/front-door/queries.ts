import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { insertAsJsonSql } from '../../platform/bulk.js';
import { inKeys, type Executor, type SQL } from '../../platform/db.js';
import { cases, referrals } from '../schema.js';
import { builtOnce } from '../../platform/built-once.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

export async function referralById(tx: Executor, placeId: string, id: string): Promise<ReferralRow | undefined> {
  const [row] = await referralByIdQuery(tx, { placeId, id });
  return row;
}

// Read by every step of the front door: built once (src/platform/built-once.ts).
const referralByIdQuery = builtOnce((db) =>
  db
    .select()
    .from(referrals)
    .where(and(eq(referrals.placeId, sql.placeholder('placeId')), eq(referrals.id, sql.placeholder('id')))),
);

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
  const columns = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => k !== 'version' && changes[k] !== undefined);
  const shape = columns.sort().join(',');
  let query = updateReferralQueries.get(shape);
  if (!query) {
    // One query for each set of columns a step changes (accept, allocate, resolve …), built once.
    query = builtOnce((db) =>
      db
        .update(referrals)
        // Placeholders in a set take the column's encoder at run time; Drizzle's types do not know them.
        .set({ ...Object.fromEntries(columns.map((c) => [c, sql.placeholder(`set_${c}`)])), version: sql.placeholder('next') } as unknown as Partial<typeof referrals.$inferInsert>)
        .where(
          and(
            eq(referrals.placeId, sql.placeholder('placeId')),
            eq(referrals.id, sql.placeholder('id')),
            eq(referrals.version, sql.placeholder('version')),
            eq(referrals.status, sql.placeholder('status')),
          ),
        )
        .returning(),
    );
    updateReferralQueries.set(shape, query);
  }
  const values: Record<string, unknown> = { placeId, id, version: expect.version, status: expect.status, next: expect.version + 1 };
  for (const c of columns) values[`set_${c}`] = changes[c] ?? null;
  const [row] = await query(tx, values);
  return row ?? null;
}

const updateReferralQueries = new Map<string, ReturnType<typeof builtOnce<Record<string, unknown>, Promise<ReferralRow[]>>>>();

// The most urgent first, then the longest waiting.
const urgentFirst = [sql`case ${referrals.urgency} when 'emergency' then 0 when 'urgent' then 1 else 2 end`, referrals.receivedAt];

function referralConditions(placeId: string, f: { status?: string; teamIds?: string[]; personId?: string }): SQL[] {
  const conditions = [eq(referrals.placeId, placeId)];
  if (f.status) conditions.push(eq(referrals.status, f.status));
  if (f.personId) conditions.push(eq(referrals.personId, f.personId));
  if (f.teamIds) conditions.push(or(inArray(referrals.teamId, f.teamIds), inArray(referrals.proposedTeamId, f.teamIds))!);
  return conditions;
}

/** Referrals accepted to the teams and waiting for a worker (the most urgent, then the longest waiting, first), and how many wait in all. */
export async function waitingForAllocation(tx: Executor, placeId: string, teamIds: string[], limit: number): Promise<{ rows: ReferralRow[]; total: number }> {
  if (teamIds.length === 0) return { rows: [], total: 0 };
  const rows = await tx
    .select({ referral: referrals, total: sql<number>`(count(*) over ())::int` })
    .from(referrals)
    .where(and(...referralConditions(placeId, { status: 'accepted', teamIds })))
    .orderBy(...urgentFirst)
    .limit(limit);
  return { rows: rows.map((r) => r.referral), total: rows[0]?.total ?? 0 };
}

export async function listReferrals(
  tx: Executor,
  placeId: string,
  f: { status?: string; teamIds?: string[]; personId?: string; limit: number },
): Promise<ReferralRow[]> {
  if (f.teamIds?.length === 0) return [];
  return tx
    .select()
    .from(referrals)
    .where(and(...referralConditions(placeId, f)))
    .orderBy(...urgentFirst)
    .limit(f.limit);
}

export async function caseById(tx: Executor, placeId: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(and(eq(cases.placeId, placeId), eq(cases.id, id)));
  return row;
}

/** The statement that inserts a case, to run with others. */
export function insertCaseSql(row: typeof cases.$inferInsert): SQL {
  return insertAsJsonSql(cases, [row])!;
}

export async function updateCase(tx: Executor, placeId: string, id: string, version: number, changes: Partial<typeof cases.$inferInsert>): Promise<CaseRow | null> {
  const [row] = await tx
    .update(cases)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(cases.placeId, placeId), eq(cases.id, id), eq(cases.version, version), isNull(cases.closedAt)))
    .returning();
  return row ?? null;
}

/** Whose open cases a caseload lists: teams', a worker's, or a worker's within some teams. */
export type CaseloadScope = { teamIds?: string[]; staffId?: string };

function openCaseConditions(placeId: string, f: CaseloadScope): SQL[] | null {
  const conditions = [eq(cases.placeId, placeId), isNull(cases.closedAt)];
  if (f.teamIds) {
    if (f.teamIds.length === 0) return null;
    conditions.push(inArray(cases.teamId, f.teamIds));
  }
  if (f.staffId) conditions.push(eq(cases.workerStaffId, f.staffId));
  return conditions;
}

/** The (opened at, id) key of a case, read in SQL so its microseconds survive. */
const keyOf = (placeId: string, id: string) => sql`(select c.opened_at, c.id from ${cases} c where c.place_id = ${placeId} and c.id = ${id})`;

/**
 * One page of open cases in caseload order: the most recently opened first, then by id. `after`
 * gives the cases that follow that case in this order, `before` those that precede it (returned in
 * caseload order too). A page is a range of the open-case indexes (team or worker, opened_at, id).
 */
export async function openCasesPage(tx: Executor, placeId: string, f: CaseloadScope, page: { limit: number; after?: string; before?: string }): Promise<CaseRow[]> {
  const conditions = openCaseConditions(placeId, f);
  if (!conditions) return [];
  const key = sql`(${cases.openedAt}, ${cases.id})`;
  if (page.before) {
    const rows = await tx
      .select()
      .from(cases)
      .where(and(...conditions, sql`${key} > ${keyOf(placeId, page.before)}`))
      .orderBy(cases.openedAt, cases.id)
      .limit(page.limit);
    return rows.reverse();
  }
  if (page.after) conditions.push(sql`${key} < ${keyOf(placeId, page.after)}`);
  return tx.select().from(cases).where(and(...conditions)).orderBy(desc(cases.openedAt), desc(cases.id)).limit(page.limit);
}

/**
 * The open cases counted per worker (`workerStaffId` null: no worker yet), each with how many of
 * them come before `firstId` in caseload order (the page's position, "Showing 51 to 100 of 579").
 */
export async function openCaseCounts(tx: Executor, placeId: string, f: CaseloadScope, firstId: string | null): Promise<{ workerStaffId: string | null; open: number; ahead: number }[]> {
  const conditions = openCaseConditions(placeId, f);
  if (!conditions) return [];
  const ahead = firstId ? sql<number>`(count(*) filter (where (${cases.openedAt}, ${cases.id}) > ${keyOf(placeId, firstId)}))::int` : sql<number>`0`;
  return tx
    .select({ workerStaffId: cases.workerStaffId, open: sql<number>`count(*)::int`, ahead })
    .from(cases)
    .where(and(...conditions))
    .groupBy(cases.workerStaffId);
}

export async function openCasesOfPerson(tx: Executor, placeId: string, personId: string): Promise<CaseRow[]> {
  return tx
    .select()
    .from(cases)
    .where(and(eq(cases.placeId, placeId), eq(cases.personId, personId), isNull(cases.closedAt)))
    .orderBy(cases.openedAt);
}
