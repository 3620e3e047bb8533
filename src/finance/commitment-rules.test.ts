import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysLeft, lineCommitmentPence, priceSpans } from './commitment-rules.js';

describe('a service line’s commitment', () => {
  it('counts the days from the later of its start and the day to 31 March, both counted', () => {
    expect(daysLeft({ startOn: '2026-11-16', endOn: null }, '2026-11-02')).toBe(136);
    expect(daysLeft({ startOn: '2026-04-01', endOn: null }, '2027-03-31')).toBe(1);
    expect(daysLeft({ startOn: '2026-04-01', endOn: null }, '2026-04-01')).toBe(365);
  });
  it('stops at the line’s end, and is nothing once it ended or before it starts next year', () => {
    expect(daysLeft({ startOn: '2026-04-01', endOn: '2026-11-30' }, '2026-11-02')).toBe(29);
    expect(daysLeft({ startOn: '2026-04-01', endOn: '2026-11-01' }, '2026-11-02')).toBe(0);
    expect(daysLeft({ startOn: '2027-04-01', endOn: null }, '2026-11-02')).toBe(0);
  });
  it('is weekly × days / 7 rounded half up once', () => {
    // £163.60 a week for 136 days is £3,178.514…
    expect(lineCommitmentPence({ weeklyPence: 16_360, startOn: '2026-11-16', endOn: null }, '2026-11-02')).toBe(317_851);
    expect(lineCommitmentPence({ weeklyPence: 7, startOn: '2026-11-02', endOn: '2026-11-02' }, '2026-11-02')).toBe(1);
    expect(lineCommitmentPence({ weeklyPence: 3, startOn: '2026-11-02', endOn: '2026-11-02' }, '2026-11-02')).toBe(0);
  });
  it('never exceeds a whole year of the weekly cost and never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), (weekly, startOff, dayOff) => {
        const d = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const pence = lineCommitmentPence({ weeklyPence: weekly, startOn: d(startOff), endOn: null }, d(dayOff));
        expect(pence).toBeGreaterThanOrEqual(0);
        expect(pence).toBeLessThanOrEqual(Math.ceil((weekly * 366) / 7));
      }),
    );
  });
});

describe('a re-priced line’s spans', () => {
  it('runs each price from its day to the day before the next, drops spans with no days, and stops at the end', () => {
    const prices = [
      { from: null, weeklyPence: 100 },
      { from: '2027-01-04', weeklyPence: 200 },
    ];
    expect(priceSpans('2026-11-16', null, prices)).toEqual([
      { startOn: '2026-11-16', endOn: '2027-01-03', weeklyPence: 100 },
      { startOn: '2027-01-04', endOn: null, weeklyPence: 200 },
    ]);
    expect(priceSpans('2026-11-16', '2026-12-31', prices)).toEqual([{ startOn: '2026-11-16', endOn: '2026-12-31', weeklyPence: 100 }]);
    expect(priceSpans('2027-01-04', null, prices)).toEqual([{ startOn: '2027-01-04', endOn: null, weeklyPence: 200 }]);
    expect(priceSpans('2026-11-16', null, [{ from: null, weeklyPence: 5 }])).toEqual([{ startOn: '2026-11-16', endOn: null, weeklyPence: 5 }]);
  });
});
