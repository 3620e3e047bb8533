/** The SQL of placements and delivered care (issue #15, the provider portal). */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { deliveries, placements } from './payment-schema.js';

export type PlacementRow = typeof placements.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export const liveStatuses = ['offered', 'accepted', 'started'] as const;

export async function placementById(db: Executor, placeId: string, id: string, lock = false): Promise<PlacementRow | undefined> {
  const q = db
    .select()
    .from(placements)
    .where(and(eq(placements.placeId, placeId), eq(placements.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** A provider's own placement: the id from the request alone never finds another provider's. */
export async function placementOfProvider(db: Executor, placeId: string, providerPartnerId: string, id: string, lock = false): Promise<PlacementRow | undefined> {
  const q = db
    .select()
    .from(placements)
    .where(and(eq(placements.placeId, placeId), eq(placements.providerPartnerId, providerPartnerId), eq(placements.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function livePlacementOfLine(db: Executor, placeId: string, lineId: string): Promise<PlacementRow | undefined> {
  const [row] = await db
    .select()
    .from(placements)
    .where(and(eq(placements.placeId, placeId), eq(placements.serviceLineId, lineId), inArray(placements.status, [...liveStatuses])))
    .for('update');
  return row;
}

export async function placementsOfLine(db: Executor, placeId: string, lineId: string): Promise<PlacementRow[]> {
  return db
    .select()
    .from(placements)
    .where(and(eq(placements.placeId, placeId), eq(placements.serviceLineId, lineId)))
    .orderBy(asc(placements.offeredAt), asc(placements.id));
}

export type PlacementFilter = { providerPartnerId?: string; statuses?: readonly string[]; lineIds?: string[]; limit: number; offset: number };

export async function listPlacements(db: Executor, placeId: string, f: PlacementFilter): Promise<{ rows: PlacementRow[]; total: number }> {
  if (f.lineIds && f.lineIds.length === 0) return { rows: [], total: 0 };
  const where = and(
    eq(placements.placeId, placeId),
    f.providerPartnerId ? eq(placements.providerPartnerId, f.providerPartnerId) : undefined,
    f.statuses ? inArray(placements.status, [...f.statuses]) : undefined,
    f.lineIds ? inArray(placements.serviceLineId, f.lineIds) : undefined,
  );
  const rows = await db.select().from(placements).where(where).orderBy(desc(placements.offeredAt), asc(placements.id)).limit(f.limit).offset(f.offset);
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(placements).where(where);
  return { rows, total: Number(counted?.n ?? 0) };
}

export async function insertPlacement(db: Executor, row: typeof placements.$inferInsert): Promise<void> {
  await db.insert(placements).values(row);
}

export async function updatePlacementAtVersion(db: Executor, placeId: string, id: string, version: number, changes: Partial<typeof placements.$inferInsert>): Promise<PlacementRow | null> {
  const [row] = await db
    .update(placements)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(placements.placeId, placeId), eq(placements.id, id), eq(placements.version, version)))
    .returning();
  return row ?? null;
}

/** Hundredths of the line's unit already recorded on each of these days (for the 24-hours-a-day rule). */
export async function deliveredByDay(db: Executor, placeId: string, lineId: string, days: string[]): Promise<Map<string, number>> {
  if (days.length === 0) return new Map();
  const rows = await db
    .select({ day: deliveries.deliveredOn, n: sql<number>`sum(${deliveries.quantityHundredths})::int` })
    .from(deliveries)
    .where(and(eq(deliveries.placeId, placeId), eq(deliveries.serviceLineId, lineId), inArray(deliveries.deliveredOn, [...new Set(days)])))
    .groupBy(deliveries.deliveredOn);
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/** Records deliveries; a visit already recorded (same provider and external ref) records nothing. Returns how many were new. */
export async function insertDeliveries(db: Executor, rows: (typeof deliveries.$inferInsert)[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const saved = await db.insert(deliveries).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ id: deliveries.id });
    added += saved.length;
  }
  return added;
}

export async function deliveriesOfPlacement(db: Executor, placeId: string, placementId: string, limit = 200): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.placeId, placeId), eq(deliveries.placementId, placementId)))
    .orderBy(desc(deliveries.deliveredOn), desc(deliveries.recordedAt))
    .limit(limit);
}

/** External refs of a provider already recorded, among these. */
export async function knownExternalRefs(db: Executor, placeId: string, providerPartnerId: string, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: deliveries.externalRef })
    .from(deliveries)
    .where(and(eq(deliveries.placeId, placeId), eq(deliveries.providerPartnerId, providerPartnerId), inArray(deliveries.externalRef, [...new Set(refs)])));
  return new Set(rows.map((r) => r.ref!));
}

/** Hundredths of units delivered on a line from `from` to `to` (both included), of every provider. */
export async function sumDelivered(db: Executor, placeId: string, lineId: string, from: string, to: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${deliveries.quantityHundredths}), 0)::int` })
    .from(deliveries)
    .where(and(eq(deliveries.placeId, placeId), eq(deliveries.serviceLineId, lineId), gte(deliveries.deliveredOn, from), lte(deliveries.deliveredOn, to)));
  return Number(row?.n ?? 0);
}

/** A provider's started or ended placements named by their id or their line's id (an ECM file's references). */
export async function placementsByRefs(db: Executor, placeId: string, providerPartnerId: string, refs: string[]): Promise<PlacementRow[]> {
  if (refs.length === 0) return [];
  const unique = [...new Set(refs)];
  return db
    .select()
    .from(placements)
    .where(
      and(
        eq(placements.placeId, placeId),
        eq(placements.providerPartnerId, providerPartnerId),
        inArray(placements.status, ['started', 'ended']),
        sql`(${inArray(placements.id, unique)} or ${inArray(placements.serviceLineId, unique)})`,
      ),
    )
    .orderBy(asc(placements.offeredAt));
}
