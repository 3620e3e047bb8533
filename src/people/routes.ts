import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { InvalidError } from '../platform/errors.js';
import { versionFromIfMatch } from '../platform/http.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { brokenGlassSchema, myPeopleSchema, peopleFoundSchema, personRecordSchema, personVersionsSchema } from './api-schemas.js';
import { carerRoutes } from './carer-routes.js';
import { peopleOfMine, searchPeople } from './search.js';
import { breakGlass, createPerson, getPerson, mergePeople, personVersions, updatePerson } from './service.js';
import { breakGlassInput, mergeInput, newPersonInput, personPatch, searchQuery } from './types.js';

const idParams = z.object({ id: z.uuid('must be a person id (a UUID)') });

function requiredVersion(header: string | undefined): number {
  const version = versionFromIfMatch(header);
  if (version === null) {
    throw new InvalidError('Send the version you are changing in the If-Match header (from the ETag of the record you read).', [
      { field: 'If-Match', problem: 'is missing or is not a version number' },
    ]);
  }
  return version;
}

export async function peopleRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Search the person register',
        description: 'q: an NHS number, name fragments, a date of birth (YYYY-MM-DD or DD/MM/YYYY), or names and a date. Shows identifying details only; every search is audited.',
        querystring: searchQuery,
        response: { 200: peopleFoundSchema, ...errorResponses },
      },
    },
    async (req) => ({ results: await searchPeople(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/people/mine',
    {
      schema: {
        tags: ['people'],
        summary: 'People the user reaches through their own or their teams’ relationships',
        response: { 200: myPeopleSchema, ...errorResponses },
      },
    },
    async (req) => ({ results: await peopleOfMine(ctxOf(req, deps)) }),
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Open a person’s record (through the access policy)',
        description: '403 carries breakGlassAllowed when the user may break glass. The ETag is the record version for If-Match.',
        params: idParams,
        response: { 200: personRecordSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const record = await getPerson(ctxOf(req, deps), req.params.id);
      reply.header('etag', `"${record.version}"`);
      return record;
    },
  );

  app.get(
    '/api/people/:id/versions',
    {
      schema: {
        tags: ['people'],
        summary: 'The versions of a person’s record: who changed what, when',
        params: idParams,
        response: { 200: personVersionsSchema, ...errorResponses },
      },
    },
    async (req) => ({ versions: await personVersions(ctxOf(req, deps), req.params.id) }),
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person to the register',
        description: 'Same NHS number → 409 duplicate. Same date of birth and a similar name → 409 with candidates, unless allowPossibleDuplicate is true.',
        body: newPersonInput,
        response: { 201: personRecordSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const record = await createPerson(ctxOf(req, deps), req.body);
      reply.code(201).header('etag', `"${record.version}"`).header('location', `/api/people/${record.id}`);
      return record;
    },
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person’s record (If-Match: the version you read)',
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }).passthrough(),
        body: personPatch,
        response: { 200: personRecordSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const record = await updatePerson(ctx, req.params.id, requiredVersion(req.headers['if-match']), req.body);
      reply.header('etag', `"${record.version}"`);
      return record;
    },
  );

  app.post(
    '/api/people/:id/merge',
    {
      schema: {
        tags: ['people'],
        summary: 'Merge another record of the same person into this one (If-Match: this record’s version)',
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }).passthrough(),
        body: mergeInput,
        response: { 200: personRecordSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const record = await mergePeople(ctx, req.params.id, requiredVersion(req.headers['if-match']), req.body.mergeId, req.body.reason);
      reply.header('etag', `"${record.version}"`);
      return record;
    },
  );

  app.post(
    '/api/people/:id/break-glass',
    {
      schema: {
        tags: ['people'],
        summary: 'Break glass: time-limited access (4 hours) with a stated reason, flagged for review',
        params: idParams,
        body: breakGlassInput,
        response: { 200: brokenGlassSchema, ...errorResponses },
      },
    },
    async (req) => breakGlass(ctxOf(req, deps), req.params.id, req.body.reason),
  );

  await carerRoutes(app, deps);
}
