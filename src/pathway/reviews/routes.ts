import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { completedReviewSchema, reviewSchema, reviewsSchema, teamReviewsSchema } from './api-schemas.js';
import { completeReview, reviewsOf, scheduleReview, teamReviews } from './service.js';
import { completeReviewInput, newReviewInput, teamReviewsQuery } from './types.js';

/** Reviews of care and support: planned (at least yearly) and unplanned. */
export async function reviewsRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/people/:id/reviews',
    {
      schema: {
        tags: ['pathway'],
        summary: 'A person’s reviews, latest due date first, each marked overdue when past due',
        params: z.strictObject({ id: z.uuid('must be a person id (a UUID)') }),
        response: { 200: reviewsSchema, ...errorResponses },
      },
    },
    async (req) => ({ reviews: await reviewsOf(ctxOf(req, deps), req.params.id) }),
  );

  app.post(
    '/api/reviews',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Schedule a review (planned or unplanned), due today or within the year',
        body: newReviewInput,
        response: { 201: reviewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const review = await scheduleReview(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/reviews/${review.id}`);
      return review;
    },
  );

  app.post(
    '/api/reviews/:id/complete',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Complete a review: outcomes achieved, CLD outcome, note, changes; the next planned review',
        description: 'With nextDueOn the next planned review is due then; without it, a plan with services in place is reviewed again in twelve months.',
        params: z.strictObject({ id: z.uuid('must be a review id (a UUID)') }),
        body: completeReviewInput,
        response: { 200: completedReviewSchema, ...errorResponses },
      },
    },
    async (req) => completeReview(ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/reviews',
    {
      schema: {
        tags: ['pathway'],
        summary: 'A team’s reviews still due (overdue=true: only those past due), for people with an open case in the team',
        querystring: teamReviewsQuery,
        response: { 200: teamReviewsSchema, ...errorResponses },
      },
    },
    async (req) => ({ reviews: await teamReviews(ctxOf(req, deps), req.query) }),
  );
}
