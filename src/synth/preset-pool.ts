import { z } from 'zod';
import { fundingStreams } from '../finance/agreement-inputs.js';
import { serviceAreas } from '../finance/budget-lines.js';
import { clientGroups, delegableFunctions } from '../partnership/functions.js';
import { isIsoDate } from '../platform/dates.js';
import { isFinancialYear } from '../platform/financial-year.js';

/**
 * A preset's pooled fund (src/synth/finance-agreement.ts seeds it): the Section 75 agreement and,
 * by financial year, its schedules. A schedule applies from its first year until the next one's.
 * Partners are named by their preset keys. `serviceAreas` are the areas whose care packages the
 * pool pays (their budgets follow the packages); `blockLines` share what is left of the
 * contributions, spent as monthly block journals (community health contracts, staffing).
 */
const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const fy = z.string().refine(isFinancialYear, { message: 'must be a financial year written YYYY-YY, e.g. 2009-10' });
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/);

const presetRiskRule = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('pro_rata') }),
  z.strictObject({ method: z.literal('fixed'), shares: z.array(z.strictObject({ partner: key, basisPoints: z.number().int().min(0).max(10000) })).min(1) }),
]);

const poolScheduleSchema = z.strictObject({
  fromYear: fy,
  boardDecisionRef: z.string().min(1),
  note: z.string().default(''),
  contributions: z.array(z.strictObject({ partner: key, stream: z.enum(fundingStreams), plannedPence: z.number().int().nonnegative() })).min(1),
  serviceAreas: z.array(z.enum(serviceAreas)).min(1),
  /** The client groups whose packages the pool pays; absent: all the agreement covers. */
  packageClientGroups: z.array(z.enum(clientGroups)).optional(),
  blockLines: z.array(z.strictObject({ serviceArea: z.enum(serviceAreas), clientGroup: z.enum(clientGroups), weight: z.number().int().positive() })).min(1),
  riskShare: z.strictObject({ overspend: presetRiskRule, underspend: presetRiskRule }),
});

export const presetPoolSchema = z.strictObject({
  reference: z.string().min(1),
  title: z.string().min(1),
  signedOn: isoDate,
  host: key,
  fundManagerPost: z.string().min(1),
  functions: z.array(z.enum(delegableFunctions)).min(1),
  clientGroups: z.array(z.enum(clientGroups)).min(1),
  schedules: z.array(poolScheduleSchema).min(1),
});

export type PresetPool = z.output<typeof presetPoolSchema>;
export type PresetPoolSchedule = PresetPool['schedules'][number];

/** The pool's cross-references to the rest of the preset: partners known, schedules in year order. */
export function presetPoolProblems(pool: PresetPool, partnerKeys: Set<string>): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (!partnerKeys.has(pool.host)) out.push({ path: ['pool', 'host'], message: `no partner "${pool.host}"` });
  pool.schedules.forEach((s, i) => {
    const prev = pool.schedules[i - 1];
    if (prev && s.fromYear <= prev.fromYear) out.push({ path: ['pool', 'schedules', i, 'fromYear'], message: 'schedules must be listed in year order' });
    s.contributions.forEach((c, j) => {
      if (!partnerKeys.has(c.partner)) out.push({ path: ['pool', 'schedules', i, 'contributions', j, 'partner'], message: `no partner "${c.partner}"` });
    });
  });
  return out;
}

/** The schedule in force for a financial year: the last one starting on or before it (null before the first). */
export function poolScheduleFor(pool: PresetPool, year: string): PresetPoolSchedule | null {
  let found: PresetPoolSchedule | null = null;
  for (const s of pool.schedules) if (s.fromYear <= year) found = s;
  return found;
}
