import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { approvalLimitsSchema, lineChangeSchema, lineListSchema, lineVersionsSchema, planSchema, plansSchema, proposedLineSchema } from './api-schemas.js';
import { listServiceLines } from './line-list.js';
import { lineStates } from './states.js';
import { approvalLimits, setApprovalLimit } from './approval-limits.js';
import { approveLine, cancelLine, endLine, lineHistory, startLine } from './line-steps.js';
import { lineVariationInput, varyLine } from './line-variation.js';
import { createPlan, getPlan, plansOf, proposeLine } from './service.js';
import { approvalLimitInput, approveInput, cancelInput, endInput, newLineInput, newPlanInput, startInput } from './types.js';

const planParams = z.strictObject({ id: z.uuid('must be a care plan id (a UUID)') });
const lineParams = z.strictObject({ id: z.uuid('must be a service line id (a UUID)') });
const personParams = z.strictObject({ id: z.uuid('must be a person id (a UUID)') });

const lineListQuery = z.strictObject({
  status: z.enum(lineStates, { message: `must be one of ${lineStates.join(', ')}` }).optional(),
  teamId: z.uuid('must be a team id (a UUID)').optional(),
  limit: z.coerce.number({ message: 'must be a number from 1 to 200' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  offset: z.coerce.number({ message: 'must be a number, 0 or more' }).int('must be a whole number').min(0, 'must not be negative').default(0),
});

/** Care and support plans and the lines of their packages, from proposal to in place and end. */
export async function plansRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/plans',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Make a care and support plan from a completed assessment that found eligible needs',
        description: '409 naming why when the assessment is not completed or not eligible, or already has an active plan (existingId).',
        body: newPlanInput,
        response: { 201: planSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const plan = await createPlan(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/plans/${plan.id}`);
      return plan;
    },
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['pathway'],
        summary: 'A plan with its lines, their costs and the weekly cost in pence',
        params: planParams,
        response: { 200: planSchema, ...errorResponses },
      },
    },
    async (req) => getPlan(ctxOf(req, deps), req.params.id),
  );

  app.get(
    '/api/people/:id/plans',
    {
      schema: {
        tags: ['pathway'],
        summary: 'A person’s care and support plans, newest first',
        params: personParams,
        response: { 200: plansSchema, ...errorResponses },
      },
    },
    async (req) => ({ plans: await plansOf(ctxOf(req, deps), req.params.id) }),
  );

  app.post(
    '/api/plans/:id/lines',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Propose a service line (CLD service type, component and delivery mechanism; provider by partner id or ODS code)',
        description:
          'quantity is a decimal with up to two places (7.5 hours); frequency per_day, per_week or one_off. The unit cost is the contract rate in force at plannedStart for the provider, service type, unit and enhancement (a different unitCostPence is refused, naming the rate); with no contract rate, unitCostPence (whole pence) is the spot price and must be given. pricing says which. Weekly cost = quantity × unit cost (× 7 per day), rounded half up to the penny.',
        params: planParams,
        body: newLineInput,
        response: { 201: proposedLineSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const line = await proposeLine(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201).header('location', `/api/service-lines/${line.id}`);
      return line;
    },
  );

  app.post(
    '/api/service-lines/:id/approve',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Approve a proposed line (within the approver’s weekly limit; not one’s own proposal)',
        description: '403 naming the limit when the plan’s weekly cost after approval exceeds it. Limits: the place’s approval_limit, else team manager £1,000, commissioner £5,000, others £0 a week.',
        params: lineParams,
        body: approveInput,
        response: { 200: lineChangeSchema, ...errorResponses },
      },
    },
    async (req) => approveLine(ctxOf(req, deps), req.params.id, req.body.version),
  );

  app.post(
    '/api/service-lines/:id/start',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Record an approved line as in place from the day it started',
        description: 'startedOn may not be before the assessment was completed, nor after today. The plan’s first line in place schedules its first planned review.',
        params: lineParams,
        body: startInput,
        response: { 200: lineChangeSchema, ...errorResponses },
      },
    },
    async (req) => startLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/service-lines/:id/end',
    {
      schema: { tags: ['pathway'], summary: 'End a line that is in place', params: lineParams, body: endInput, response: { 200: lineChangeSchema, ...errorResponses } },
    },
    async (req) => endLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/service-lines/:id/cancel',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Cancel a proposed or approved line before it starts',
        params: lineParams,
        body: cancelInput,
        response: { 200: lineChangeSchema, ...errorResponses },
      },
    },
    async (req) => cancelLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/service-lines/:id/variation',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Re-price an approved or in-place line from a day: a new quantity or unit cost, with the reason',
        description: 'from must not be before the line starts (or after the day its present price applies from); the weekly cost changes from that day, and the pool’s commitment with it. 409 when the line has moved on (version) or is not approved or in place.',
        params: lineParams,
        body: lineVariationInput,
        response: { 200: lineChangeSchema, ...errorResponses },
      },
    },
    async (req) => varyLine(ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/service-lines',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Service lines by state, for a team or the place: packages awaiting approval, services in place',
        description:
          'status: proposed, approved, in_place, ended or cancelled (any when left out). Practitioners: lines of people with an open case in their own teams (teamId one of them, else all of them; another team is 403), each person through the access policy (those the sharing rule keeps from this user are counted in withheld). A role the place gives an approval limit (a commissioner at a funding panel): lines waiting for approval only, in any team or teamId, with their cost and team but person null. Other roles: 403. Each proposed line carries approval {mayApprove, reason, message, limitPence, planCommittedWeeklyPence, weeklyAfterApprovalPence}: the rule approving it would apply, for this user. Those to start soonest first; page with limit (1–200, default 50) and offset (nextOffset; total counts them all).',
        querystring: lineListQuery,
        response: { 200: lineListSchema, ...errorResponses },
      },
    },
    async (req) => listServiceLines(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/service-lines/:id/versions',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Every state of a line: who changed it, when, to what',
        params: lineParams,
        response: { 200: lineVersionsSchema, ...errorResponses },
      },
    },
    async (req) => ({ versions: await lineHistory(ctxOf(req, deps), req.params.id) }),
  );

  app.get(
    '/api/approval-limits',
    {
      schema: {
        tags: ['pathway'],
        summary: 'The weekly amount each role may approve in this place (the place’s own, or the default)',
        response: { 200: approvalLimitsSchema, ...errorResponses },
      },
    },
    async (req) => ({ limits: await approvalLimits(ctxOf(req, deps)) }),
  );

  app.post(
    '/api/approval-limits',
    {
      schema: {
        tags: ['pathway'],
        summary: 'Set a role’s weekly approval limit for the place (administrators)',
        body: approvalLimitInput,
        response: { 200: approvalLimitsSchema, ...errorResponses },
      },
    },
    async (req) => ({ limits: await setApprovalLimit(ctxOf(req, deps), req.body) }),
  );
}
