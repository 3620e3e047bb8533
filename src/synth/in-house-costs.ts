import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { presetNames } from './preset.js';

/**
 * A preset's cost model of in-house (NHS-employed) home care, under its top-level "inHouseCosts"
 * key (only northumbria has one): by period from a day, the pay of the bands that deliver the care
 * and their share of the hours, employer on-costs, the share of paid hours that is contact time,
 * and supervision and overhead. Every figure carries its basis. The figures are synthetic, shaped on
 * published Agenda for Change pay scales; the arithmetic is src/commissioning/in-house-costs.ts.
 */
const isoDate = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const bp = z.number().int().min(0).max(10000);

const bandSchema = z.strictObject({
  band: z.string().min(1),
  hourlyPayPence: z.number().int().positive(),
  /** Share of the care hours this band delivers, in basis points; a period's shares sum to 10,000. */
  shareBp: bp,
  basis: z.string().min(1),
});

export const inHouseCostPeriodSchema = z
  .strictObject({
    from: isoDate,
    label: z.string().min(1),
    bands: z.array(bandSchema).min(1),
    employerNiBp: bp,
    employerNiBasis: z.string().min(1),
    employerPensionBp: bp,
    employerPensionBasis: z.string().min(1),
    /** Contact time as a share of paid hours (the rest is travel, training, leave, sickness). */
    productiveShareBp: bp.refine((n) => n > 0, { message: 'must be more than 0' }),
    productiveBasis: z.string().min(1),
    /** Supervision, management and overhead on top of the cost of a contact hour. */
    overheadBp: bp,
    overheadBasis: z.string().min(1),
  })
  .superRefine((p, ctx) => {
    const total = p.bands.reduce((s, b) => s + b.shareBp, 0);
    if (total !== 10000) ctx.addIssue({ code: 'custom', path: ['bands'], message: `shares must add up to 10000 basis points, not ${total}` });
  });

export const inHouseCostsSchema = z
  .strictObject({
    basis: z.string().min(1),
    periods: z.array(inHouseCostPeriodSchema).min(1),
  })
  .superRefine((c, ctx) => {
    c.periods.forEach((p, i) => {
      if (i > 0 && p.from <= c.periods[i - 1]!.from) ctx.addIssue({ code: 'custom', path: ['periods', i, 'from'], message: 'must be after the period before' });
    });
  });

export type InHouseCosts = z.infer<typeof inHouseCostsSchema>;
export type InHouseCostPeriod = z.infer<typeof inHouseCostPeriodSchema>;

export function parseInHouseCosts(data: unknown, source = 'inHouseCosts'): InHouseCosts {
  const parsed = inHouseCostsSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new Error(`${source} is not a valid in-house cost model: ${problems}`);
  }
  return parsed.data;
}

const presetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'presets');
const cache = new Map<string, InHouseCosts | null>();

/** A preset's in-house cost model, or null when it has none (or the place is not a preset). */
export function inHouseCostsOfPreset(name: string): InHouseCosts | null {
  if (cache.has(name)) return cache.get(name)!;
  // Checked against the list first, so a name can never reach outside the folder.
  if (!presetNames().includes(name)) return null;
  const data = JSON.parse(fs.readFileSync(path.join(presetsDir, `${name}.json`), 'utf8')) as { inHouseCosts?: unknown };
  const model = data.inHouseCosts === undefined ? null : parseInHouseCosts(data.inHouseCosts, `presets/${name}.json inHouseCosts`);
  cache.set(name, model);
  return model;
}
