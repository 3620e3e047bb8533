import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { InvalidError } from '../platform/errors.js';
import { versionFromIfMatch } from '../platform/http.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { isIsoDate, londonDateOf } from '../platform/dates.js';
import { placeOverview } from './service.js';
import { delegationRoutes } from './delegation-routes.js';
import { createRoutingRule, endRoutingRule, listRoutingRules, routingRuleInput, updateRoutingRule } from './routing-service.js';
import { placeOverviewSchema, routingRuleSchema, routingRulesSchema, staffRecordSchema } from './api-schemas.js';
import { staffRecord } from './staff-records.js';

const ruleParams = z.strictObject({ id: z.uuid('must be a routing rule id (a UUID)') });
const ifMatchHeaders = z.object({ 'if-match': z.string().optional() });

function requiredVersion(header: string | undefined): number {
  const version = versionFromIfMatch(header);
  if (version === null) {
    throw new InvalidError('Send the version of the rule you are changing in the If-Match header.', [{ field: 'If-Match', problem: 'is missing or is not a version number' }]);
  }
  return version;
}

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

  app.get(
    '/api/staff/:id',
    {
      schema: {
        tags: ['partnership'],
        summary: "A staff member's record: profession, employer and managing organisation (which may differ), terms, grade and teams on a day",
        params: z.strictObject({ id: z.uuid('must be a staff member id (a UUID)') }),
        querystring: z.strictObject({ on: z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').optional() }),
        response: { 200: staffRecordSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      return staffRecord(deps.db, ctx.actor.placeId, req.params.id, req.query.on ?? londonDateOf(deps.clock.now()));
    },
  );

  app.get(
    '/api/routing-rules',
    {
      schema: {
        tags: ['partnership'],
        summary: "The front door's routing rules in order (administrators, co-ordinators, team managers)",
        querystring: z.strictObject({ includeEnded: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false') }),
        response: { 200: routingRulesSchema, ...errorResponses },
      },
    },
    async (req) => ({ rules: await listRoutingRules(ctxOf(req, deps), { includeEnded: req.query.includeEnded === 'true' }) }),
  );

  app.post(
    '/api/routing-rules',
    {
      schema: {
        tags: ['partnership'],
        summary: 'Add a routing rule (administrators; audited)',
        body: routingRuleInput,
        response: { 201: routingRuleSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const rule = await createRoutingRule(ctxOf(req, deps), req.body);
      return reply.code(201).header('etag', `"${rule.version}"`).send(rule);
    },
  );

  app.put(
    '/api/routing-rules/:id',
    {
      schema: {
        tags: ['partnership'],
        summary: 'Change a routing rule (administrators; If-Match: the version you read; audited with before and after)',
        params: ruleParams,
        headers: ifMatchHeaders,
        body: routingRuleInput,
        response: { 200: routingRuleSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const rule = await updateRoutingRule(ctxOf(req, deps), req.params.id, requiredVersion(req.headers['if-match']), req.body);
      return reply.header('etag', `"${rule.version}"`).send(rule);
    },
  );

  app.post(
    '/api/routing-rules/:id/end',
    {
      schema: {
        tags: ['partnership'],
        summary: 'End (retire) a routing rule (administrators; If-Match: the version you read; audited)',
        params: ruleParams,
        headers: ifMatchHeaders,
        response: { 200: routingRuleSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const rule = await endRoutingRule(ctxOf(req, deps), req.params.id, requiredVersion(req.headers['if-match']));
      return reply.header('etag', `"${rule.version}"`).send(rule);
    },
  );
}
