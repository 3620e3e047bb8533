import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { carerRelationshipSchema, carerRelationshipsSchema } from './api-schemas.js';
import { carerParams, endCarerInput, newCarerInput } from './carer-types.js';
import { addCarer, carersOf, endCarerRelationship } from './carers.js';

const idParams = z.strictObject({ id: z.uuid('must be a person id (a UUID)') });

/** Carer relationships between people on the register: recorded, listed both ways, ended. */
export async function carerRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/people/:id/carers',
    {
      schema: {
        tags: ['people'],
        summary: 'A person’s carer relationships both ways: their carers, and the people they care for (ended ones too)',
        description: 'Through the access policy on this person; audited.',
        params: idParams,
        response: { 200: carerRelationshipsSchema, ...errorResponses },
      },
    },
    async (req) => carersOf(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/people/:id/carers',
    {
      schema: {
        tags: ['people'],
        summary: 'Record that someone on the register cares for this person',
        description:
          'Through the access policy on the person cared for; audited with both people. A person cannot be their own carer (400); an open relationship of the same carer and person answers 409 with existingId.',
        params: idParams,
        body: newCarerInput,
        response: { 201: carerRelationshipSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await addCarer(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201);
      return view;
    },
  );

  app.post(
    '/api/people/:id/carers/:relationshipId/end',
    {
      schema: {
        tags: ['people'],
        summary: 'End a carer relationship (kept in history with its end date and reason)',
        description: 'The person in the address is either side of the relationship; through the access policy on them. validTo before the start → 400; already ended → 409.',
        params: carerParams,
        body: endCarerInput,
        response: { 200: carerRelationshipSchema, ...errorResponses },
      },
    },
    async (req) => endCarerRelationship(ctxOf(req, deps), req.params.id, req.params.relationshipId, req.body),
  );
}
