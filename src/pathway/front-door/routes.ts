import { z } from 'zod';
import type { AppInstance } from '../../platform/app-instance.js';
import { errorResponses } from '../../access/api-schemas.js';
import { ctxOf, type AppDeps } from '../../platform/request-context.js';
import { caseloadSchema, caseSchema, closedCaseSchema, referralSchema, referralsSchema, transferredCaseSchema } from './api-schemas.js';
import { getCase } from './case-view.js';
import { caseload } from './caseload.js';
import { closeCase, transferCase } from './cases.js';
import { acceptReferral, allocateReferral, getReferral, listReferrals, receiveReferral, resolveReferral } from './service.js';
import { acceptInput, allocateInput, caseloadQuery, closeCaseInput, newReferralInput, referralQuery, resolveInput, transferInput } from './types.js';

const idParams = z.object({ id: z.uuid('must be an id (a UUID)') });
const caseParams = z.strictObject({ id: z.uuid('must be a case id (a UUID)') });

export async function frontDoorRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/referrals',
    {
      schema: {
        tags: ['front door'],
        summary: 'Send a referral to the single point of entry',
        description:
          'From a co-ordinator or another system. person is {id} or demographics to match on NHS number or name and date of birth (a new record only when nobody matches). The same externalRef again answers 200 with the stored referral; a new one answers 201.',
        body: newReferralInput,
        response: { 200: referralSchema, 201: referralSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const { referral, created } = await receiveReferral(ctx, req.body, ctx.actor.role === 'integration' ? 'api' : 'coordinator');
      reply.code(created ? 201 : 200).header('location', `/api/referrals/${referral.id}`);
      return referral;
    },
  );

  app.get(
    '/api/referrals',
    {
      schema: {
        tags: ['front door'],
        summary: 'The front door queue (co-ordinators) or a team’s referrals',
        querystring: referralQuery,
        response: { 200: referralsSchema, ...errorResponses },
      },
    },
    async (req) => ({ referrals: await listReferrals(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/referrals/:id',
    { schema: { tags: ['front door'], summary: 'A referral', params: idParams, response: { 200: referralSchema, ...errorResponses } } },
    async (req) => getReferral(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/referrals/:id/resolve',
    {
      schema: {
        tags: ['front door'],
        summary: 'Triage step 1: resolve at the front door with an outcome',
        params: idParams,
        body: resolveInput,
        response: { 200: referralSchema, ...errorResponses },
      },
    },
    async (req) => resolveReferral(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/referrals/:id/accept',
    {
      schema: {
        tags: ['front door'],
        summary: 'Triage step 1: accept and send to a zone team (proposed from the GP practice)',
        params: idParams,
        body: acceptInput,
        response: { 200: referralSchema, ...errorResponses },
      },
    },
    async (req) => acceptReferral(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/referrals/:id/allocate',
    {
      schema: {
        tags: ['front door'],
        summary: 'Triage step 2: the team allocates a worker; the case opens on the caseload',
        params: idParams,
        body: allocateInput,
        response: { 200: referralSchema, ...errorResponses },
      },
    },
    async (req) => allocateReferral(ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/caseloads',
    {
      schema: {
        tags: ['caseloads'],
        summary: 'A page of the open cases of a team, a worker or a zone, with the waiting list',
        description:
          'Open cases most recently opened first (then by case id), limit per page (50 unless asked, at most 200). page.nextAfter and page.previousBefore name the cursor case for the next and previous pages (after=, before=; null at either end); page.from and page.to number the cases shown within counts.open. counts are of all open and waiting cases, members count each worker’s open cases in the team. The people on the page and on the waiting list are audited.',
        querystring: caseloadQuery,
        response: { 200: caseloadSchema, ...errorResponses },
      },
    },
    async (req) => caseload(ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags: ['caseloads'],
        summary: 'A case: the person, team and worker, whether it is open, and its history',
        description:
          'Through the access policy for the person (403 with breakGlassAllowed otherwise, audited). status is open, closed, or transferred (transferredToCaseId names the case it became). mayChange says whether this user may transfer or close it (it is open and they belong to the team); members are then the team’s members to transfer to. history lists the steps of the case, oldest first; steps of the other sector are withheld when the person objects to sharing.',
        params: caseParams,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const view = await getCase(ctxOf(req, deps), req.params.id);
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  );

  app.post(
    '/api/cases/:id/transfer',
    {
      schema: {
        tags: ['caseloads'],
        summary: 'Transfer a case to another worker or team',
        params: idParams,
        body: transferInput,
        response: { 200: transferredCaseSchema, ...errorResponses },
      },
    },
    async (req) => transferCase(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/cases/:id/close',
    {
      schema: {
        tags: ['caseloads'],
        summary: 'Close a case: the team’s and worker’s relationships end',
        params: idParams,
        body: closeCaseInput,
        response: { 200: closedCaseSchema, ...errorResponses },
      },
    },
    async (req) => closeCase(ctxOf(req, deps), req.params.id, req.body),
  );
}
