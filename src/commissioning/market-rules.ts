/**
 * The market view's arithmetic, pure. A span of a service line (one weekly cost and one weekly
 * quantity over its days) spends in a month its weekly figure × the days it runs in that month ÷ 7,
 * rounded half up once per span and month (so a month's figure is the sum of its spans' rounded
 * figures, and the months of a span add up to within a penny a month of the whole). Hours are kept
 * in hundredths and prorated the same way. The price per hour is the spend of hourly lines ÷ their
 * hours, in pence rounded half up; none when there are no hours.
 */
import { divideRoundHalfUp } from '../pathway/plans/cost.js';

export type Month = string; // YYYY-MM

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const maxMonths = 60;

export function isMonth(text: string): boolean {
  return monthPattern.test(text);
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

export function firstDayOf(month: Month): string {
  return `${month}-01`;
}

export function lastDayOf(month: Month): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const dayMs = 86_400_000;
function dayNumber(d: string): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
}

/** Days of [from, to] (both counted) that a span starting `startOn` and ending `endOn` (null: open) runs; 0 when none. */
export function overlapDays(span: { startOn: string; endOn: string | null }, from: string, to: string): number {
  const a = span.startOn > from ? span.startOn : from;
  const b = span.endOn !== null && span.endOn < to ? span.endOn : to;
  return Math.max(0, dayNumber(b) - dayNumber(a) + 1);
}

/** A weekly figure (pence or hundredths) over some days: weekly × days ÷ 7, rounded half up. */
export function prorated(weekly: number, days: number): number {
  if (weekly <= 0 || days <= 0) return 0;
  return divideRoundHalfUp(BigInt(weekly) * BigInt(days), 7n);
}

/** Pence per hour from pence and hundredths of hours, rounded half up; null without hours. */
export function pricePerHourPence(spendPence: number, hoursHundredths: number): number | null {
  if (hoursHundredths <= 0) return null;
  return divideRoundHalfUp(BigInt(spendPence) * 100n, BigInt(hoursHundredths));
}

/** a ÷ b in basis points, rounded half up; null when b is 0. */
export function shareBp(a: number, b: number): number | null {
  if (b <= 0) return null;
  return divideRoundHalfUp(BigInt(a) * 10000n, BigInt(b));
}

/** Hundredths as a decimal with two places: 1250 → "12.50". */
export function hundredthsText(h: number): string {
  return `${Math.trunc(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}
