/** Providers, contracts and rate cards (issue #15): parse, call the services, shape. */
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { InvalidError } from '../platform/errors.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { contractsSchema, contractWithRatesSchema, ifMatchHeaders, providerSchema, providersSchema, rateChangeSchema, upliftSchema } from './provider-api-schemas.js';
import { contractListQuery, endContractInput, idParams, newContractInput, newProviderInput, newRateInput, profileChangeInput, providerListQuery, upliftInput } from './provider-inputs.js';
import { createProvider, getProvider, listProviders, updateProviderProfile } from './provider-service.js';
import { createContract, endContract, getContract, listContracts } from './contract-service.js';
import { addRate, applyUplift } from './rate-service.js';
import { registerContractPricing } from './pricing.js';

const tags = ['commissioning'];

/** The version a change is made at: the body's version, else If-Match ("3" or W/"3"). */
function versionOf(body: number | undefined, ifMatch: string | undefined): number {
  if (body !== undefined) return body;
  const m = ifMatch ? /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim()) : null;
  if (!m) throw new InvalidError('Say which version of the profile you are changing: send version in the body or an If-Match header.', [{ field: 'version', problem: 'is required (or If-Match)' }]);
  return Number(m[1]);
}

export async function providerRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // New service lines take the contract rate in force at their start (pathway/plans/line-pricing.ts).
  registerContractPricing();

  app.get(
    '/api/commissioning/providers',
    { schema: { tags, summary: 'The place’s providers with their profiles (bank details masked), by service component or zone', querystring: providerListQuery, response: { 200: providersSchema, ...errorResponses } } },
    async (req) => ({ providers: await listProviders(ctxOf(req, deps), req.query) }),
  );

  app.get(
    '/api/commissioning/providers/:id',
    { schema: { tags, summary: 'One provider’s profile (bank details masked); ETag is its version', params: idParams, response: { 200: providerSchema, ...errorResponses } } },
    async (req, reply) => {
      const p = await getProvider(ctxOf(req, deps), req.params.id);
      reply.header('etag', `"${p.version}"`);
      return p;
    },
  );

  app.post(
    '/api/commissioning/providers',
    { schema: { tags, summary: 'Add a provider: a partner of kind provider (or voluntary, NHS trust) and its profile', body: newProviderInput, response: { 201: providerSchema, ...errorResponses } } },
    async (req, reply) => {
      const p = await createProvider(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/commissioning/providers/${p.partnerId}`).header('etag', `"${p.version}"`);
      return p;
    },
  );

  app.patch(
    '/api/commissioning/providers/:id',
    {
      schema: {
        tags,
        summary: 'Change a provider’s profile at the version read (body version or If-Match); 409 when it changed since',
        params: idParams,
        headers: ifMatchHeaders,
        body: profileChangeInput,
        response: { 200: providerSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = await updateProviderProfile(ctxOf(req, deps), req.params.id, req.body, versionOf(req.body.version, req.headers['if-match']));
      reply.header('etag', `"${p.version}"`);
      return p;
    },
  );

  app.get(
    '/api/commissioning/contracts',
    { schema: { tags, summary: 'Contracts, of one provider or all', querystring: contractListQuery, response: { 200: contractsSchema, ...errorResponses } } },
    async (req) => ({ contracts: await listContracts(ctxOf(req, deps), req.query.providerPartnerId) }),
  );

  app.get(
    '/api/commissioning/contracts/:id',
    { schema: { tags, summary: 'A contract with its rate history', params: idParams, response: { 200: contractWithRatesSchema, ...errorResponses } } },
    async (req) => getContract(ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/commissioning/contracts',
    {
      schema: {
        tags,
        summary: 'Make a contract (block, spot, framework, or a call-off under a framework) paid from a budget line of the place',
        body: newContractInput,
        response: { 201: contractWithRatesSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const c = await createContract(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/commissioning/contracts/${c.id}`);
      return c;
    },
  );

  app.post(
    '/api/commissioning/contracts/:id/end',
    { schema: { tags, summary: 'End a contract on a day (kept, with its rates)', params: idParams, body: endContractInput, response: { 200: contractWithRatesSchema, ...errorResponses } } },
    async (req) => endContract(ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/commissioning/contracts/:id/rates',
    {
      schema: {
        tags,
        summary: 'A new rate from a day: ends the rate before it the day before, and re-prices the live lines priced from it as new versions',
        description: 'effectiveFrom is required. Answers how many approved or in-place lines were re-priced (repricedLines).',
        params: idParams,
        body: newRateInput,
        response: { 201: rateChangeSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const change = await addRate(ctxOf(req, deps), req.params.id, req.body);
      reply.code(201);
      return change;
    },
  );

  app.post(
    '/api/commissioning/contracts/:id/uplift',
    {
      schema: {
        tags,
        summary: 'Apply the contract’s annual uplift from an anniversary of its start: a new rate row for each rate in force (rounded half up to the penny)',
        params: idParams,
        body: upliftInput,
        response: { 201: upliftSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const result = await applyUplift(ctxOf(req, deps), req.params.id, req.body.from);
      reply.code(201);
      return result;
    },
  );
}

