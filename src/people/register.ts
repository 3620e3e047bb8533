/**
 * The whole register of a place, a page at a time, for a records export (src/reporting/
 * records-export.ts). It answers rows with no access check of its own: its one caller checks the
 * exporting role and audits every person it hands on.
 */
import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { people } from './schema.js';
import type { PersonRow } from './queries.js';
import { recordParts, versionsOf } from './queries.js';

export async function registerSize(db: Executor, placeId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(people).where(eq(people.placeId, placeId));
  return row?.n ?? 0;
}

/** People in id order after `afterId` (from the start when null). */
export function registerPage(db: Executor, placeId: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
  return db
    .select()
    .from(people)
    .where(afterId ? and(eq(people.placeId, placeId), gt(people.id, afterId)) : eq(people.placeId, placeId))
    .orderBy(asc(people.id))
    .limit(limit);
}

/** Who changed a record, when and what, oldest first. */
export function versionsOfPerson(db: Executor, placeId: string, personId: string) {
  return versionsOf(db, placeId, personId);
}

/** Carers, contacts and merged-in aliases of a record on a day. */
export function partsOfRecord(db: Executor, placeId: string, personId: string, on: string) {
  return recordParts(db, placeId, personId, on);
}
