import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { londonDateOf } from './dates.js';
import { ConflictError, ForbiddenError, UnauthorisedError } from './errors.js';
import { loadSession, type AppDeps } from './request-context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Answered without signing in (sign-in and sign-out, health, the API documentation, the web
     * app's files). Every other route needs a session, checked before its input is parsed.
     */
    public?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The last day of a dissolved place, or null: how the guards learn whether a place is read-only. */
export type DissolvedOnOf = (placeId: string) => Promise<string | null>;

/**
 * Marks routes public and puts `security: []` on them in the OpenAPI document (the document's
 * default is the session cookie). Routes are protected unless marked: a route marks itself with
 * `config: { public: true }`, and a plugin's routes (the documentation, the web app's files) are
 * marked by registering the plugin inside `registerPublic`.
 */
export function publicRoutes(app: FastifyInstance) {
  let markingPublic = false;
  // onRoute hooks run as each route is declared, so this sees every route declared after it,
  // in this instance and in every plugin registered on it.
  app.addHook('onRoute', (route: RouteOptions) => {
    if (markingPublic) route.config = { ...route.config, public: true };
    if (route.config?.public && route.schema) route.schema = { ...route.schema, security: [] };
  });
  return {
    async registerPublic(register: () => PromiseLike<unknown>): Promise<void> {
      markingPublic = true;
      try {
        await register();
      } finally {
        markingPublic = false;
      }
    },
  };
}

/** What a provider_staff account may call: the portal's API and its own session. */
function portalOpen(route: string): boolean {
  return route === '/api/session' || route.startsWith('/api/portal/');
}

function isPublic(req: FastifyRequest): boolean {
  return req.routeOptions.config?.public === true;
}

/**
 * The order every request goes through, before its path, query and body are parsed or
 * validated: who is asking (401 when nobody is signed in and the route is not public), then
 * whether the place still takes changes (a dissolved place is read-only: reads and exports pass,
 * every change is refused with 409). A route cannot forget either: both are the default.
 */
export function installRequestGuards(app: FastifyInstance, deps: AppDeps, dissolvedOnOf: DissolvedOnOf): void {
  // A place's dates are part of its definition, loaded with it; no request changes them, so the
  // answer is kept for the life of the process.
  const dissolved = new Map<string, Promise<string | null>>();
  const dissolvedOn = (placeId: string) => {
    let known = dissolved.get(placeId);
    if (!known) {
      known = dissolvedOnOf(placeId);
      known.catch(() => dissolved.delete(placeId));
      dissolved.set(placeId, known);
    }
    return known;
  };

  app.addHook('onRequest', async (req) => {
    // No route: the web app's pages and the not-found answer, which need nobody signed in.
    if (req.is404) return;
    const open = isPublic(req);
    // The public routes outside the API (documentation, the web app's files) need no session.
    if (open && !req.url.startsWith('/api/')) return;
    await loadSession(req, deps);
    if (open) return;
    if (!req.session) throw new UnauthorisedError('Sign in first: your session is missing or has expired.');
    // Provider staff see the provider portal and their own session, nothing else of the record.
    if (req.session.actor.role === 'provider_staff' && !portalOpen(req.routeOptions.url ?? '')) {
      throw new ForbiddenError('Provider staff use the provider portal: this part of the record is not open to a provider.', { portal: '/api/portal' });
    }
    if (safeMethods.has(req.method)) return;
    const lastDay = await dissolvedOn(req.session.place.id);
    if (lastDay !== null && lastDay < londonDateOf(deps.clock.now())) {
      throw new ConflictError(
        `${req.session.place.name} was dissolved on ${lastDay}: its records are kept read-only. They can be read and exported, but not changed.`,
        { dissolvedOn: lastDay },
      );
    }
  });
}
