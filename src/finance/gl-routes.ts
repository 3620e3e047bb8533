import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { InvalidError } from '../platform/errors.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import {
  glEndMappingInput,
  glHeldQuery,
  glHeldSchema,
  glIdParams,
  glImportDetailSchema,
  glImportQuery,
  glImportResultSchema,
  glImportSchema,
  glImportsQuery,
  glMappingInput,
  glMappingSchema,
  glMappingsQuery,
  glReleaseInput,
  glReleaseSchema,
} from './gl-api-schemas.js';
import { glFileLimitBytes } from './gl-csv.js';
import { listHeldLines, releaseHeldLines } from './gl-held.js';
import { importDetail, importGlFile, listImports } from './gl-import.js';
import { addMapping, endMapping, listMappings } from './gl-mappings.js';

const tags = ['finance'];

export async function glRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // The file arrives as it was saved: bytes, so the import can tell UTF-8 from anything else.
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: glFileLimitBytes }, (_req, body, done) => done(null, body));
  }

  app.post(
    '/api/finance/gl/imports',
    {
      bodyLimit: glFileLimitBytes,
      schema: {
        tags,
        summary:
          'Import a partner’s general-ledger CSV (body text/csv, UTF-8; header transaction_date,cost_centre,subjective,description,amount,reference). 201 with the import (posted, held or rejected rows with line numbers); 200 when the same file was imported before, posting nothing',
        querystring: glImportQuery,
        consumes: ['text/csv'],
        body: z.any().describe('The CSV file as saved (UTF-8), with the header row transaction_date,cost_centre,subjective,description,amount,reference'),
        response: { 200: glImportResultSchema, 201: glImportResultSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      if (!Buffer.isBuffer(req.body)) throw new InvalidError('Send the file as the body with Content-Type: text/csv.', [{ field: 'body', problem: 'is not a text/csv file' }]);
      const result = await importGlFile(ctx, { partnerId: req.query.partnerId, fileName: req.query.fileName, bytes: req.body });
      reply.code(result.alreadyImported ? 200 : 201).header('location', `/api/finance/gl/imports/${result.id}`);
      return result;
    },
  );

  app.get(
    '/api/finance/gl/imports',
    { schema: { tags, summary: 'The GL files imported, newest first', querystring: glImportsQuery, response: { 200: z.object({ imports: z.array(glImportSchema) }), ...errorResponses } } },
    async (req) => ({ imports: await listImports(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/finance/gl/imports/:id',
    { schema: { tags, summary: 'One GL import with its rejected rows (line numbers) and held lines', params: glIdParams, response: { 200: glImportDetailSchema, ...errorResponses } } },
    async (req) => importDetail(ctxOf(req, deps), req.params.id),
  );

  app.get(
    '/api/finance/gl/mappings',
    { schema: { tags, summary: 'The GL mappings: partner cost centre × subjective → budget line, by period', querystring: glMappingsQuery, response: { 200: z.object({ mappings: z.array(glMappingSchema) }), ...errorResponses } } },
    async (req) => ({ mappings: await listMappings(ctxOf(req, deps), req.query.partnerId) }),
  );

  app.post(
    '/api/finance/gl/mappings',
    { schema: { tags, summary: 'Add a GL mapping (its period may not overlap another of the same codes)', body: glMappingInput, response: { 201: glMappingSchema, ...errorResponses } } },
    async (req, reply) => {
      const m = await addMapping(ctxOf(req, deps), req.body);
      reply.code(201);
      return m;
    },
  );

  app.post(
    '/api/finance/gl/mappings/:id/end',
    { schema: { tags, summary: 'End a GL mapping on its last day', params: glIdParams, body: glEndMappingInput, response: { 200: glMappingSchema, ...errorResponses } } },
    async (req) => endMapping(ctxOf(req, deps), req.params.id, req.body.validTo),
  );

  app.get(
    '/api/finance/gl/held',
    { schema: { tags, summary: 'GL lines held for want of a mapping (status held by default)', querystring: glHeldQuery, response: { 200: z.object({ lines: z.array(glHeldSchema) }), ...errorResponses } } },
    async (req) => ({ lines: await listHeldLines(ctxOf(req, deps), req.query) }),
  );

  app.post(
    '/api/finance/gl/held/release',
    { schema: { tags, summary: 'Post every held GL line a mapping now covers; the rest stay held with the reason', body: glReleaseInput.optional(), response: { 200: glReleaseSchema, ...errorResponses } } },
    async (req) => releaseHeldLines(ctxOf(req, deps), req.body ?? {}),
  );
}
