import { z } from 'zod';
import type { AppInstance } from '../platform/app-instance.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { personNames } from '../people/service.js';
import { breakGlassQueue, pendingBreakGlassCount, readAudit, reviewBreakGlass } from './review.js';
import { signIn, signOut } from './service.js';
import { SESSION_COOKIE, sessionBody } from './sessions.js';
import { errorResponses, sessionResponse, breakGlassItem, breakGlassQueueSchema, auditPage } from './api-schemas.js';

export type AccessRouteOptions = AppDeps & {
  defaultPlace: string;
  sessionHours: number;
  secureCookies: boolean;
  signInLimit: number;
};

export async function accessRoutes(app: AppInstance, opts: AccessRouteOptions): Promise<void> {
  app.post(
    '/api/session',
    {
      config: { public: true, rateLimit: { max: opts.signInLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        description: 'Answers the user, their teams, the place and a CSRF token to send as `x-csrf-token` on every change. Sets the httpOnly session cookie.',
        body: z.strictObject({
          email: z.string().trim().min(3, 'is required').max(254).email('is not an email address'),
          password: z.string().min(1, 'is required').max(200),
          place: z.string().max(50).optional(),
        }),
        response: { 200: sessionResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { token, session } = await signIn(opts.db, req.body, { now: opts.clock.now(), sessionHours: opts.sessionHours, defaultPlace: opts.defaultPlace });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return sessionBody(session);
    },
  );

  app.get(
    '/api/session',
    { schema: { tags: ['session'], summary: 'The signed-in user', response: { 200: sessionResponse, ...errorResponses } } },
    async (req) => {
      ctxOf(req, opts);
      return sessionBody(req.session!);
    },
  );

  app.delete(
    '/api/session',
    // Public: signing out with a session that has already expired still clears the cookie.
    { config: { public: true }, schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      if (req.sessionToken) {
        await signOut(opts.db, req.sessionToken, opts.clock.now());
        opts.sessions.forget(req.sessionToken);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/break-glass',
    {
      schema: {
        tags: ['access'],
        summary: 'Break-glass review queue (team managers, auditors)',
        querystring: z.strictObject({ status: z.enum(['pending', 'reviewed']).default('pending') }),
        response: { 200: breakGlassQueueSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, opts);
      const items = await breakGlassQueue(ctx, req.query.status, personNames);
      return { items, pending: await pendingBreakGlassCount(opts.db, ctx.actor.placeId) };
    },
  );

  app.post(
    '/api/break-glass/:id/review',
    {
      schema: {
        tags: ['access'],
        summary: 'Record the review of a break-glass access',
        params: z.object({ id: z.uuid('must be a break-glass id') }),
        body: z.strictObject({
          outcome: z.enum(['appropriate', 'inappropriate'], { message: "must be 'appropriate' or 'inappropriate'" }),
          note: z.string().trim().max(2000, 'must be at most 2000 characters').default(''),
        }),
        response: { 200: breakGlassItem, ...errorResponses },
      },
    },
    async (req) => reviewBreakGlass(ctxOf(req, opts), req.params.id, req.body, personNames),
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['access'],
        summary: 'The audit log, newest first (auditors)',
        querystring: z.strictObject({
          personId: z.uuid('must be a person id').optional(),
          userId: z.uuid('must be a user id').optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.coerce.number().int().min(1).optional(),
        }),
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (req) => readAudit(ctxOf(req, opts), req.query),
  );
}
