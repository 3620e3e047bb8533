/**
 * The forecast outturn of a budget line, pure: actuals to date + commitments (packages known
 * today, to 31 March) + a seasonal trend for demand not yet known, and its variance against the
 * budget (positive = overspend).
 *
 * The trend: new packages keep arriving at the line's recent rate, `newWeeklyPencePerMonth` (the
 * weekly cost of lines newly approved in an average recent month), scaled by the month's seasonal
 * index in per-mille (winter pressure: more packages from December to March), and each month's
 * new demand runs from the middle of that month (the 15th) to 31 March. For each month after the
 * day: weekly × index / 1000 × days from the 15th (or the day, if later) to 31 March / 7, rounded
 * half up once per month, in integer arithmetic.
 */
import { divideRoundHalfUp } from '../pathway/plans/cost.js';
import { daysLeft } from './commitment-rules.js';
import { financialYearOf, monthsOfFinancialYear } from '../platform/financial-year.js';

/** Seasonal index per calendar month (January first), per mille, averaging 1000. */
export const seasonalIndexPerMille = [1150, 1100, 1050, 950, 900, 900, 900, 900, 950, 1000, 1050, 1150] as const;

export function seasonalTrendPence(newWeeklyPencePerMonth: number, day: string, index: readonly number[] = seasonalIndexPerMille): number {
  if (newWeeklyPencePerMonth <= 0) return 0;
  let total = 0;
  for (const month of monthsOfFinancialYear(financialYearOf(day))) {
    if (`${month}-31` < day) continue;
    const mid = `${month}-15`;
    const days = daysLeft({ startOn: mid, endOn: null }, day);
    const perMille = index[Number(month.slice(5, 7)) - 1]!;
    total += divideRoundHalfUp(BigInt(newWeeklyPencePerMonth) * BigInt(perMille) * BigInt(days), 7000n);
  }
  return total;
}

export type LineForecast = { actualsPence: number; commitmentPence: number; trendPence: number; forecastPence: number; budgetPence: number; variancePence: number };

export function lineForecast(i: { actualsPence: number; commitmentPence: number; trendPence: number; budgetPence: number }): LineForecast {
  const forecastPence = i.actualsPence + i.commitmentPence + i.trendPence;
  return { ...i, forecastPence, variancePence: forecastPence - i.budgetPence };
}
