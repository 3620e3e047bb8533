import { z } from 'zod';
import type { AppInstance } from '../app.js';
import { errorResponses } from '../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { isIsoDate, londonDateOf } from '../platform/dates.js';
import { placeOverview } from './service.js';
import { placeOverviewSchema } from './api-schemas.js';
import { delegationRoutes } from './delegation-routes.js';

export async function partnershipRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/place',
    {
      schema: {
        tags: ['partnership'],
        summary: 'The place: partners, zones and their practices, teams, delegations in force and their history',
        querystring: z.strictObject({ on: z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').optional() }),
        response: { 200: placeOverviewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      return placeOverview(deps.db, ctx.actor.placeId, req.query.on ?? londonDateOf(deps.clock.now()));
    },
  );
  await delegationRoutes(app, deps);
}
