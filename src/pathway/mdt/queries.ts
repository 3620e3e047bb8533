import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { mdtActions, mdtCases, mdtMeetings } from '../schema.js';

export type MeetingRow = typeof mdtMeetings.$inferSelect;
export type ActionRow = typeof mdtActions.$inferSelect;

export async function meetingById(tx: Executor, placeId: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx.select().from(mdtMeetings).where(and(eq(mdtMeetings.placeId, placeId), eq(mdtMeetings.id, id)));
  return row;
}

export async function meetingsOfTeam(tx: Executor, placeId: string, teamId: string, limit: number): Promise<MeetingRow[]> {
  return tx
    .select()
    .from(mdtMeetings)
    .where(and(eq(mdtMeetings.placeId, placeId), eq(mdtMeetings.teamId, teamId)))
    .orderBy(desc(mdtMeetings.heldOn))
    .limit(limit);
}

export async function insertMeeting(tx: Executor, row: typeof mdtMeetings.$inferInsert): Promise<void> {
  await tx.insert(mdtMeetings).values(row);
}

/** Adds the person to the case list, or replaces the discussion note if they are on it. */
export async function upsertCaseNote(tx: Executor, row: typeof mdtCases.$inferInsert): Promise<void> {
  await tx
    .insert(mdtCases)
    .values(row)
    .onConflictDoUpdate({
      target: [mdtCases.placeId, mdtCases.meetingId, mdtCases.personId],
      set: { note: row.note, authorUserId: row.authorUserId, updatedAt: row.updatedAt },
    });
}

export async function casesOfMeeting(tx: Executor, placeId: string, meetingId: string) {
  return tx
    .select()
    .from(mdtCases)
    .where(and(eq(mdtCases.placeId, placeId), eq(mdtCases.meetingId, meetingId)))
    .orderBy(asc(mdtCases.updatedAt));
}

export async function insertAction(tx: Executor, row: typeof mdtActions.$inferInsert): Promise<void> {
  await tx.insert(mdtActions).values(row);
}

export async function actionById(tx: Executor, placeId: string, id: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(mdtActions).where(and(eq(mdtActions.placeId, placeId), eq(mdtActions.id, id)));
  return row;
}

export async function markActionDone(tx: Executor, placeId: string, id: string, at: Date, by: string): Promise<ActionRow | null> {
  const [row] = await tx
    .update(mdtActions)
    .set({ doneAt: at, doneBy: by })
    .where(and(eq(mdtActions.placeId, placeId), eq(mdtActions.id, id), isNull(mdtActions.doneAt)))
    .returning();
  return row ?? null;
}

export async function actionsOf(
  tx: Executor,
  placeId: string,
  f: { meetingId?: string; personId?: string; ownerStaffId?: string; openOnly?: boolean; dueBefore?: string },
): Promise<ActionRow[]> {
  const conditions = [eq(mdtActions.placeId, placeId)];
  if (f.meetingId) conditions.push(eq(mdtActions.meetingId, f.meetingId));
  if (f.personId) conditions.push(eq(mdtActions.personId, f.personId));
  if (f.ownerStaffId) conditions.push(eq(mdtActions.ownerStaffId, f.ownerStaffId));
  if (f.openOnly) conditions.push(isNull(mdtActions.doneAt));
  if (f.dueBefore) conditions.push(lt(mdtActions.dueOn, f.dueBefore));
  return tx
    .select()
    .from(mdtActions)
    .where(and(...conditions))
    .orderBy(asc(mdtActions.dueOn), sql`${mdtActions.id}`)
    .limit(500);
}

/** The meeting each action was agreed at (for links from the timeline). */
export async function meetingsOfActions(tx: Executor, placeId: string, actionIds: string[]): Promise<Map<string, string>> {
  if (actionIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: mdtActions.id, meetingId: mdtActions.meetingId })
    .from(mdtActions)
    .where(and(eq(mdtActions.placeId, placeId), inArray(mdtActions.id, [...new Set(actionIds)])));
  return new Map(rows.map((r) => [r.id, r.meetingId]));
}
