/** Reviews of care and support as the API answers them (the web app reads these types). */
import { z } from 'zod';
import { refSchema } from '../api-schemas.js';

export const reviewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  planId: z.string().nullable(),
  kind: z.string(),
  reason: z.string(),
  dueOn: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  outcomesAchieved: z.string().nullable(),
  outcome: z.string().nullable(),
  note: z.string(),
  changes: z.string(),
  version: z.number(),
});

export const reviewsSchema = z.object({ reviews: z.array(reviewSchema) });

/** A completed review, with the next planned review it scheduled (if any). */
export const completedReviewSchema = reviewSchema.extend({ nextReview: z.object({ id: z.string(), dueOn: z.string() }).nullable() });

/** A review still due in a team: whose, on which case and worker, and how late. */
export const teamReviewSchema = reviewSchema.extend({ person: refSchema, caseId: z.string(), workerStaffId: z.string().nullable(), daysOverdue: z.number() });

export const teamReviewsSchema = z.object({ reviews: z.array(teamReviewSchema) });
