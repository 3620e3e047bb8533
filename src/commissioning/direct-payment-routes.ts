/** Direct payments over HTTP: set up and end (through the access policy), list, periods, returns of unspent money. */
import { errorResponses } from '../access/api-schemas.js';
import type { AppInstance } from '../platform/app-instance.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { createDirectPayment, endDirectPayment, getDirectPayment, listDirectPayments, makeDuePeriods, recordReturn } from './direct-payments.js';
import { directPaymentListSchema, directPaymentReturnSchema, directPaymentSchema, periodsMadeSchema } from './pay-run-api-schemas.js';
import { directPaymentReturnInput, endDirectPaymentInput, listQuery, newDirectPaymentInput, payRunParams, periodsUpToInput } from './pay-run-inputs.js';
import { mustHoldCommissioningRole } from './roles.js';

const tags = ['commissioning'];

export async function directPaymentRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/commissioning/direct-payments',
    {
      schema: {
        tags,
        summary: 'Set up a direct payment of a person’s personal budget, paid four-weekly (a practitioner with a relationship with the person)',
        body: newDirectPaymentInput,
        response: { 201: directPaymentSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const made = await createDirectPayment(ctxOf(req, deps), req.body);
      reply.code(201).header('location', `/api/commissioning/direct-payments/${made.id}`);
      return made;
    },
  );
  app.get('/api/commissioning/direct-payments', { schema: { tags, summary: 'Direct payments, newest first (no names: the person’s id only)', querystring: listQuery, response: { 200: directPaymentListSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'read', 'commissioning.direct_payment_list', 'read direct payments');
    return { directPayments: await listDirectPayments(ctx, req.query.limit) };
  });
  app.get('/api/commissioning/direct-payments/:id', { schema: { tags, summary: 'A direct payment, with what was paid and returned', params: payRunParams, response: { 200: directPaymentSchema, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req, deps);
    await mustHoldCommissioningRole(ctx, 'read', 'commissioning.direct_payment_read', 'read direct payments');
    return getDirectPayment(ctx, req.params.id);
  });
  app.post(
    '/api/commissioning/direct-payments/:id/end',
    { schema: { tags, summary: 'End a direct payment from a day (a practitioner with a relationship with the person); unpaid periods after it go', params: payRunParams, body: endDirectPaymentInput, response: { 200: directPaymentSchema, ...errorResponses } } },
    async (req) => endDirectPayment(ctxOf(req, deps), req.params.id, req.body.endsOn, req.body.version),
  );
  app.post(
    '/api/commissioning/direct-payments/periods',
    { schema: { tags, summary: 'Make every direct payment’s four-weekly periods up to a day (safe to run again)', body: periodsUpToInput, response: { 200: periodsMadeSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.direct_payment_periods', 'make direct-payment periods');
      return makeDuePeriods(ctx, req.body.upTo);
    },
  );
  app.post(
    '/api/commissioning/direct-payments/:id/returns',
    {
      schema: {
        tags,
        summary: 'Record unspent money returned from a direct payment: Dr POOL/BANK, Cr its budget line (actual spend falls)',
        params: payRunParams,
        body: directPaymentReturnInput,
        response: { 201: directPaymentReturnSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.direct_payment_return', 'record direct-payment returns');
      const made = await recordReturn(ctx, req.params.id, req.body);
      reply.code(201);
      return made;
    },
  );
}
