/**
 * Money is integer pence (DESIGN.md §2 "Money and the ledger"): `bigint` in SQL, a safe integer
 * in TypeScript and JSON. A pool of £300m is 3e10 pence, far inside 2^53, so numbers stay exact;
 * every sum is checked to stay safe rather than silently lose a penny.
 */
import { z } from 'zod';

/** An amount of money in whole pence, as an API accepts it: no fractions, no strings. */
export const pence = z
  .number({ error: 'Give the amount in whole pence, as a number (e.g. 1636 for £16.36).' })
  .int({ error: 'Give the amount in whole pence, with no fraction of a penny (e.g. 1636 for £16.36).' })
  .refine((n) => Number.isSafeInteger(n), { error: 'The amount is too large to be money in pence.' });

/** An amount that may not be negative (a contribution, a budget, a price). */
export const nonNegativePence = pence.refine((n) => n >= 0, { error: 'The amount cannot be negative.' });

/** The sum of amounts in pence; throws when it would leave the safe integers (never rounds). */
export function sumPence(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) {
    total += a;
    if (!Number.isSafeInteger(total)) throw new RangeError('A sum of money left the safe integer range.');
  }
  return total;
}

/**
 * Splits `total` pence into parts proportional to `weights` (non-negative integers, not all zero),
 * rounding each part down and handing the pennies left over one each to the largest remainders
 * (ties to the earlier part), so the parts always add up to the total exactly.
 */
export function allocatePence(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError('total must be whole pence');
  if (weights.length === 0) throw new RangeError('nothing to allocate to');
  const w = weights.map((x) => {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError('weights must be non-negative whole numbers');
    return BigInt(x);
  });
  const sumW = w.reduce((a, b) => a + b, 0n);
  if (sumW === 0n) throw new RangeError('weights must not all be zero');
  const sign = total < 0 ? -1n : 1n;
  const t = BigInt(Math.abs(total));
  const floors = w.map((x) => (t * x) / sumW);
  const remainders = w.map((x, i) => ({ i, r: (t * x) % sumW }));
  let left = t - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = floors[i]! + 1n;
    left -= 1n;
  }
  return floors.map((x) => Number(x * sign));
}

/** £1,234.56 (and −£1,234.56): how a person reads an amount in pence. */
export function formatPounds(p: number): string {
  const sign = p < 0 ? '−' : '';
  const abs = Math.abs(p);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
