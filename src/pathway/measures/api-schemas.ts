/** The 28-day measure as the API answers it (the web app reads these types). */
import { z } from 'zod';

/** A person, worker, team or zone; id null for the groups of those with none (no open case, no zone). */
const measureRefSchema = z.object({ id: z.string().nullable(), name: z.string() });

export const measureTallySchema = z.object({
  assessments: z.number(),
  withinTarget: z.number(),
  breached: z.number(),
  breachedStillOpen: z.number(),
  stillOpen: z.number(),
  warnings: z.number(),
  percentWithin: z.number().nullable(),
});

/** One assessment's course to its package (by=person). */
export const measurePersonRowSchema = z.object({
  person: measureRefSchema,
  assessmentId: z.string(),
  worker: measureRefSchema,
  completedOn: z.string(),
  firstInPlaceOn: z.string().nullable(),
  days: z.number(),
  inPlace: z.boolean(),
  status: z.enum(['within', 'breached', 'open']),
  warning: z.boolean(),
  daysLeft: z.number().nullable(),
});

/** The tally of a worker, team or zone (by=worker, team or zone). */
export const measureGroupRowSchema = z.object({ key: measureRefSchema, ...measureTallySchema.shape });

export const packageIn28DaysSchema = z.object({
  by: z.string(),
  from: z.string(),
  to: z.string(),
  today: z.string(),
  targetDays: z.number(),
  warningFromDays: z.number(),
  totals: measureTallySchema,
  rows: z.array(z.union([measurePersonRowSchema, measureGroupRowSchema])),
});
