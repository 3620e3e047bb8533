import { daysBetween } from '../assessments/fields.js';

/**
 * The 28-day measure: from the day an assessment found eligible needs (London date of
 * completion) to the day the first service of a plan from it started. 28 days exactly is within;
 * a package still awaited after 28 days is breached already; one awaited for 21 days or more and
 * not yet breached is a warning.
 */
export const TARGET_DAYS = 28;
export const WARNING_FROM_DAYS = 21;

export type PackageTiming = {
  /** Days to the package, or days waited so far. */
  days: number;
  inPlace: boolean;
  status: 'within' | 'breached' | 'open';
  warning: boolean;
  /** Days left before a breach, while open and not yet breached. */
  daysLeft: number | null;
};

export function packageTiming(completedOn: string, firstInPlaceOn: string | null, today: string): PackageTiming {
  if (firstInPlaceOn) {
    const days = daysBetween(completedOn, firstInPlaceOn);
    return { days, inPlace: true, status: days <= TARGET_DAYS ? 'within' : 'breached', warning: false, daysLeft: null };
  }
  const days = daysBetween(completedOn, today);
  if (days > TARGET_DAYS) return { days, inPlace: false, status: 'breached', warning: false, daysLeft: null };
  return { days, inPlace: false, status: 'open', warning: days >= WARNING_FROM_DAYS, daysLeft: TARGET_DAYS - days };
}

export type Tally = {
  assessments: number;
  withinTarget: number;
  /** In place late, or still awaited beyond 28 days. */
  breached: number;
  /** Of the breached, those still awaited. */
  breachedStillOpen: number;
  /** Awaited and not yet breached. */
  stillOpen: number;
  /** Of those still open, awaited 21 days or more. */
  warnings: number;
  /** Within as a share of those decided (within or breached), one decimal; null when none are. */
  percentWithin: number | null;
};

export function tally(timings: PackageTiming[]): Tally {
  const t = { assessments: timings.length, withinTarget: 0, breached: 0, breachedStillOpen: 0, stillOpen: 0, warnings: 0 };
  for (const x of timings) {
    if (x.status === 'within') t.withinTarget++;
    else if (x.status === 'breached') {
      t.breached++;
      if (!x.inPlace) t.breachedStillOpen++;
    } else {
      t.stillOpen++;
      if (x.warning) t.warnings++;
    }
  }
  const decided = t.withinTarget + t.breached;
  return { ...t, percentWithin: decided === 0 ? null : Math.round((1000 * t.withinTarget) / decided) / 10 };
}
