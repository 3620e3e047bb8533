/**
 * What a service line still commits the pool to in a financial year: its weekly cost for the days
 * it will run from a given day to the year's end, pro rata by days / 7.
 *
 * The rule (docs/decisions/0013): days are counted inclusively from the later of the line's start
 * and the given day to the earlier of the line's end (if any) and 31 March of the day's financial
 * year; no days, no commitment. The amount is weekly pence × days / 7, rounded half up to the
 * penny once per line (never per week or per day), exactly in BigInt.
 */
import { divideRoundHalfUp } from '../pathway/plans/cost.js';
import { financialYearBounds, financialYearOf } from '../platform/financial-year.js';

export type CommitmentInput = { weeklyPence: number; startOn: string; endOn: string | null };

const dayMs = 86_400_000;

/** Days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function inclusiveDays(from: string, to: string): number {
  const n = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs + 1;
  return n > 0 ? n : 0;
}

/** The days the line runs from `asOf` to the end of asOf's financial year. */
export function daysCommitted(line: CommitmentInput, asOf: string): number {
  const yearEnd = financialYearBounds(financialYearOf(asOf)).to;
  const from = line.startOn > asOf ? line.startOn : asOf;
  const to = line.endOn !== null && line.endOn < yearEnd ? line.endOn : yearEnd;
  return inclusiveDays(from, to);
}

/** The line's commitment in pence from `asOf` to 31 March, rounded once. */
export function commitmentPence(line: CommitmentInput, asOf: string): number {
  const days = daysCommitted(line, asOf);
  if (days === 0 || line.weeklyPence === 0) return 0;
  return divideRoundHalfUp(BigInt(line.weeklyPence) * BigInt(days), 7n);
}
