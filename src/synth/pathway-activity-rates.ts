import type { ActivityPlace } from './pathway-activity-context.js';
import { closuresOfPackages, frontDoorResolutions } from './pathway-activity-texts.js';
import { sourcesOlder, sourcesYounger } from './pathway-activity-mix.js';
import { Random, weightedPicker } from './random.js';
import { periodAt } from './history.js';

// How often things happen to a person in the synthetic place: referrals by age, their sources and
// times, how cases end, and the 28-day curve.

/**
 * Referrals a year, by age, far more for the oldest. With the referrals that explain the
 * people generator's caseloads (about a third of the over-85s, see people.ts), about one in
 * seven people over 65 is referred each year, and a few per cent of younger adults.
 */
export function yearlyReferralRate(age: number): number {
  if (age < 18) return 0;
  if (age < 45) return 0.012;
  if (age < 65) return 0.022;
  if (age < 75) return 0.04;
  if (age < 85) return 0.085;
  return 0.18;
}

/**
 * The share of packages in place within 28 days of the assessment: the period's share where the
 * preset's history gives one, else the recent curve (67% two years ago, 97% now).
 */
export function withinTwentyEightShare(place: ActivityPlace, assessedAt: Date): number {
  const given = place.history ? periodAt(place.history, assessedAt.getTime()).within28DaysShare : null;
  if (given !== null) return given;
  // The recent window's curve, also in a history pass (whose own window is the history's).
  const end = place.history?.end ?? place.end.getTime();
  const span = end - (place.history?.recentStart ?? Date.parse(`${place.windowStart}T00:00:00Z`));
  const s = Math.min(1, Math.max(0, 1 - (end - assessedAt.getTime()) / span));
  return 0.67 + 0.3 * s;
}

export const pickOlderSource = weightedPicker(sourcesOlder);
export const pickYoungerSource = weightedPicker(sourcesYounger);
export const pickResolution = weightedPicker(frontDoorResolutions);
export const pickPackageEnding = weightedPicker(closuresOfPackages);

/** Poisson-distributed count (small means). */
export function poisson(rng: Random, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Mostly in office hours on a weekday; some (discharges, the police, online forms) at any time. */
export function receivedTime(rng: Random, start: number, span: number): number {
  const any = start + Math.floor(rng.next() * span);
  if (rng.chance(0.1)) return any;
  let t = any;
  for (let i = 0; i < 10; i++) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) break;
    t = start + Math.floor(rng.next() * span);
  }
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 8, 30) + rng.int(0, 500) * 60_000;
}
