/**
 * The service directory as an Open Referral UK (HSDS 3.0) JSON API. Public information about
 * organisations: any signed-in staff role (and a partner system's integration account) may read
 * it, provider staff may not; every read is audited, naming no person.
 */
import type { Ctx } from '../access/actor.js';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../access/guard.js';
import type { AppInstance } from '../platform/app-instance.js';
import type { Executor } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { HSDS_PROFILE, HSDS_PROFILE_URL, HSDS_VERSION, directoryOrganization, directoryOrganizations, directoryService, directoryServices, pageOf } from './directory.js';
import { hsdsApiInfo, hsdsOrganizationWithServices, hsdsOrganizationsPage, hsdsService, hsdsServicesPage } from './directory-api-schemas.js';
import { idParams, organizationsQuery, servicesQuery } from './directory-inputs.js';

const tags = ['commissioning'];
const base = '/api/commissioning/directory';

async function directoryRead<T>(ctx: Ctx, action: string, read: (db: Executor, on: string) => Promise<{ value: T; detail: Record<string, unknown> }>): Promise<T> {
  if (ctx.actor.role === 'provider_staff') {
    await denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: 'The service directory is for the care trust’s staff; provider staff use the provider portal.' });
  }
  const now = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const { value, detail } = await read(db, londonDateOf(now));
    await auditAllowed(db, ctx.actor, now, { action, personIds: [], detail });
    return value;
  });
}

export async function directoryRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(`${base}/`, { schema: { tags, summary: 'The service directory API’s version: HSDS 3.0, Open Referral UK profile', response: { 200: hsdsApiInfo, ...errorResponses } } }, async (req) =>
    directoryRead(ctxOf(req, deps), 'commissioning.directory_read', async () => ({
      value: { version: HSDS_VERSION, profile: HSDS_PROFILE, profile_url: HSDS_PROFILE_URL, openapi_url: '/docs/json' },
      detail: { what: 'version' },
    })),
  );

  app.get(
    `${base}/services`,
    { schema: { tags, summary: 'Services of the directory (HSDS 3.0), paged; filter by text, taxonomy term or CLD service component, and zone', querystring: servicesQuery, response: { 200: hsdsServicesPage, ...errorResponses } } },
    async (req) => {
      const q = req.query;
      return directoryRead(ctxOf(req, deps), 'commissioning.directory_read', async (db, on) => {
        const all = await directoryServices(db, ctxOf(req, deps).actor.placeId, on, { text: q.text, taxonomyTermId: q.taxonomy_term_id, serviceComponent: q.service_component, zone: q.zone });
        const value = pageOf(all, q.page, q.per_page);
        return { value, detail: { what: 'services', page: q.page, totalItems: value.total_items, text: q.text ?? null, zone: q.zone ?? null } };
      });
    },
  );

  app.get(`${base}/services/:id`, { schema: { tags, summary: 'One service of the directory in full (HSDS 3.0): organization, service areas, contacts, phones', params: idParams, response: { 200: hsdsService, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    return directoryRead(ctx, 'commissioning.directory_read', async (db, on) => ({ value: await directoryService(db, ctx.actor.placeId, on, req.params.id), detail: { what: 'service', serviceId: req.params.id } }));
  });

  app.get(`${base}/organizations`, { schema: { tags, summary: 'Organizations of the directory (HSDS 3.0), paged: the place’s providers and voluntary partners', querystring: organizationsQuery, response: { 200: hsdsOrganizationsPage, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    return directoryRead(ctx, 'commissioning.directory_read', async (db, on) => {
      const value = pageOf(await directoryOrganizations(db, ctx.actor.placeId, on), req.query.page, req.query.per_page);
      return { value, detail: { what: 'organizations', page: req.query.page, totalItems: value.total_items } };
    });
  });

  app.get(`${base}/organizations/:id`, { schema: { tags, summary: 'One organization of the directory with its services (HSDS 3.0)', params: idParams, response: { 200: hsdsOrganizationWithServices, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    return directoryRead(ctx, 'commissioning.directory_read', async (db, on) => {
      return { value: await directoryOrganization(db, ctx.actor.placeId, on, req.params.id), detail: { what: 'organization', organizationId: req.params.id } };
    });
  });
}
