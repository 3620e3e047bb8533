import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { codesSchema } from './api-schemas.js';
import { codeLists } from './lists.js';

/** The coded lists, one answer for every page; they change only with a new release. */
export async function referenceRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const lists = codeLists();
  app.get(
    '/api/codes',
    {
      schema: {
        tags: ['reference'],
        summary: 'The coded lists the pages offer and read, each code with its words',
        description:
          'CLD lists (routes of access, event outcomes and those a co-ordinator may resolve with, assessment types, service types, components, delivery mechanisms, primary support reasons, cost frequency unit types); referral sources and urgencies; Care Act outcomes; service line units, frequencies and statuses; partner kinds that may provide a service; roles; professions with their sector; sectors; timeline kinds and subjects; DToC reasons for delay with the attributions each allows, and the attributions. No person data: any signed-in user.',
        querystring: z.strictObject({}),
        response: { 200: codesSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      ctxOf(req, deps);
      reply.header('cache-control', 'private, max-age=3600');
      return lists;
    },
  );
}
