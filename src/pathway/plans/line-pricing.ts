/**
 * Where a new service line's price comes from: the contract rate in force at its planned start
 * (issue #15). Commissioning keeps contracts and rates; the pathway does not import it (that would
 * make a circle, as commissioning re-prices lines through the pathway), so commissioning registers
 * its pricer here at start, as listeners register in line-events.ts. With no pricer registered
 * (a tool that builds the pathway alone) every line is a spot price.
 */
import type { Executor } from '../../platform/db.js';

export type ContractPrice = {
  contractId: string;
  contractReference: string;
  rateCardId: string;
  ratePence: number;
  budgetLineCode: string;
  /** The day the rate applies from. */
  effectiveFrom: string;
};

export type PriceQuery = { providerPartnerId: string; serviceType: string; unit: string; enhancement: string; on: string };

export type LinePricer = {
  /** The contract rate in force for the line on its planned start, or null (a spot price). */
  rateFor(tx: Executor, placeId: string, query: PriceQuery): Promise<ContractPrice | null>;
  /** Records which rate priced the line from a day, in the line's transaction. */
  priced(tx: Executor, placeId: string, lineId: string, fromOn: string, price: ContractPrice, at: Date): Promise<void>;
};

let pricer: LinePricer | null = null;

export function registerLinePricer(p: LinePricer): void {
  pricer = p;
}

export function linePricer(): LinePricer | null {
  return pricer;
}
