import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { subjectTypes, timelineKinds, type SubjectType, type TimelineKind } from '../events.js';
import { timelineSchema } from './api-schemas.js';
import { timelineOf } from './service.js';

/** A comma-separated list of some known values ("a,b"); absent or empty means no filter. */
function commaList<T extends string>(known: readonly T[]) {
  return z
    .string()
    .optional()
    .transform((k) => (k ? k.split(',').map((s) => s.trim()).filter(Boolean) : null))
    .refine((ks) => !ks || ks.every((k) => (known as readonly string[]).includes(k)), `must be a comma-separated list of ${known.join(', ')}`)
    .transform((ks) => ks as T[] | null);
}

export async function timelineRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/people/:id/timeline',
    {
      schema: {
        tags: ['people'],
        summary: 'The person’s timeline across health and social care, newest first',
        description: `kind: a comma-separated filter of ${timelineKinds.join(', ')}. subject: a comma-separated filter of what the entries are about (${subjectTypes.join(', ')}); each item carries its subjectType and subjectId, and for a service line or an MDT action the plan or meeting it belongs to (parent). Entries the person does not want shared across health and social care are withheld (counted in withheld).`,
        params: z.object({ id: z.uuid('must be a person id (a UUID)') }),
        querystring: z.strictObject({
          kind: commaList<TimelineKind>(timelineKinds),
          subject: commaList<SubjectType>(subjectTypes),
          limit: z.coerce.number({ message: 'must be a number from 1 to 500' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(200),
        }),
        response: { 200: timelineSchema, ...errorResponses },
      },
    },
    async (req) => timelineOf(ctxOf(req, deps), req.params.id, { kinds: req.query.kind, subjects: req.query.subject, limit: req.query.limit }),
  );
}
