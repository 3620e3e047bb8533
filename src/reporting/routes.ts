import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { isIsoDate } from '../platform/dates.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { activityKinds, attributionFor } from './attribution.js';

const day = z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

export const attributionQuery = z
  .strictObject({ kind: z.enum(activityKinds, { message: `must be one of: ${activityKinds.join(', ')}` }), from: day, to: day })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export const attributionSchema = z.object({
  kind: z.string(),
  /** The function the activity exercises (referral and assessment: asc_assessment; package: asc_provision; stay: community_health_provision). */
  function: z.string(),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  byPartner: z.array(
    z.object({ partnerId: z.string().nullable(), partnerName: z.string(), basis: z.enum(['delegation', 'statutory']), delegationId: z.string().nullable(), count: z.number() }),
  ),
});

/** Reports that cut activity by the partner accountable on its day. */
export async function reportingRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/delegations/attribution',
    {
      schema: {
        tags: ['reporting'],
        summary: 'Counts of one kind of activity between two days, per partner accountable for its function on its day',
        description:
          'referral and assessment exercise asc_assessment, package (care plan agreed) asc_provision, stay (admission) community_health_provision; the client group follows from age on the day (under 18 children, 65+ older people, otherwise physical disability).',
        querystring: attributionQuery,
        response: { 200: attributionSchema, ...errorResponses },
      },
    },
    async (req) => attributionFor(ctxOf(req, deps), req.query.kind, req.query.from, req.query.to),
  );
}
