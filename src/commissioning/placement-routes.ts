/** Placements for staff (issue #15): list, withdraw an offer, re-offer a declined line to another provider. */
import { errorResponses } from '../access/api-schemas.js';
import type { AppInstance } from '../platform/app-instance.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { placementListQuery, placementParams, reofferInput, withdrawInput } from './placement-inputs.js';
import { listPlacementsForStaff, reofferPlacement, withdrawPlacement } from './placement-service.js';
import { staffPlacementListSchema, staffPlacementSchema } from './portal-api-schemas.js';

const tags = ['commissioning'];

export async function placementRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/commissioning/placements',
    {
      schema: {
        tags,
        summary: 'Placements of service lines with providers, newest offer first (by status, provider or person)',
        description: 'Commissioning roles see the place’s; a practitioner gives personId and sees that person’s through the access policy.',
        querystring: placementListQuery,
        response: { 200: staffPlacementListSchema, ...errorResponses },
      },
    },
    async (req) => listPlacementsForStaff(ctxOf(req, deps), req.query),
  );

  app.post(
    '/api/commissioning/placements/:id/withdraw',
    { schema: { tags, summary: 'Withdraw an offer not yet started', params: placementParams, body: withdrawInput, response: { 200: staffPlacementSchema, ...errorResponses } } },
    async (req) => withdrawPlacement(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/commissioning/placements/:id/reoffer',
    {
      schema: {
        tags,
        summary: 'Offer a declined or withdrawn line again, to another provider (the line changes provider as a new version) or the same one',
        params: placementParams,
        body: reofferInput,
        response: { 201: staffPlacementSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const placement = await reofferPlacement(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201);
      return placement;
    },
  );
}
