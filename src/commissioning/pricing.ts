/**
 * Pricing service lines from contract rates (issue #15, decision 0016): the rate in force for a
 * provider's service, unit and enhancement on a day, and the record of which rate priced a line
 * from which day (line_pricing). The pathway asks through the pricer registered here, so it never
 * imports commissioning.
 */
import type { Executor } from '../platform/db.js';
import { registerLinePricer, type ContractPrice, type PriceQuery } from '../pathway/plans/line-pricing.js';
import * as q from './provider-queries.js';

export type RateInForce = { contractId: string; contractReference: string; rateCardId: string; ratePence: number; budgetLineCode: string; effectiveFrom: string };

/** The contract rate in force on `on`, or null when no contract of the provider prices it. */
export async function rateInForce(db: Executor, placeId: string, k: PriceQuery): Promise<RateInForce | null> {
  const [row] = await q.ratesInForce(db, placeId, k);
  if (!row) return null;
  return {
    contractId: row.contractId,
    contractReference: row.reference,
    rateCardId: row.rateCardId,
    ratePence: Number(row.ratePence),
    budgetLineCode: row.budgetLineCode,
    effectiveFrom: row.effectiveFrom,
  };
}

/** Records that a rate priced a line from a day (one row per price span). */
export async function recordLinePricing(db: Executor, placeId: string, lineId: string, fromOn: string, price: Pick<ContractPrice, 'contractId' | 'rateCardId' | 'ratePence'>, at: Date): Promise<void> {
  await q.insertLinePricing(db, [{ placeId, serviceLineId: lineId, fromOn, contractId: price.contractId, rateCardId: price.rateCardId, ratePence: price.ratePence, recordedAt: at }]);
}

/** Where each of some lines' prices came from, span by span. */
export async function pricingOfLines(db: Executor, placeId: string, lineIds: string[]) {
  return (await q.pricingOfLines(db, placeId, lineIds)).map((r) => ({
    serviceLineId: r.serviceLineId,
    fromOn: r.fromOn,
    contractId: r.contractId,
    rateCardId: r.rateCardId,
    ratePence: Number(r.ratePence),
  }));
}

/** Called once as the app is built (provider-routes.ts): new lines take contract rates from then on. */
export function registerContractPricing(): void {
  registerLinePricer({
    rateFor: (tx, placeId, query) => rateInForce(tx, placeId, query),
    priced: (tx, placeId, lineId, fromOn, price, at) => recordLinePricing(tx, placeId, lineId, fromOn, price, at),
  });
}
