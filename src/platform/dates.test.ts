import { describe, expect, it } from 'vitest';
import { ageOn, isIsoDate, londonDateOf, parseTypedDate } from './dates.js';

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('01/02/2023')).toBe(false);
  });

  it('takes dates as people type them', () => {
    expect(parseTypedDate('12/03/1941')).toBe('1941-03-12');
    expect(parseTypedDate('1941-03-12')).toBe('1941-03-12');
    expect(parseTypedDate('31/02/1941')).toBeNull();
    expect(parseTypedDate('smith')).toBeNull();
  });

  it('counts age in whole years, birthday included', () => {
    expect(ageOn('1941-03-12', '2026-03-11')).toBe(84);
    expect(ageOn('1941-03-12', '2026-03-12')).toBe(85);
  });

  it('gives the London date of an instant, across the clock change', () => {
    expect(londonDateOf(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDateOf(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
