import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { people } from './schema.js';

/**
 * Each person's GP practice (id), for measures that place people in a zone when no team holds
 * them. Identifiers only: the caller has already decided what it may show.
 */
export async function gpPracticesOfPeople(db: Executor, placeId: string, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, gpPracticeId: people.gpPracticeId })
    .from(people)
    .where(and(eq(people.placeId, placeId), inArray(people.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.gpPracticeId]));
}
