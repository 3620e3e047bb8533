import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { accountablePartner } from './accountable.js';
import { accountabilitySchema, delegationHistorySchema, delegationSchema, supersessionSchema } from './api-schemas.js';
import { accountableQuery, delegationParams, endDelegationInput, newDelegationInput, supersedeDelegationInput } from './delegation-inputs.js';
import { delegationHistory, endDelegation, recordDelegation, supersedeDelegation } from './delegations.js';

/** Delegation periods: every signed-in user reads them; an administrator records, ends and supersedes. */
export async function delegationRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/delegations',
    {
      schema: {
        tags: ['partnership'],
        summary: "The place's delegation periods, every one ever recorded, oldest first within each function",
        response: { 200: delegationHistorySchema, ...errorResponses },
      },
    },
    async (req) => ({ delegations: await delegationHistory(deps.db, ctxOf(req, deps).actor.placeId) }),
  );

  app.get(
    '/api/delegations/accountable',
    {
      schema: {
        tags: ['partnership'],
        summary: 'Who was accountable for a function for a client group on a day, and the period that decided it',
        description:
          'The partner a period in force hands the function to; when none does, the statutory owner: the council for adult social care and children’s commissioning (and public health from 2013-04-01), the NHS commissioner then in existence for health functions.',
        querystring: accountableQuery,
        response: { 200: accountabilitySchema, ...errorResponses },
      },
    },
    async (req) => accountablePartner(deps.db, ctxOf(req, deps).actor.placeId, req.query.function, req.query.clientGroup, req.query.on),
  );

  app.post(
    '/api/delegations',
    {
      schema: {
        tags: ['partnership'],
        summary: 'Record a delegation period (administrator); an overlap with a period of the same function and client group is a 409',
        body: newDelegationInput,
        response: { 201: delegationSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await recordDelegation(ctxOf(req, deps), req.body);
      reply.code(201);
      return view;
    },
  );

  app.post(
    '/api/delegations/:id/end',
    {
      schema: {
        tags: ['partnership'],
        summary: 'Give an open period its last day (administrator): the one change a period allows',
        params: delegationParams,
        body: endDelegationInput,
        response: { 200: delegationSchema, ...errorResponses },
      },
    },
    async (req) => endDelegation(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/delegations/:id/supersede',
    {
      schema: {
        tags: ['partnership'],
        summary: 'End an open period the day before validFrom and start the next one, in one transaction (administrator)',
        description: 'The next period keeps the function, and unless given, the client groups and the delegating partner. Taking a function back is a period to the statutory owner itself.',
        params: delegationParams,
        body: supersedeDelegationInput,
        response: { 201: supersessionSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const result = await supersedeDelegation(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );
}
