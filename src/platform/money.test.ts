import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocatePence, formatPounds, pence, sumPence } from './money.js';

describe('money in pence', () => {
  it('splits a total so the parts add up to it exactly, in proportion to the weights', () => {
    expect(allocatePence(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocatePence(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocatePence(1_000_000, [250, 40, 10])).toEqual([833_334, 133_333, 33_333]);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocatePence(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        weights.forEach((w, i) => {
          if (w === 0) expect(parts[i]).toBe(0);
        });
      }),
    );
  });

  it('refuses fractions of a penny and strings with a message a person can act on', () => {
    expect(pence.safeParse(12.5).error?.issues[0]?.message).toMatch(/whole pence/);
    expect(pence.safeParse('1636').error?.issues[0]?.message).toMatch(/as a number/);
    expect(pence.parse(1636)).toBe(1636);
  });

  it('reads amounts as pounds and refuses sums that would lose pennies', () => {
    expect(formatPounds(25_000_000_000)).toBe('£250,000,000.00');
    expect(formatPounds(-1636)).toBe('−£16.36');
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow(/safe/);
  });
});
