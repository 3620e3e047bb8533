import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { addDays } from './dates.js';

/**
 * A preset's history: the years its synthetic activity covers, cut into periods around the
 * place's changes (a care trust formed, a function taken back), each with its own rates, so that
 * before-and-after comparisons on the measures pages have something to find. The last two years
 * before the as-of day are the place as it is now (caseloads, Mrs Smith); the years before them
 * are the history, generated for a sample of the activity so a long history costs no more than
 * a few recent years (shares and rates are unaffected by the sample; counts are scaled by it).
 */

const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });

/** The kinds of support a place provides itself (not bought from a provider). */
export const inHouseKinds = ['homeCare', 'reablement', 'equipment', 'day', 'meals', 'carers'] as const;

const periodSchema = z.strictObject({
  from: isoDate,
  /** Inclusive; the next period's day before, or the end of the history. */
  to: isoDate.optional(),
  label: z.string().min(1),
  /** Multiplies the referral rates by age (1 = the rates of pathway-activity-rates.ts). */
  referralRate: z.number().positive().max(5).default(1),
  /** Share of packages in place within 28 days of the assessment; absent: the recent curve. */
  within28DaysShare: z.number().min(0).max(1).optional(),
  /** Multiplies the chance that a discharge waits (1 = the rates of flow-activity.ts). */
  delayedDischargeRate: z.number().min(0).max(10).default(1),
});

export const historySchema = z
  .strictObject({
    /** The first day of synthetic activity. */
    from: isoDate,
    /**
     * The last day of the history before the recent two years (inclusive); absent: it runs on
     * into them. A place dissolved has nothing after its dissolvedOn in any case.
     */
    to: isoDate.optional(),
    periods: z.array(periodSchema).min(1),
    /** Fraction of the history's activity generated; absent: three years' worth over the whole history. */
    sample: z.number().positive().max(1).optional(),
    /**
     * Support the place provides itself: its provider is the partner accountable for
     * asc_provision on the day it starts (the delegations), so provision taken back moves with it.
     */
    inHouseProvision: z.array(z.enum(inHouseKinds)).default([]),
  })
  .superRefine((h, ctx) => {
    if (h.to && h.to < h.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    h.periods.forEach((p, i) => {
      if (p.to && p.to < p.from) ctx.addIssue({ code: 'custom', path: ['periods', i, 'to'], message: 'must not be before from' });
      const prev = h.periods[i - 1];
      if (prev && p.from <= prev.from) ctx.addIssue({ code: 'custom', path: ['periods', i, 'from'], message: 'periods must be listed in order, each starting after the one before' });
    });
  });

export type PresetHistory = z.output<typeof historySchema>;

export type Period = {
  label: string;
  /** Instants (ms), from inclusive, to exclusive. */
  from: number;
  to: number;
  referralRate: number;
  within28DaysShare: number | null;
  delayedDischargeRate: number;
};

/** A preset's history resolved against the as-of day and any override. */
export type ResolvedHistory = {
  /** Midnight starting the first day of activity. */
  start: number;
  /** Midnight starting the recent window (two years before the end): the history is before it. */
  recentStart: number;
  /** Midnight ending the activity: the as-of day, or the day after a dissolved place's last. */
  end: number;
  /** Where the history stops before the recent window (its `to`), at most recentStart. */
  historyEnd: number;
  periods: Period[];
  /** Fraction of the history's activity generated. */
  sample: number;
  inHouseProvision: readonly (typeof inHouseKinds)[number][];
};

const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const YEAR = 365.25 * 86_400_000;
/** Years' worth of activity a history is sampled down to when its preset does not say. */
const historyBudgetYears = 3;

export function resolveHistory(
  preset: { history?: PresetHistory | undefined; dissolvedOn: string | null },
  asOf: string,
  historyFrom?: string,
  historySample?: number,
): ResolvedHistory {
  const end = Math.min(ms(asOf), preset.dissolvedOn ? ms(addDays(preset.dissolvedOn, 1)) : Infinity);
  const recentStart = end - 730 * 86_400_000;
  const h = preset.history;
  const from = historyFrom ?? h?.from;
  const start = from ? Math.min(ms(from), recentStart) : recentStart;
  const historyEnd = Math.max(start, Math.min(recentStart, h?.to ? ms(addDays(h.to, 1)) : Infinity));
  const list = h?.periods ?? [{ from: addDays(asOf, -730), label: 'recent years', referralRate: 1, delayedDischargeRate: 1 }];
  const periods: Period[] = list.map((p, i) => {
    const next = list[i + 1];
    return {
      label: p.label,
      from: i === 0 ? -Infinity : ms(p.from),
      to: p.to ? ms(addDays(p.to, 1)) : next ? ms(next.from) : Infinity,
      referralRate: p.referralRate,
      within28DaysShare: 'within28DaysShare' in p && typeof p.within28DaysShare === 'number' ? p.within28DaysShare : null,
      delayedDischargeRate: p.delayedDischargeRate,
    };
  });
  const years = (historyEnd - start) / YEAR;
  const sample = historySample ?? h?.sample ?? (years > historyBudgetYears ? historyBudgetYears / years : 1);
  return { start, recentStart, end, historyEnd, periods, sample, inHouseProvision: h?.inHouseProvision ?? [] };
}

/** The period in force at an instant (the first before any, the last after all). */
export function periodAt(h: ResolvedHistory, t: number): Period {
  for (const p of h.periods) if (t >= p.from && t < p.to) return p;
  return t < (h.periods[0]?.from ?? 0) ? h.periods[0]! : h.periods[h.periods.length - 1]!;
}

/** The spans of [from, to) in each period, for drawing counts period by period. */
export function spansOf(h: ResolvedHistory, from: number, to: number): { period: Period; from: number; to: number }[] {
  const out: { period: Period; from: number; to: number }[] = [];
  for (const p of h.periods) {
    const a = Math.max(from, p.from);
    const b = Math.min(to, p.to);
    if (b > a) out.push({ period: p, from: a, to: b });
  }
  return out;
}

export const yearsOf = (span: number): number => span / YEAR;
