/**
 * In-house against commissioned home care, month by month (Northumbria's comparison of NHS pay
 * rates with the council's £16.36 an hour): the in-house cost of an hour in force on the month's
 * first day (the place's preset model, in-house-costs.ts) against the standard hourly home-care
 * rates in force that day on contracts with providers that are not in-house (lowest, highest and
 * their plain mean, rounded half up), and the difference (in-house less the mean).
 */
import type { Executor } from '../platform/db.js';
import { divideRoundHalfUp } from '../pathway/plans/cost.js';
import { placeOverview } from '../partnership/service.js';
import { inHouseCostsOfPreset } from '../synth/in-house-costs.js';
import { inHouseHourCost, inHousePeriodOn, type InHouseHourCost } from './in-house-costs.js';
import { homeCareHourlyRates, type HomeCareRate } from './market-queries.js';
import { firstDayOf, monthsBetween, type Month } from './market-rules.js';

export type ComparisonMonth = {
  month: Month;
  on: string;
  inHouseCostPerHourPence: number | null;
  inHousePeriodFrom: string | null;
  commissionedMeanPence: number | null;
  commissionedLowestPence: number | null;
  commissionedHighestPence: number | null;
  commissionedRates: number;
  /** In-house less the commissioned mean; positive when in-house costs more. */
  differencePence: number | null;
  /** Either side changed since the month before. */
  changed: boolean;
};

export type InHouseComparison = {
  from: Month;
  to: Month;
  /** The preset model's own note on its figures; null when the place has no in-house model. */
  basis: string | null;
  /** Each period of the model in the range (and the one in force at its start), with its build-up. */
  inHouse: InHouseHourCost[];
  months: ComparisonMonth[];
};

export function ratesInForce(rates: HomeCareRate[], on: string): number[] {
  return rates
    .filter((r) => r.effectiveFrom <= on && (r.effectiveTo === null || r.effectiveTo >= on) && r.contractStartsOn <= on && (r.contractEndsOn === null || r.contractEndsOn >= on))
    .map((r) => r.ratePence);
}

export async function inHouseComparison(db: Executor, placeId: string, q: { from: Month; to: Month }): Promise<InHouseComparison> {
  const { place } = await placeOverview(db, placeId);
  const model = inHouseCostsOfPreset(place.preset);
  const rates = await homeCareHourlyRates(db, placeId);
  const months: ComparisonMonth[] = [];
  const periods = new Map<string, InHouseHourCost>();
  for (const month of monthsBetween(q.from, q.to)) {
    const on = firstDayOf(month);
    const period = model ? inHousePeriodOn(model, on) : null;
    const cost = period ? inHouseHourCost(period) : null;
    if (cost) periods.set(cost.from, cost);
    const inForce = ratesInForce(rates, on);
    const mean = inForce.length > 0 ? divideRoundHalfUp(BigInt(inForce.reduce((s, r) => s + r, 0)), BigInt(inForce.length)) : null;
    const prior = months.at(-1);
    const inHouseCostPerHourPence = cost?.costPerHourPence ?? null;
    months.push({
      month,
      on,
      inHouseCostPerHourPence,
      inHousePeriodFrom: cost?.from ?? null,
      commissionedMeanPence: mean,
      commissionedLowestPence: inForce.length > 0 ? Math.min(...inForce) : null,
      commissionedHighestPence: inForce.length > 0 ? Math.max(...inForce) : null,
      commissionedRates: inForce.length,
      differencePence: inHouseCostPerHourPence !== null && mean !== null ? inHouseCostPerHourPence - mean : null,
      changed: prior !== undefined && (prior.inHouseCostPerHourPence !== inHouseCostPerHourPence || prior.commissionedMeanPence !== mean),
    });
  }
  return { from: q.from, to: q.to, basis: model?.basis ?? null, inHouse: [...periods.values()], months };
}
