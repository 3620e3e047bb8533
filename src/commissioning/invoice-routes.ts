import { z } from 'zod';
import { errorResponses } from '../access/api-schemas.js';
import type { AppInstance } from '../platform/app-instance.js';
import { InvalidError } from '../platform/errors.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { approveLine, disputeLine, invoiceRules, releaseLine, setInvoiceRules } from './invoice-actions.js';
import { invoiceDetailSchema, invoiceImportSchema, invoiceLineSchema, invoiceListSchema, invoiceRulesSchema } from './invoice-api-schemas.js';
import { invoiceCsvColumns, invoiceFileLimitBytes, sourceOfBytes } from './invoice-csv.js';
import {
  approvalLimitInput,
  approveInput,
  commissioningImportQuery,
  disputeInput,
  invoiceIdParams,
  invoiceLineIdParams,
  invoiceQueueQuery,
  portalImportQuery,
  portalInvoiceInput,
  releaseInput,
  toleranceInput,
} from './invoice-inputs.js';
import { invoiceDetail, invoiceQueue, ownInvoice, ownInvoices } from './invoice-queue.js';
import { importInvoiceFile, providerOfActor, submitPortalInvoice } from './invoices.js';

const tags = ['commissioning'];
const csvBody = z.any().describe(`The CSV file as saved (UTF-8), with the header row ${invoiceCsvColumns.join(',')}`);
const fileOf = (body: unknown): Uint8Array => {
  if (!Buffer.isBuffer(body)) throw new InvalidError('Send the file as the body with Content-Type: text/csv.', [{ field: 'body', problem: 'is not a text/csv file' }]);
  return body;
};

export async function invoiceRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: invoiceFileLimitBytes }, (_req, body, done) => done(null, body));
  }

  app.post(
    '/api/portal/invoices',
    { schema: { tags, summary: 'Submit an invoice (provider staff, for their own provider): each line matched to its service line on arrival; 409 for an invoice number sent before', body: portalInvoiceInput, response: { 201: invoiceDetailSchema, ...errorResponses } } },
    async (req, reply) => {
      const inv = await submitPortalInvoice(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/portal/invoices/${inv.id}`);
      return inv;
    },
  );

  app.get(
    '/api/portal/invoices',
    { schema: { tags, summary: 'The provider’s own invoices, newest first, with their lines’ statuses', querystring: invoiceQueueQuery.omit({ providerPartnerId: true }), response: { 200: invoiceListSchema, ...errorResponses } } },
    async (req) => ({ invoices: await ownInvoices(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/portal/invoices/:id',
    { schema: { tags, summary: 'One of the provider’s own invoices with each line’s status and hold reason', params: invoiceIdParams, response: { 200: invoiceDetailSchema, ...errorResponses } } },
    async (req) => ownInvoice(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/portal/invoices/imports',
    {
      bodyLimit: invoiceFileLimitBytes,
      schema: { tags, summary: 'Import the provider’s own invoice CSV (body text/csv); 400 listing rejected rows by line (nothing taken); 200 when the same file was sent before', querystring: portalImportQuery, consumes: ['text/csv'], body: csvBody, response: { 200: invoiceImportSchema, 201: invoiceImportSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const result = await importInvoiceFile(ctx, { providerPartnerId: providerOfActor(ctx), source: sourceOfBytes(fileOf(req.body)) });
      reply.code(result.alreadyImported ? 200 : 201);
      return result;
    },
  );

  app.post(
    '/api/commissioning/invoices/imports',
    {
      bodyLimit: invoiceFileLimitBytes,
      schema: { tags, summary: 'Import a provider’s invoice CSV (finance; body text/csv); 400 listing rejected rows by line (nothing taken); 200 when the same file was sent before', querystring: commissioningImportQuery, consumes: ['text/csv'], body: csvBody, response: { 200: invoiceImportSchema, 201: invoiceImportSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const result = await importInvoiceFile(ctxOf(req, deps), { providerPartnerId: req.query.providerPartnerId, source: sourceOfBytes(fileOf(req.body)) });
      reply.code(result.alreadyImported ? 200 : 201);
      return result;
    },
  );

  app.get(
    '/api/commissioning/invoices',
    { schema: { tags, summary: 'The invoice work queue: invoices with a line of this status or hold reason, by provider and period', querystring: invoiceQueueQuery, response: { 200: invoiceListSchema, ...errorResponses } } },
    async (req) => ({ invoices: await invoiceQueue(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/commissioning/invoices/:id',
    { schema: { tags, summary: 'One invoice with each line’s planned, delivered and invoiced figures, status, hold reason and history', params: invoiceIdParams, response: { 200: invoiceDetailSchema, ...errorResponses } } },
    async (req) => invoiceDetail(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/commissioning/invoice-lines/:id/release',
    { schema: { tags, summary: 'Release a held invoice line (with the reason): it becomes matched, ready to approve', params: invoiceLineIdParams, body: releaseInput, response: { 200: invoiceLineSchema, ...errorResponses } } },
    async (req) => releaseLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/commissioning/invoice-lines/:id/dispute',
    { schema: { tags, summary: 'Dispute a matched or held invoice line (with what the provider should correct)', params: invoiceLineIdParams, body: disputeInput, response: { 200: invoiceLineSchema, ...errorResponses } } },
    async (req) => disputeLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/commissioning/invoice-lines/:id/approve',
    { schema: { tags, summary: 'Approve a matched invoice line for payment, within the role’s limit a line (403 naming who may above it)', params: invoiceLineIdParams, body: approveInput, response: { 200: invoiceLineSchema, ...errorResponses } } },
    async (req) => approveLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/commissioning/invoice-rules',
    { schema: { tags, summary: 'The place’s matching tolerance and approval limits a line by role', response: { 200: invoiceRulesSchema, ...errorResponses } } },
    async (req) => invoiceRules(ctxOf(req, deps)),
  );

  app.put(
    '/api/commissioning/invoice-rules',
    {
      schema: {
        tags,
        summary: 'Set the place’s matching tolerance and approval limits a line (pooled fund manager)',
        body: z.strictObject({ tolerance: toleranceInput.optional(), lineLimits: z.array(approvalLimitInput).max(2).optional() }),
        response: { 200: invoiceRulesSchema, ...errorResponses },
      },
    },
    async (req) => setInvoiceRules(ctxOf(req, deps), req.body),
  );
}
