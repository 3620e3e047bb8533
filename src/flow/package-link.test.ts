import { describe, expect, it } from 'vitest';
import { metAt, reasonMetBy } from './package-link.js';
import { delayedDays } from './rules.js';

describe('what a service line meets', () => {
  it('home care and reablement meet a wait for a package at home; care homes a placement; equipment the equipment; others nothing', () => {
    expect(reasonMetBy('Home support or domiciliary care')).toBe('E');
    expect(reasonMetBy('Reablement')).toBe('E');
    expect(reasonMetBy('Long term residential care')).toBe('Di');
    expect(reasonMetBy('Short term nursing care')).toBe('Dii');
    expect(reasonMetBy('Equipment')).toBe('F');
    expect(reasonMetBy('Meals')).toBeNull();
  });
});

describe('the instant an awaited item is met by a service that started', () => {
  const opened = new Date('2026-10-30T11:00:00Z');
  it('is now when the service started today', () => {
    const now = new Date('2026-11-06T09:30:00Z');
    expect(metAt('2026-11-06', opened, now)).toEqual(now);
  });

  it('is the end of the day it started when recorded later (London time: BST in summer)', () => {
    expect(metAt('2026-11-06', opened, new Date('2026-11-09T10:00:00Z')).toISOString()).toBe('2026-11-06T23:59:59.999Z');
    expect(metAt('2026-07-06', new Date('2026-07-01T10:00:00Z'), new Date('2026-07-09T10:00:00Z')).toISOString()).toBe('2026-07-06T22:59:59.999Z');
  });

  it('is never before the item was opened', () => {
    expect(metAt('2026-10-29', opened, new Date('2026-11-06T09:30:00Z'))).toEqual(opened);
  });

  it('leaves the days before the start to the package and none after', () => {
    const resolvedAt = metAt('2026-11-06', opened, new Date('2026-11-09T10:00:00Z'));
    const days = delayedDays('2026-10-30', '2026-11-08', [{ reason: 'E', attribution: 'social_care', openedAt: opened, resolvedAt }]);
    expect(days.filter((d) => d.reason === 'E').map((d) => d.day)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(days.filter((d) => d.reason === 'O').map((d) => d.day)).toEqual(['2026-11-06', '2026-11-07']);
  });
});
