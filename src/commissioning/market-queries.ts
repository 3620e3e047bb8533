/** The market view's SQL over commissioning's own tables (read only). */
import { and, between, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { contracts, deliveries, linePricing, payRunLines, payRuns, placements, providerProfiles, rateCards } from './schema.js';

export type PaidRow = { month: string; providerPartnerId: string | null; serviceLineId: string | null; amountPence: number };

/** What posted pay runs paid, by the month of their posting day, payee and service line. */
export async function paidByMonth(db: Executor, placeId: string, from: string, to: string): Promise<PaidRow[]> {
  const month = sql<string>`to_char(${payRuns.postedOn}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, providerPartnerId: payRunLines.providerPartnerId, serviceLineId: payRunLines.serviceLineId, amountPence: sql<string>`sum(${payRunLines.amountPence})` })
    .from(payRunLines)
    .innerJoin(payRuns, and(eq(payRuns.placeId, payRunLines.placeId), eq(payRuns.id, payRunLines.payRunId)))
    .where(and(eq(payRunLines.placeId, placeId), eq(payRuns.status, 'posted'), isNotNull(payRuns.postedOn), between(payRuns.postedOn, from, to)))
    .groupBy(month, payRunLines.providerPartnerId, payRunLines.serviceLineId);
  return rows.map((r) => ({ ...r, amountPence: Number(r.amountPence) }));
}

export type DeliveredRow = { month: string; providerPartnerId: string; serviceLineId: string; hoursHundredths: number };

/** Hours delivered as providers recorded them, by month, provider and service line. */
export async function deliveredHoursByMonth(db: Executor, placeId: string, from: string, to: string): Promise<DeliveredRow[]> {
  const month = sql<string>`to_char(${deliveries.deliveredOn}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, providerPartnerId: deliveries.providerPartnerId, serviceLineId: deliveries.serviceLineId, hours: sql<string>`sum(${deliveries.quantityHundredths})` })
    .from(deliveries)
    .where(and(eq(deliveries.placeId, placeId), eq(deliveries.unit, 'hour'), between(deliveries.deliveredOn, from, to)))
    .groupBy(month, deliveries.providerPartnerId, deliveries.serviceLineId);
  return rows.map(({ hours, ...r }) => ({ ...r, hoursHundredths: Number(hours) }));
}

export type ContractRow = typeof contracts.$inferSelect;

export function contractsOfPlace(db: Executor, placeId: string): Promise<ContractRow[]> {
  return db.select().from(contracts).where(eq(contracts.placeId, placeId)).orderBy(contracts.reference);
}

/** Which contract each service line is on: its price spans' contracts (line_pricing) and its placements'. */
export async function contractLinks(db: Executor, placeId: string): Promise<{ serviceLineId: string; contractId: string; fromOn: string | null; source: 'pricing' | 'placement' }[]> {
  const priced = await db
    .select({ serviceLineId: linePricing.serviceLineId, contractId: linePricing.contractId, fromOn: linePricing.fromOn })
    .from(linePricing)
    .where(eq(linePricing.placeId, placeId));
  const placed = await db
    .select({ serviceLineId: placements.serviceLineId, contractId: placements.contractId })
    .from(placements)
    .where(and(eq(placements.placeId, placeId), isNotNull(placements.contractId), inArray(placements.status, ['accepted', 'started', 'ended'])));
  return [
    ...priced.map((r) => ({ ...r, source: 'pricing' as const })),
    ...placed.map((r) => ({ serviceLineId: r.serviceLineId, contractId: r.contractId!, fromOn: null, source: 'placement' as const })),
  ];
}

export type HomeCareRate = { contractId: string; reference: string; providerPartnerId: string; ratePence: number; effectiveFrom: string; effectiveTo: string | null; contractStartsOn: string; contractEndsOn: string | null };

/**
 * Standard hourly rates on contracts paid from a home-care budget line (BL/home_care/…), from
 * providers not delivering in-house: the commissioned market's price of an hour of home care.
 */
export async function homeCareHourlyRates(db: Executor, placeId: string): Promise<HomeCareRate[]> {
  return db
    .select({
      contractId: contracts.id,
      reference: contracts.reference,
      providerPartnerId: contracts.providerPartnerId,
      ratePence: rateCards.ratePence,
      effectiveFrom: rateCards.effectiveFrom,
      effectiveTo: rateCards.effectiveTo,
      contractStartsOn: contracts.startsOn,
      contractEndsOn: contracts.endsOn,
    })
    .from(rateCards)
    .innerJoin(contracts, and(eq(contracts.placeId, rateCards.placeId), eq(contracts.id, rateCards.contractId)))
    .leftJoin(providerProfiles, and(eq(providerProfiles.placeId, contracts.placeId), eq(providerProfiles.partnerId, contracts.providerPartnerId)))
    .where(
      and(
        eq(rateCards.placeId, placeId),
        eq(rateCards.unit, 'hour'),
        eq(rateCards.enhancement, 'standard'),
        sql`${contracts.budgetLineCode} like 'BL/home\\_care/%'`,
        sql`coalesce(${providerProfiles.inHouse}, false) = false`,
      ),
    )
    .orderBy(rateCards.effectiveFrom);
}
