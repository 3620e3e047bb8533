/**
 * The commitment of one service line, pure. A line commits its weekly cost for each day it runs
 * from the later of its start and the day asked about to the earlier of its end and 31 March of
 * that day's financial year, both days counted: weekly × days / 7, rounded half up to the penny
 * once per line (so a budget line's commitment is the sum of its lines' rounded figures, and a
 * line read alone reads the same as in the sum). A line ended before the day, or starting after
 * the year, commits nothing.
 */
import { financialYearBounds, financialYearOf } from '../platform/financial-year.js';
import { divideRoundHalfUp } from '../pathway/plans/cost.js';

export type CommittedLine = { weeklyPence: number; startOn: string; endOn: string | null };

const dayMs = 86_400_000;
function dayNumber(d: string): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
}

/** Days the line runs from `day` to the end of day's financial year, both counted (0 when none). */
export function daysLeft(line: Pick<CommittedLine, 'startOn' | 'endOn'>, day: string): number {
  const yearEnd = financialYearBounds(financialYearOf(day)).to;
  const from = line.startOn > day ? line.startOn : day;
  const to = line.endOn !== null && line.endOn < yearEnd ? line.endOn : yearEnd;
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export function lineCommitmentPence(line: CommittedLine, day: string): number {
  return divideRoundHalfUp(BigInt(line.weeklyPence) * BigInt(daysLeft(line, day)), 7n);
}

export type PriceSpan = { startOn: string; endOn: string | null; weeklyPence: number };

function dayBefore(d: string): string {
  return new Date((dayNumber(d) - 1) * dayMs).toISOString().slice(0, 10);
}

/**
 * A line's commitment split at each re-pricing: each price runs from its day (the first from the
 * line's start) to the day before the next, the last to the line's end. A span that would start
 * before the line does starts with it; one left with no days (a price from after the line ended,
 * or from its very first day) is dropped, so the spans never overlap and cover the line once.
 */
export function priceSpans(startOn: string, endOn: string | null, prices: readonly { from: string | null; weeklyPence: number }[]): PriceSpan[] {
  const spans: PriceSpan[] = [];
  prices.forEach((p, i) => {
    const from = p.from === null || p.from < startOn ? startOn : p.from;
    const next = prices[i + 1]?.from;
    const until = next === undefined || next === null ? endOn : endOn !== null && endOn < dayBefore(next) ? endOn : dayBefore(next);
    if (until !== null && until < from) return;
    spans.push({ startOn: from, endOn: until, weeklyPence: p.weeklyPence });
  });
  return spans;
}
