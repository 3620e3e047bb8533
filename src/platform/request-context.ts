import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../access/actor.js';
import type { SessionCache } from '../access/session-cache.js';
import { sameToken, SESSION_COOKIE, type SessionView } from '../access/sessions.js';
import type { Clock } from './clock.js';
import type { Db } from './db.js';
import { ForbiddenError, UnauthorisedError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionView | null;
    sessionToken: string | null;
  }
}

/** What every route module is given: the database, the clock, and the sessions resolved recently. */
export type AppDeps = { db: Db; clock: Clock; sessions: SessionCache };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the session cookie once per request. */
export async function loadSession(req: FastifyRequest, deps: AppDeps): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  req.sessionToken = token ?? null;
  req.session = token ? await deps.sessions.resolve(deps.db, token, deps.clock.now()) : null;
}

/**
 * The signed-in user's context for a service call. State-changing requests must also carry the
 * session's CSRF token in `x-csrf-token`, which a page on another site cannot read.
 */
export function ctxOf(req: FastifyRequest, deps: AppDeps): Ctx {
  if (!req.session) throw new UnauthorisedError('Sign in first: your session is missing or has expired.');
  if (!safeMethods.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, req.session.csrfToken)) {
      throw new ForbiddenError('This request lacks the CSRF token (header x-csrf-token) that came with your session. Reload the page and try again.');
    }
  }
  return { db: deps.db, clock: deps.clock, actor: req.session.actor };
}

export type Reply = FastifyReply;
