import { and, arrayOverlaps, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { delegations } from './schema.js';
import type { Delegation } from './queries.js';

/** The SQL of delegation periods: reads, the overlap check, inserts and the one update (ending). */

export type NewDelegationRow = typeof delegations.$inferInsert;

export async function selectDelegation(db: Executor, placeId: string, id: string): Promise<Delegation | null> {
  const rows = await db
    .select()
    .from(delegations)
    .where(and(eq(delegations.placeId, placeId), eq(delegations.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Serialises writers of one function of one place until the transaction ends (the database's
 * trigger takes the same lock), so the overlap check below cannot race another write.
 */
export async function lockFunction(tx: Executor, placeId: string, fn: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${placeId}:delegation:${fn}`}, 0))`);
}

/** Periods of the function that share a client group with, and overlap, the days from..to (to null: open). */
export function selectOverlapping(
  db: Executor,
  placeId: string,
  fn: string,
  clientGroups: string[],
  from: string,
  to: string | null,
  exceptId?: string,
): Promise<Delegation[]> {
  return db
    .select()
    .from(delegations)
    .where(
      and(
        eq(delegations.placeId, placeId),
        eq(delegations.function, fn),
        arrayOverlaps(delegations.clientGroups, clientGroups),
        to === null ? undefined : lte(delegations.validFrom, to),
        or(isNull(delegations.validTo), gte(delegations.validTo, from)),
        exceptId ? sql`${delegations.id} <> ${exceptId}` : undefined,
      ),
    )
    .orderBy(asc(delegations.validFrom));
}

/** Periods of one function in force on a day (for any of its client groups). */
export function selectInForce(db: Executor, placeId: string, fn: string, on: string): Promise<Delegation[]> {
  return db
    .select()
    .from(delegations)
    .where(
      and(
        eq(delegations.placeId, placeId),
        eq(delegations.function, fn),
        lte(delegations.validFrom, on),
        or(isNull(delegations.validTo), gte(delegations.validTo, on)),
      ),
    )
    .orderBy(asc(delegations.validFrom));
}

export async function insertDelegation(tx: Executor, row: NewDelegationRow): Promise<Delegation> {
  const [inserted] = await tx.insert(delegations).values(row).returning();
  return inserted!;
}

/** Gives an open period its last day; null when it was no longer open. */
export async function endOpenDelegation(
  tx: Executor,
  placeId: string,
  id: string,
  end: { validTo: string; endedAt: Date; endedBy: string; endReason: string },
): Promise<Delegation | null> {
  const rows = await tx
    .update(delegations)
    .set(end)
    .where(and(eq(delegations.placeId, placeId), eq(delegations.id, id), isNull(delegations.validTo)))
    .returning();
  return rows[0] ?? null;
}
