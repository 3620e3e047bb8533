import { describe, expect, it } from 'vitest';
import { londonDateOf as platformLondonDateOf } from '../platform/dates.js';
import { attributionFor } from './codes.js';
import { applyEvent, delayedDays, delayOf, dischargeReadyDate, londonDateOf, londonStartOfDay, RuleBroken, type FlowEvent, type StayState } from './rules.js';

const admitted = (at = '2026-03-01T10:00:00Z'): StayState => ({
  status: 'in_hospital',
  admittedAt: new Date(at),
  lastEventAt: new Date(at),
  periods: [],
  dischargedAt: null,
});
const run = (events: FlowEvent[], s = admitted()) => events.reduce(applyEvent, s);
const ready = (at: string, pathway: number | null = 1): FlowEvent => ({ kind: 'not_meeting_criteria', at: new Date(at), pathway });
const meets = (at: string): FlowEvent => ({ kind: 'meeting_criteria', at: new Date(at) });
const discharge = (at: string): FlowEvent => ({ kind: 'discharge', at: new Date(at) });

describe('the Discharge Ready Date', () => {
  it('is the day the person stopped meeting the criteria to reside, in London', () => {
    const s = run([ready('2026-03-03T23:30:00Z')]); // 23:30 UTC in March is still 3 March in London
    expect(dischargeReadyDate(s)).toBe('2026-03-03');
    const summer = run([ready('2026-07-03T23:30:00Z')], admitted('2026-07-01T10:00:00Z')); // 00:30 BST on 4 July
    expect(dischargeReadyDate(summer)).toBe('2026-07-04');
  });

  it('is cleared while the person meets the criteria again, and a stay ready twice keeps the start of the final period', () => {
    let s = run([ready('2026-03-03T09:00:00Z')]);
    s = applyEvent(s, meets('2026-03-04T09:00:00Z'));
    expect(s.status).toBe('in_hospital');
    expect(dischargeReadyDate(s)).toBeNull();
    s = applyEvent(s, ready('2026-03-06T09:00:00Z', 2));
    expect(dischargeReadyDate(s)).toBe('2026-03-06');
    s = applyEvent(s, discharge('2026-03-08T12:00:00Z'));
    expect(dischargeReadyDate(s)).toBe('2026-03-06');
    expect(s.periods.map((p) => p.endedBy)).toEqual(['meets_criteria', 'discharged']);
    expect(s.periods[1]!.pathway).toBe(2);
  });

  it('a repeated "not meeting the criteria" keeps the period and its date', () => {
    const s = run([ready('2026-03-03T09:00:00Z'), ready('2026-03-05T09:00:00Z', 3)]);
    expect(s.periods).toHaveLength(1);
    expect(dischargeReadyDate(s)).toBe('2026-03-03');
    expect(s.periods[0]!.pathway).toBe(3);
  });

  it('is empty for a discharge before the person was ever ready (no delay)', () => {
    const s = run([discharge('2026-03-02T12:00:00Z')]);
    expect(s.status).toBe('discharged');
    expect(dischargeReadyDate(s)).toBeNull();
    expect(delayOf(dischargeReadyDate(s), '2026-03-02')).toBe(0);
  });

  it('refuses events before admission, after discharge, out of order, and meeting criteria when not ready', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof RuleBroken ? `${e.kind}:${e.field}` : String(e);
      }
      return 'applied';
    };
    expect(code(() => run([ready('2026-02-28T09:00:00Z')]))).toBe('invalid:at');
    expect(code(() => run([discharge('2026-03-01T09:00:00Z')]))).toBe('invalid:at');
    expect(code(() => run([discharge('2026-03-02T09:00:00Z'), ready('2026-03-03T09:00:00Z')]))).toBe('conflict:kind');
    expect(code(() => run([ready('2026-03-03T09:00:00Z'), meets('2026-03-02T09:00:00Z')]))).toBe('conflict:at');
    expect(code(() => run([meets('2026-03-02T09:00:00Z')]))).toBe('conflict:kind');
  });
});

describe('delayed days', () => {
  const e = { reason: 'E' as const, attribution: 'social_care' as const };
  it('counts days from the DRD to the day before discharge: discharged on the DRD is no delay', () => {
    expect(delayOf('2026-03-03', '2026-03-03')).toBe(0);
    expect(delayOf('2026-03-03', '2026-03-04')).toBe(1);
    expect(delayOf('2026-03-03', '2026-03-24')).toBe(21);
    expect(delayedDays('2026-03-03', '2026-03-03', [])).toEqual([]);
  });

  it('gives each day the reason awaited at midnight at its end, the earliest opened first', () => {
    const items = [
      { ...e, openedAt: new Date('2026-03-03T11:00:00Z'), resolvedAt: new Date('2026-03-05T10:00:00Z') },
      { reason: 'F' as const, attribution: 'both' as const, openedAt: new Date('2026-03-04T11:00:00Z'), resolvedAt: null },
    ];
    expect(delayedDays('2026-03-03', '2026-03-07', items)).toEqual([
      { day: '2026-03-03', reason: 'E', attribution: 'social_care' },
      { day: '2026-03-04', reason: 'E', attribution: 'social_care' },
      { day: '2026-03-05', reason: 'F', attribution: 'both' },
      { day: '2026-03-06', reason: 'F', attribution: 'both' },
    ]);
  });

  it('attributes a day with nothing recorded to the NHS as "Other"', () => {
    expect(delayedDays('2026-03-03', '2026-03-04', [])).toEqual([{ day: '2026-03-03', reason: 'O', attribution: 'nhs' }]);
  });

  it('uses London midnight in summer time', () => {
    expect(londonStartOfDay('2026-07-04').toISOString()).toBe('2026-07-03T23:00:00.000Z');
    expect(londonStartOfDay('2026-01-04').toISOString()).toBe('2026-01-04T00:00:00.000Z');
    // Opened at 23:30 BST on 3 July: open at that midnight.
    const item = { ...e, openedAt: new Date('2026-07-03T22:30:00Z'), resolvedAt: null };
    expect(delayedDays('2026-07-03', '2026-07-04', [item])[0]!.reason).toBe('E');
  });
});

describe('attribution', () => {
  it('takes the default of the reason when none is given, and refuses what the SitRep does not allow', () => {
    expect(attributionFor('E', undefined)).toEqual({ attribution: 'social_care' });
    expect(attributionFor('E', 'nhs')).toEqual({ attribution: 'nhs' });
    expect(attributionFor('C', undefined)).toEqual({ attribution: 'nhs' });
    expect(attributionFor('C', 'social_care')).toHaveProperty('problem');
    expect(attributionFor('H', undefined)).toEqual({ attribution: 'both' });
    expect(attributionFor('I', 'both')).toHaveProperty('problem');
  });
});

describe('London days of instants (cached by hour for the feed)', () => {
  it('agree with the calendar in Europe/London through both clock changes of a year', () => {
    // Every 17 minutes of 2026: the clocks go forward on 29 March and back on 25 October.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 17 * 60_000) {
      const at = new Date(t);
      expect(londonDateOf(at)).toBe(platformLondonDateOf(at));
    }
  });
});
