import { z } from 'zod';
import { eventOutcomeCode } from '../codes.js';
import { freeText, isoDate, requiredText, versionField } from '../assessments/fields.js';

export const newReviewInput = z.strictObject({
  personId: z.uuid('must be a person id (a UUID)'),
  planId: z.uuid('must be a care plan id (a UUID)').optional(),
  kind: z.enum(['planned', 'unplanned'], { message: "must be 'planned' or 'unplanned'" }),
  dueOn: isoDate,
  reason: requiredText(1000, 'must say why the review is needed'),
});
export type NewReviewInput = z.output<typeof newReviewInput>;

export const completeReviewInput = z.strictObject({
  outcomesAchieved: z.enum(['fully', 'partly', 'not'], { message: "must be 'fully', 'partly' or 'not'" }),
  outcome: eventOutcomeCode,
  note: freeText().default(''),
  changes: freeText().default(''),
  nextDueOn: isoDate.optional(),
  version: versionField.optional(),
});
export type CompleteReviewInput = z.output<typeof completeReviewInput>;

export const teamReviewsQuery = z.strictObject({
  teamId: z.uuid('must be a team id (a UUID)'),
  overdue: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
