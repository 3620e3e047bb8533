import { describe, expect, it } from 'vitest';
import { packageTiming, tally } from './rule.js';

describe('the 28-day measure', () => {
  it('counts 28 days exactly as within', () => {
    expect(packageTiming('2026-11-02', '2026-11-30', '2026-12-31')).toMatchObject({ days: 28, status: 'within', inPlace: true });
  });

  it('counts 29 days as breached', () => {
    expect(packageTiming('2026-11-02', '2026-12-01', '2026-12-31')).toMatchObject({ days: 29, status: 'breached' });
  });

  it('counts a package on the day of the assessment as 0 days', () => {
    expect(packageTiming('2026-11-02', '2026-11-02', '2026-11-02')).toMatchObject({ days: 0, status: 'within' });
  });

  it('warns from 21 days while a package is awaited, and says how many days are left', () => {
    expect(packageTiming('2026-11-02', null, '2026-11-22')).toMatchObject({ status: 'open', warning: false, daysLeft: 8 });
    expect(packageTiming('2026-11-02', null, '2026-11-23')).toMatchObject({ status: 'open', warning: true, daysLeft: 7 });
    expect(packageTiming('2026-11-02', null, '2026-11-30')).toMatchObject({ status: 'open', warning: true, daysLeft: 0 });
  });

  it('counts a package still awaited after 28 days as breached already', () => {
    expect(packageTiming('2026-11-02', null, '2026-12-01')).toMatchObject({ status: 'breached', inPlace: false, warning: false });
  });

  it('counts across the change of clocks by calendar days', () => {
    expect(packageTiming('2026-10-20', '2026-11-17', '2026-11-30')).toMatchObject({ days: 28, status: 'within' });
  });

  it('tallies within, breached, open and warnings, with the share within of those decided', () => {
    const t = tally([
      packageTiming('2026-01-01', '2026-01-10', '2026-03-01'),
      packageTiming('2026-01-01', '2026-01-29', '2026-03-01'),
      packageTiming('2026-01-01', '2026-02-15', '2026-03-01'),
      packageTiming('2026-01-01', null, '2026-03-01'),
      packageTiming('2026-02-20', null, '2026-03-01'),
      packageTiming('2026-02-05', null, '2026-03-01'),
    ]);
    expect(t).toEqual({ assessments: 6, withinTarget: 2, breached: 2, breachedStillOpen: 1, stillOpen: 2, warnings: 1, percentWithin: 50 });
    expect(tally([]).percentWithin).toBeNull();
  });
});
