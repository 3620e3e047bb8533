/** Remittance advices: per provider of a pay run (page data, CSV, PDF), and the portal's own for provider staff. */
import type { FastifyReply } from 'fastify';
import { errorResponses } from '../access/api-schemas.js';
import type { AppInstance } from '../platform/app-instance.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { portalRemittanceListSchema, remittanceSchema } from './pay-run-api-schemas.js';
import { portalRemittanceParams, remittanceParams } from './pay-run-inputs.js';
import { portalRemittance, portalRemittances, readRemittance, remittanceCsv, remittancePdf, type Remittance } from './remittances.js';
import { mustHoldCommissioningRole } from './roles.js';

const tags = ['commissioning'];

function sendFile(reply: FastifyReply, r: Remittance, format: 'csv' | 'pdf'): FastifyReply {
  reply.header('content-disposition', `attachment; filename="remittance-${r.remittanceReference}.${format}"`).header('cache-control', 'no-store');
  return format === 'csv' ? reply.type('text/csv; charset=utf-8').send(remittanceCsv(r)) : reply.type('application/pdf').send(remittancePdf(r));
}

export async function remittanceRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const base = '/api/commissioning/pay-runs/:id/remittances/:providerId';
  app.get(base, { schema: { tags, summary: 'The remittance advice of one provider in a pay run', params: remittanceParams, response: { 200: remittanceSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'read', 'commissioning.remittance_read', 'read remittances');
    return readRemittance(ctx, req.params.id, req.params.providerId, 'json');
  });
  for (const format of ['csv', 'pdf'] as const) {
    app.get(
      `${base}/${format}`,
      { schema: { tags, summary: `The remittance advice of one provider in a pay run, as ${format.toUpperCase()}`, params: remittanceParams, produces: [format === 'csv' ? 'text/csv' : 'application/pdf'], response: { ...errorResponses } } },
      async (req, reply) => {
        const ctx = ctxOf(req, deps);
        await mustHoldCommissioningRole(ctx, 'read', 'commissioning.remittance_read', 'read remittances');
        return sendFile(reply, await readRemittance(ctx, req.params.id, req.params.providerId, format), format);
      },
    );
  }

  app.get('/api/portal/remittances', { schema: { tags: ['portal'], summary: 'Your provider’s remittance advices (provider staff)', response: { 200: portalRemittanceListSchema, ...errorResponses } } }, async (req) =>
    portalRemittances(ctxOf(req, deps)),
  );
  app.get(
    '/api/portal/remittances/:payRunId',
    { schema: { tags: ['portal'], summary: 'One of your provider’s remittance advices (provider staff)', params: portalRemittanceParams, response: { 200: remittanceSchema, ...errorResponses } } },
    async (req) => portalRemittance(ctxOf(req, deps), req.params.payRunId, 'json'),
  );
  for (const format of ['csv', 'pdf'] as const) {
    app.get(
      `/api/portal/remittances/:payRunId/${format}`,
      { schema: { tags: ['portal'], summary: `One of your provider’s remittance advices as ${format.toUpperCase()} (provider staff)`, params: portalRemittanceParams, produces: [format === 'csv' ? 'text/csv' : 'application/pdf'], response: { ...errorResponses } } },
      async (req, reply) => sendFile(reply, await portalRemittance(ctxOf(req, deps), req.params.payRunId, format), format),
    );
  }
}
