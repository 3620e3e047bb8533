import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { AppInstance } from './platform/app-instance.js';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessRoutes } from './access/routes.js';
import { commissioningRoutes } from './commissioning/routes.js';
import { flowRoutes } from './flow/routes.js';
import { agreementRoutes } from './finance/agreement-routes.js';
import { forecastRoutes } from './finance/forecast-routes.js';
import { glRoutes } from './finance/gl-routes.js';
import { poolRoutes } from './finance/pool-routes.js';
import { statementRoutes } from './finance/statement-routes.js';
import { ledgerRoutes } from './finance/ledger-routes.js';
import { partnershipRoutes } from './partnership/routes.js';
import { pathwayRoutes } from './pathway/routes.js';
import { peopleRoutes } from './people/routes.js';
import { reportingRoutes } from './reporting/routes.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db.js';
import { installErrorHandling } from './platform/http.js';
import { installRequestGuards, publicRoutes } from './platform/request-guards.js';
import { placeDissolvedOn } from './partnership/service.js';
import { SessionCache } from './access/session-cache.js';

export type { AppInstance };

export type AppOptions = {
  database: Database;
  clock: Clock;
  /** The place this server answers for in /health and signs users into by default. */
  place: string;
  sessionHours?: number;
  /** How long a resolved session is reused without asking the database (0 = never); see SessionCache. */
  sessionCacheSeconds?: number;
  secureCookies?: boolean;
  /** Sign-in attempts per minute from one address. */
  signInLimit?: number;
  logger?: boolean;
  /** Folder of the built web app; served at / when it exists. */
  webRoot?: string;
};

export const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export async function buildApp(opts: AppOptions): Promise<AppInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  // Security headers on every answer. Helmet's middleware is built once here and run as a hook:
  // the Fastify plugin built it again for every request, a few per cent of a look-up's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  // Declared before any route, so that every route after it is seen: public ones are marked so in
  // the OpenAPI document; all others need a session (request-guards.ts).
  const { registerPublic } = publicRoutes(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Caretrust API',
        description:
          'One record, one front door, one assessment. Sign in with POST /api/session; send the csrfToken it returns as the x-csrf-token header on every change. Errors are JSON {error, message, details[{field, problem}]}.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'caretrust_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await registerPublic(() => app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false }));

  const deps = { db: opts.database.db, clock: opts.clock, sessions: new SessionCache(opts.sessionCacheSeconds) };
  // Authentication, then a dissolved place's read-only rule, before any route validates its input.
  installRequestGuards(app, deps, (placeId) => placeDissolvedOn(deps.db, placeId));

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['service'],
        summary: 'Is the service up, on which database, for which place',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), place: z.string() }) },
      },
    },
    async () => {
      await opts.database.db.execute('select 1');
      return { status: 'ok' as const, database: opts.database.kind, place: opts.place };
    },
  );

  await accessRoutes(app, {
    ...deps,
    defaultPlace: opts.place,
    sessionHours: opts.sessionHours ?? 8,
    secureCookies: opts.secureCookies ?? false,
    signInLimit: opts.signInLimit ?? 10,
  });
  await peopleRoutes(app, deps);
  await partnershipRoutes(app, deps);
  await pathwayRoutes(app, deps);
  await flowRoutes(app, deps);
  await forecastRoutes(app, deps);
  await glRoutes(app, deps);
  await poolRoutes(app, deps);
  await statementRoutes(app, deps);
  await ledgerRoutes(app, deps);
  await agreementRoutes(app, deps);
  await commissioningRoutes(app, deps);
  await reportingRoutes(app, deps);

  const webRoot = opts.webRoot ?? defaultWebRoot;
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await registerPublic(() => app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false }));
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/docs') || req.url === '/health';
    if (hasWeb && req.method === 'GET' && !isApi) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send({ error: 'not_found', message: `There is nothing at ${req.method} ${req.url.split('?')[0]}.`, details: [] });
  });
  return app;
}
