import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentPence, daysCommitted } from './commitment-rule.js';

describe('commitment of a service line to the year end', () => {
  it('counts from the given day to 31 March inclusive for a line already running', () => {
    expect(daysCommitted({ weeklyPence: 70_000, startOn: '2026-01-01', endOn: null }, '2027-03-25')).toBe(7);
    expect(commitmentPence({ weeklyPence: 70_000, startOn: '2026-01-01', endOn: null }, '2027-03-25')).toBe(70_000);
  });

  it('starts at a later start and stops at an earlier end', () => {
    const line = { weeklyPence: 700, startOn: '2027-03-10', endOn: '2027-03-12' };
    expect(daysCommitted(line, '2027-03-01')).toBe(3);
    expect(commitmentPence(line, '2027-03-01')).toBe(300);
  });

  it('is nothing for a line that ended before the day or starts after the year', () => {
    expect(commitmentPence({ weeklyPence: 700, startOn: '2026-01-01', endOn: '2026-12-01' }, '2026-12-07')).toBe(0);
    expect(commitmentPence({ weeklyPence: 700, startOn: '2027-04-01', endOn: null }, '2026-12-07')).toBe(0);
  });

  it('rounds half up once per line', () => {
    // 1 penny a week for 4 days is 4/7 of a penny: 1p; for 3 days 3/7: 0p
    expect(commitmentPence({ weeklyPence: 1, startOn: '2027-03-28', endOn: null }, '2027-03-01')).toBe(1);
    expect(commitmentPence({ weeklyPence: 1, startOn: '2027-03-29', endOn: null }, '2027-03-01')).toBe(0);
  });

  it('never exceeds the weekly cost times whole weeks rounded up, and is never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 400 }), (weekly, offset) => {
        const start = new Date(Date.UTC(2026, 3, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const c = commitmentPence({ weeklyPence: weekly, startOn: start, endOn: null }, '2026-04-01');
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(Math.ceil((weekly * 365) / 7) + 1);
      }),
    );
  });
});
