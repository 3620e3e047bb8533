/**
 * The provider portal's API (/api/portal/*, provider_staff only; the request guards refuse that
 * role everything else) and the staff side of placements (/api/commissioning/placements).
 */
import { z } from 'zod';
import { errorResponses } from '../access/api-schemas.js';
import type { AppInstance } from '../platform/app-instance.js';
import { InvalidError } from '../platform/errors.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { onServiceLineChange } from '../pathway/plans/line-events.js';
import { importEcmFile, recordDelivery } from './delivery-service.js';
import { ecmDuration, ecmFileLimitBytes, ecmRequired } from './ecm-csv.js';
import { acceptInput, declineInput, deliveryInput, placementParams, portalListQuery, startInput } from './placement-inputs.js';
import { placementOfLineChanged } from './placement-service.js';
import { placementRoutes } from './placement-routes.js';
import { ecmImportSchema, portalPlacementListSchema, portalPlacementSchema } from './portal-api-schemas.js';
import { acceptPlacement, confirmStart, declinePlacement, portalPlacement, portalPlacements } from './portal-service.js';

const tags = ['commissioning'];

export async function portalRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // A line approved is offered to its provider; started, ended or cancelled, its placement follows.
  onServiceLineChange('commissioning.placements', placementOfLineChanged);
  await placementRoutes(app, deps);

  app.get(
    '/api/portal/placements',
    {
      schema: {
        tags,
        summary: 'Provider portal: your placements (offered, accepted, started, ended), newest offer first, with the person’s name and postcode',
        querystring: portalListQuery,
        response: { 200: portalPlacementListSchema, ...errorResponses },
      },
    },
    async (req) => portalPlacements(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/portal/placements/:id',
    {
      schema: {
        tags,
        summary: 'Provider portal: one of your placements — what to deliver, from when, and to whom (name, address line, postcode, phone)',
        description: '404 for a placement that is not yours.',
        params: placementParams,
        response: { 200: portalPlacementSchema, ...errorResponses },
      },
    },
    async (req) => portalPlacement(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/portal/placements/:id/accept',
    { schema: { tags, summary: 'Provider portal: accept an offer', params: placementParams, body: acceptInput, response: { 200: portalPlacementSchema, ...errorResponses } } },
    async (req) => acceptPlacement(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/portal/placements/:id/decline',
    { schema: { tags, summary: 'Provider portal: decline an offer, saying why', params: placementParams, body: declineInput, response: { 200: portalPlacementSchema, ...errorResponses } } },
    async (req) => declinePlacement(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/portal/placements/:id/start',
    {
      schema: {
        tags,
        summary: 'Provider portal: confirm the day care actually started (the service line goes in place from that day)',
        description: 'startedOn may not be before the assessment was completed, nor after today; the offer must be accepted first.',
        params: placementParams,
        body: startInput,
        response: { 200: portalPlacementSchema, ...errorResponses },
      },
    },
    async (req) => confirmStart(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/portal/placements/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Provider portal: record care delivered on a day, in the line’s unit (hours or visits)',
        description: 'Refused: zero or less, a day before the start or after the end or today, more than 24 hours (or 24 visits) on the line in a day.',
        params: placementParams,
        body: deliveryInput,
        response: { 201: portalPlacementSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const placement = await recordDelivery(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201);
      return placement;
    },
  );

  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: ecmFileLimitBytes }, (_req, body, done) => done(null, body));
  }
  app.post(
    '/api/portal/deliveries/ecm',
    {
      bodyLimit: ecmFileLimitBytes,
      schema: {
        tags,
        summary: `Provider portal: visits from an electronic call-monitoring CSV (text/csv; columns ${ecmRequired.join(', ')} and ${ecmDuration.join(' or ')})`,
        description: '201 when visits were recorded, 200 when none were; rejected rows come back with their line numbers. A visit_id sent before records nothing twice.',
        consumes: ['text/csv'],
        body: z.any().describe('The CSV file as exported (UTF-8) with a header row'),
        response: { 200: ecmImportSchema, 201: ecmImportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new InvalidError('Send the file as the body with Content-Type: text/csv.', [{ field: 'body', problem: 'is not a text/csv file' }]);
      const result = await importEcmFile(ctxOf(req, deps), req.body);
      reply.code(result.recorded > 0 ? 201 : 200);
      return result;
    },
  );
}
