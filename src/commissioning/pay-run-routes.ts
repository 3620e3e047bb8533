/** Pay runs over HTTP (issue #15): draft, read, approve, export, post, cancel; remittances and direct payments beside them. */
import { z } from 'zod';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { AppInstance } from '../platform/app-instance.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { directPaymentRoutes } from './direct-payment-routes.js';
import { payRunLinesSchema, payRunListSchema, payRunSchema } from './pay-run-api-schemas.js';
import { linesQuery, listQuery, newPayRunInput, payRunParams } from './pay-run-inputs.js';
import { exportPayRun, postPayRun } from './pay-run-post.js';
import { runLines } from './pay-run-queries.js';
import { approvePayRun, cancelPayRun, draftPayRun, getPayRun, listPayRuns, loadRun } from './pay-runs.js';
import { remittanceRoutes } from './remittance-routes.js';
import { mustHoldCommissioningRole } from './roles.js';

const tags = ['commissioning'];

export async function payRunRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.post(
    '/api/commissioning/pay-runs',
    {
      schema: {
        tags,
        summary: 'Draft a pay run: every approved, unpaid invoice line with a period ending by periodTo and every direct-payment period due by then',
        body: newPayRunInput,
        response: { 201: payRunSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.pay_run_draft', 'prepare pay runs');
      const run = await draftPayRun(ctx, req.body);
      reply.code(201).header('location', `/api/commissioning/pay-runs/${run.id}`);
      return run;
    },
  );

  app.get(
    '/api/commissioning/pay-runs',
    { schema: { tags, summary: 'Pay runs, newest first', querystring: listQuery, response: { 200: payRunListSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.pay_run_list', 'read pay runs');
      return { payRuns: await listPayRuns(ctx, req.query.limit) };
    },
  );

  app.get(
    '/api/commissioning/pay-runs/:id',
    { schema: { tags, summary: 'A pay run: its payees with their totals, its totals by budget line, and whether you may approve it', params: payRunParams, response: { 200: payRunSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.pay_run_read', 'read pay runs');
      return getPayRun(ctx, req.params.id);
    },
  );

  app.get(
    '/api/commissioning/pay-runs/:id/lines',
    {
      schema: {
        tags,
        summary: 'A pay run’s lines (invoice reference and line, package reference, period, amount), one payee’s or all, a page at a time (after = nextAfter)',
        params: payRunParams,
        querystring: linesQuery,
        response: { 200: payRunLinesSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.pay_run_read', 'read pay runs');
      const { payee, after, limit } = req.query;
      return auditedRead(ctx, async (db) => {
        await loadRun(db, ctx.actor.placeId, req.params.id);
        const rows = await runLines(db, ctx.actor.placeId, req.params.id, { providerPartnerId: payee === undefined ? undefined : payee === 'direct_payments' ? null : payee, after, limit });
        await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.pay_run_lines_read', personIds: [], detail: { payRunId: req.params.id, payee: payee ?? null, results: rows.length } });
        return {
          lines: rows.map((r) => ({
            id: r.id,
            providerPartnerId: r.providerPartnerId,
            invoiceReference: r.invoiceReference,
            lineNo: r.lineNo,
            packageReference: r.lineReference ?? r.serviceLineId,
            periodFrom: r.periodFrom,
            periodTo: r.periodTo,
            budgetLineCode: r.budgetLineCode,
            amountPence: r.amountPence,
          })),
          nextAfter: rows.length === limit ? rows[rows.length - 1]!.id : null,
        };
      });
    },
  );

  app.post(
    '/api/commissioning/pay-runs/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a draft pay run (never by the person who prepared it: 403)',
        params: payRunParams,
        body: z.strictObject({}).optional(),
        response: { 200: payRunSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'approvePay', 'commissioning.pay_run_approve', 'approve pay runs');
      return approvePayRun(ctx, req.params.id);
    },
  );

  app.post(
    '/api/commissioning/pay-runs/:id/export',
    {
      schema: {
        tags,
        summary: 'The CSV for the paying partner’s finance system (payee, bank details in full, amount, remittance reference, cost code); the first export moves an approved run to exported. Audited.',
        params: payRunParams,
        produces: ['text/csv'],
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.pay_run_export', 'export pay runs');
      const file = await exportPayRun(ctx, req.params.id);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store');
      await reply.type('text/csv; charset=utf-8').send(file.csv as never);
      return reply;
    },
  );

  app.post(
    '/api/commissioning/pay-runs/:id/post',
    {
      schema: {
        tags,
        summary: 'Post an approved or exported pay run to the pooled ledger, as actual spend, in one transaction with marking its invoice lines paid',
        params: payRunParams,
        response: { 200: payRunSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.pay_run_post', 'post pay runs');
      return postPayRun(ctx, req.params.id);
    },
  );

  app.post(
    '/api/commissioning/pay-runs/:id/cancel',
    { schema: { tags, summary: 'Cancel a draft or approved pay run, freeing its lines for the next run', params: payRunParams, response: { 200: payRunSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.pay_run_cancel', 'cancel pay runs');
      return cancelPayRun(ctx, req.params.id);
    },
  );

  await remittanceRoutes(app, deps);
  await directPaymentRoutes(app, deps);
}
