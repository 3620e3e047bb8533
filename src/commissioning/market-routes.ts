import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { inHouseComparison } from './in-house-comparison.js';
import { marketView } from './market.js';
import { inHouseComparisonSchema, marketViewSchema, utilisationSchema } from './market-api-schemas.js';
import { marketCsv } from './market-csv.js';
import { marketQuery, marketRangeQuery, monthRange, utilisationQuery } from './market-inputs.js';
import { contractUtilisation } from './market-utilisation.js';
import { mustHoldCommissioningRole } from './roles.js';

const tags = ['commissioning'];

/** The market view (issue #15): aggregates only, no person's name or record leaves these routes. */
export async function marketRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/commissioning/market',
    {
      schema: {
        tags,
        summary: 'Spend, hours and price per hour by provider, service or zone, month by month (counts of packages and people, never names)',
        querystring: marketQuery,
        response: { 200: marketViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.market_read', 'read the market view');
      const now = ctx.clock.now();
      const range = monthRange(req.query, now);
      return auditedRead(ctx, async (db) => {
        const view = await marketView(db, ctx.actor.placeId, { ...range, by: req.query.by });
        await auditAllowed(db, ctx.actor, now, { action: 'commissioning.market_read', personIds: [], detail: { ...range, by: req.query.by, groups: view.groups.length } });
        return view;
      });
    },
  );

  app.get(
    '/api/commissioning/market.csv',
    {
      schema: {
        tags,
        summary: 'The market view’s table for one grouping as CSV (the table beside its chart)',
        querystring: marketQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.market_export', 'download the market view');
      const now = ctx.clock.now();
      const range = monthRange(req.query, now);
      const text = await auditedRead(ctx, async (db) => {
        const view = await marketView(db, ctx.actor.placeId, { ...range, by: req.query.by });
        await auditAllowed(db, ctx.actor, now, { action: 'commissioning.market_export', personIds: [], detail: { ...range, by: req.query.by, rows: view.rows.length } });
        return marketCsv(view);
      });
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="market-by-${req.query.by}-${range.from}-to-${range.to}.csv"`);
      return text;
    },
  );

  app.get(
    '/api/commissioning/market/utilisation',
    {
      schema: {
        tags,
        summary: 'Contract utilisation: block units bought against the units of lines placed on them, and spend to date, per contract',
        querystring: utilisationQuery,
        response: { 200: utilisationSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.utilisation_read', 'read contract utilisation');
      const now = ctx.clock.now();
      const on = req.query.on ?? londonDateOf(now);
      return auditedRead(ctx, async (db) => {
        const list = await contractUtilisation(db, ctx.actor.placeId, on);
        await auditAllowed(db, ctx.actor, now, { action: 'commissioning.utilisation_read', personIds: [], detail: { on, contracts: list.length } });
        return { on, contracts: list };
      });
    },
  );

  app.get(
    '/api/commissioning/market/in-house-comparison',
    {
      schema: {
        tags,
        summary: 'The cost of an hour of in-house (NHS-employed) home care, with its build-up, against commissioned home-care rates, month by month',
        querystring: marketRangeQuery,
        response: { 200: inHouseComparisonSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldCommissioningRole(ctx, 'read', 'commissioning.in_house_read', 'read the in-house comparison');
      const now = ctx.clock.now();
      const range = monthRange(req.query, now);
      return auditedRead(ctx, async (db) => {
        const comparison = await inHouseComparison(db, ctx.actor.placeId, range);
        await auditAllowed(db, ctx.actor, now, { action: 'commissioning.in_house_read', personIds: [], detail: { ...range } });
        return comparison;
      });
    },
  );
}
