import { z } from 'zod';
import type { AppInstance } from '../../app.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { timelineKinds, type TimelineKind } from '../events.js';
import { timelineOf } from './service.js';

export async function timelineRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/people/:id/timeline',
    {
      schema: {
        tags: ['people'],
        summary: 'The person’s timeline across health and social care, newest first',
        description: `kind: a comma-separated filter of ${timelineKinds.join(', ')}. Entries the person does not want shared across health and social care are withheld (counted in withheld).`,
        params: z.object({ id: z.uuid('must be a person id (a UUID)') }),
        querystring: z.strictObject({
          kind: z
            .string()
            .optional()
            .transform((k) => (k ? k.split(',').map((s) => s.trim()).filter(Boolean) : null))
            .refine((ks) => !ks || ks.every((k) => (timelineKinds as readonly string[]).includes(k)), `must be a comma-separated list of ${timelineKinds.join(', ')}`),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ at: z.string(), kind: z.string(), action: z.string(), summary: z.string(), sector: z.string(), by: z.string(), subjectId: z.string().nullable() })),
            withheld: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => timelineOf(ctxOf(req, deps), req.params.id, req.query.kind as TimelineKind[] | null, req.query.limit),
  );
}
