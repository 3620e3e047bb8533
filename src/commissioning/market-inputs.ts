/** The market view's query strings. */
import { z } from 'zod';
import { InvalidError } from '../platform/errors.js';
import { londonDateOf } from '../platform/dates.js';
import { isMonth, maxMonths, monthsBetween } from './market-rules.js';
import { marketGroupings } from './market.js';

const month = z.string().refine(isMonth, { message: 'must be a month written YYYY-MM, e.g. 2026-04' });

export const marketRangeQuery = z.strictObject({
  from: month.optional(),
  to: month.optional(),
});

export const marketQuery = marketRangeQuery.extend({
  by: z.enum(marketGroupings, { message: 'must be provider, service or zone' }).default('provider'),
});

export const utilisationQuery = z.strictObject({
  on: z.iso.date('must be a day, YYYY-MM-DD').optional(),
});

function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The range asked for, or the twelve months to this one; a range backwards or longer than five years is refused. */
export function monthRange(q: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } {
  const to = q.to ?? (q.from ? monthsBack(q.from, -11) : londonDateOf(now).slice(0, 7));
  const from = q.from ?? monthsBack(to, 11);
  if (from > to) throw new InvalidError('The month range runs backwards.', [{ field: 'to', problem: `must not be before ${from}, the first month` }]);
  if (monthsBetween(from, to).length > maxMonths) throw new InvalidError('The month range is too long.', [{ field: 'to', problem: `must be at most ${maxMonths} months from ${from}` }]);
  return { from, to };
}
