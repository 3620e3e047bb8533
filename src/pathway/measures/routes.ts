import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { isoDate } from '../assessments/fields.js';
import { packageIn28DaysSchema } from './api-schemas.js';
import { packageIn28Days } from './service.js';

/** The 28-day measure: assessment completed → package in place. */
export async function measuresRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/measures/package-in-28-days',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Packages in place within 28 days of an assessment that found eligible needs: by person, worker, team or zone',
        description:
          'from/to (YYYY-MM-DD, London) select assessments by completion date; default the twelve months to today. 28 days exactly is within; awaited for 21+ days is a warning; awaited beyond 28 is breached. by=person: practitioners, only people they may open; by=worker|team|zone: team managers, commissioners, board. Team and zone come from the open case, else the GP practice’s zone. Filters: assessmentId (that assessment, completed on any day unless from/to are given) and personId, with by=person only, through the access policy for that person (403 otherwise, audited); workerId (the user who completed the assessment, as in worker.id), teamId, zoneId with any by. A filter naming something not in the place is 400.',
        querystring: z.strictObject({
          by: z.enum(['person', 'worker', 'team', 'zone'], { message: 'must be person, worker, team or zone' }),
          from: isoDate.optional(),
          to: isoDate.optional(),
          assessmentId: z.uuid('must be an assessment id (a UUID)').optional(),
          personId: z.uuid('must be a person id (a UUID)').optional(),
          workerId: z.uuid('must be the id of the user who completed the assessment (a UUID)').optional(),
          teamId: z.uuid('must be a team id (a UUID)').optional(),
          zoneId: z.uuid('must be a zone id (a UUID)').optional(),
        }),
        response: { 200: packageIn28DaysSchema, ...errorResponses },
      },
    },
    async (req) => packageIn28Days(ctxOf(req, deps), req.query),
  );
}
