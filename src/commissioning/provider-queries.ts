/** Commissioning's SQL for providers, contracts, rate cards and where a line's price came from. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../platform/db.js';
import { contracts, linePricing, providerProfiles, rateCards } from './provider-schema.js';

export type ProfileRow = typeof providerProfiles.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type RateRow = typeof rateCards.$inferSelect;

export async function profilesOfPlace(db: Executor, placeId: string, f: { service?: string; zone?: string } = {}): Promise<ProfileRow[]> {
  const where = [eq(providerProfiles.placeId, placeId)];
  if (f.service) where.push(sql`${f.service} = any(${providerProfiles.services})`);
  // No areas: the provider covers the whole place.
  if (f.zone) where.push(sql`(cardinality(${providerProfiles.areas}) = 0 or ${f.zone} = any(${providerProfiles.areas}))`);
  return db
    .select()
    .from(providerProfiles)
    .where(and(...where))
    .orderBy(asc(providerProfiles.partnerId));
}

export async function profileOf(db: Executor, placeId: string, partnerId: string, lock = false): Promise<ProfileRow | undefined> {
  const q = db
    .select()
    .from(providerProfiles)
    .where(and(eq(providerProfiles.placeId, placeId), eq(providerProfiles.partnerId, partnerId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertProfile(db: Executor, row: typeof providerProfiles.$inferInsert): Promise<ProfileRow> {
  const [saved] = await db.insert(providerProfiles).values(row).returning();
  return saved!;
}

/** Null when another request made the profile first. */
export async function insertProfileIfAbsent(db: Executor, row: typeof providerProfiles.$inferInsert): Promise<ProfileRow | null> {
  const [saved] = await db.insert(providerProfiles).values(row).onConflictDoNothing().returning();
  return saved ?? null;
}

export async function updateProfileAtVersion(db: Executor, placeId: string, partnerId: string, version: number, changes: Partial<typeof providerProfiles.$inferInsert>): Promise<ProfileRow | null> {
  const [row] = await db
    .update(providerProfiles)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(providerProfiles.placeId, placeId), eq(providerProfiles.partnerId, partnerId), eq(providerProfiles.version, version)))
    .returning();
  return row ?? null;
}

export async function contractsOf(db: Executor, placeId: string, providerPartnerId?: string): Promise<ContractRow[]> {
  const where = [eq(contracts.placeId, placeId)];
  if (providerPartnerId) where.push(eq(contracts.providerPartnerId, providerPartnerId));
  return db
    .select()
    .from(contracts)
    .where(and(...where))
    .orderBy(asc(contracts.reference));
}

export async function contractById(db: Executor, placeId: string, id: string, lock = false): Promise<ContractRow | undefined> {
  const q = db
    .select()
    .from(contracts)
    .where(and(eq(contracts.placeId, placeId), eq(contracts.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function contractByReference(db: Executor, placeId: string, reference: string): Promise<ContractRow | undefined> {
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.placeId, placeId), eq(contracts.reference, reference)));
  return row;
}

export async function insertContract(db: Executor, row: typeof contracts.$inferInsert): Promise<ContractRow> {
  const [saved] = await db.insert(contracts).values(row).returning();
  return saved!;
}

export async function updateContractAtVersion(db: Executor, placeId: string, id: string, version: number, changes: Partial<typeof contracts.$inferInsert>): Promise<ContractRow | null> {
  const [row] = await db
    .update(contracts)
    .set({ ...changes, version: version + 1 })
    .where(and(eq(contracts.placeId, placeId), eq(contracts.id, id), eq(contracts.version, version)))
    .returning();
  return row ?? null;
}

export async function ratesOfContracts(db: Executor, placeId: string, contractIds: string[]): Promise<RateRow[]> {
  if (contractIds.length === 0) return [];
  return db
    .select()
    .from(rateCards)
    .where(and(eq(rateCards.placeId, placeId), inArray(rateCards.contractId, contractIds)))
    .orderBy(asc(rateCards.serviceType), asc(rateCards.unit), asc(rateCards.enhancement), asc(rateCards.effectiveFrom));
}

export type RateKey = { contractId: string; serviceType: string; unit: string; enhancement: string };

/** The rows of one rate (contract, service type, unit, enhancement), locked, oldest first. */
export async function rateSeries(db: Executor, placeId: string, k: RateKey): Promise<RateRow[]> {
  return db
    .select()
    .from(rateCards)
    .where(
      and(
        eq(rateCards.placeId, placeId),
        eq(rateCards.contractId, k.contractId),
        eq(rateCards.serviceType, k.serviceType),
        eq(rateCards.unit, k.unit),
        eq(rateCards.enhancement, k.enhancement),
      ),
    )
    .orderBy(asc(rateCards.effectiveFrom))
    .for('update');
}

export async function insertRate(db: Executor, row: typeof rateCards.$inferInsert): Promise<RateRow> {
  const [saved] = await db.insert(rateCards).values(row).returning();
  return saved!;
}

export async function endRate(db: Executor, placeId: string, id: string, effectiveTo: string): Promise<void> {
  await db
    .update(rateCards)
    .set({ effectiveTo })
    .where(and(eq(rateCards.placeId, placeId), eq(rateCards.id, id)));
}

/** The rate rows in force on a day for a provider's service, unit and enhancement, under a contract in force that day. */
export async function ratesInForce(db: Executor, placeId: string, k: { providerPartnerId: string; serviceType: string; unit: string; enhancement: string; on: string }) {
  return db
    .select({
      contractId: contracts.id,
      reference: contracts.reference,
      kind: contracts.kind,
      budgetLineCode: contracts.budgetLineCode,
      rateCardId: rateCards.id,
      ratePence: rateCards.ratePence,
      effectiveFrom: rateCards.effectiveFrom,
    })
    .from(rateCards)
    .innerJoin(contracts, and(eq(contracts.placeId, rateCards.placeId), eq(contracts.id, rateCards.contractId)))
    .where(
      and(
        eq(rateCards.placeId, placeId),
        eq(contracts.providerPartnerId, k.providerPartnerId),
        lte(contracts.startsOn, k.on),
        or(isNull(contracts.endsOn), gte(contracts.endsOn, k.on)),
        eq(rateCards.serviceType, k.serviceType),
        eq(rateCards.unit, k.unit),
        eq(rateCards.enhancement, k.enhancement),
        lte(rateCards.effectiveFrom, k.on),
        or(isNull(rateCards.effectiveTo), gte(rateCards.effectiveTo, k.on)),
      ),
    )
    // Several contracts could cover it: the latest rate first, then a call-off or block before a spot price.
    .orderBy(desc(rateCards.effectiveFrom), sql`case ${contracts.kind} when 'call_off' then 0 when 'block' then 1 when 'framework' then 2 else 3 end`, asc(contracts.reference));
}

export async function insertLinePricing(db: Executor, rows: (typeof linePricing.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(linePricing).values(rows).onConflictDoUpdate({
    target: [linePricing.placeId, linePricing.serviceLineId, linePricing.fromOn],
    set: { contractId: sql`excluded.contract_id`, rateCardId: sql`excluded.rate_card_id`, ratePence: sql`excluded.rate_pence`, recordedAt: sql`excluded.recorded_at` },
  });
}

/**
 * The lines whose latest price span came from one of these rate rows (the lines a new rate may
 * re-price), with the day that span starts.
 */
export async function linesPricedFrom(db: Executor, placeId: string, rateCardIds: string[]): Promise<{ serviceLineId: string; fromOn: string; rateCardId: string }[]> {
  if (rateCardIds.length === 0) return [];
  const rows = await rowsOf<{ service_line_id: string; from_on: string; rate_card_id: string }>(db, sql`
    select lp.service_line_id, lp.from_on::text as from_on, lp.rate_card_id
    from ${linePricing} lp
    where lp.place_id = ${placeId}
      and lp.rate_card_id in (${sql.join(rateCardIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and lp.from_on = (select max(l2.from_on) from ${linePricing} l2 where l2.place_id = lp.place_id and l2.service_line_id = lp.service_line_id)
    order by lp.service_line_id`);
  return rows.map((r) => ({ serviceLineId: r.service_line_id, fromOn: r.from_on, rateCardId: r.rate_card_id }));
}

/** Price spans of some lines, oldest first. */
export async function pricingOfLines(db: Executor, placeId: string, lineIds: string[]) {
  if (lineIds.length === 0) return [];
  return db
    .select()
    .from(linePricing)
    .where(and(eq(linePricing.placeId, placeId), inArray(linePricing.serviceLineId, lineIds)))
    .orderBy(asc(linePricing.serviceLineId), asc(linePricing.fromOn));
}
