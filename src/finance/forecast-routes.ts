import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import { financialYearOf } from '../platform/financial-year.js';
import { sumPence } from '../platform/money.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { onServiceLineChange } from '../pathway/plans/line-events.js';
import { mustHoldRole } from './agreement-access.js';
import { commitmentOfLineChanged, commitmentsByLine } from './commitments.js';
import { commitmentsByLineSchema, commitmentsQuery } from './forecast-api-schemas.js';

export async function forecastRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  // Each service line's step rewrites its commitment in the step's transaction (commitments.ts).
  onServiceLineChange('finance.commitments', commitmentOfLineChanged);
  app.get(
    '/api/finance/commitments',
    {
      schema: {
        tags: ['finance'],
        summary: 'Commitments from care packages by budget line, as at a day (today by default), to the end of its financial year',
        querystring: commitmentsQuery,
        response: { 200: commitmentsByLineSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldRole(ctx, 'read', 'finance.commitments_read', 'read the pool’s open book');
      const now = ctx.clock.now();
      const on = req.query.on ?? londonDateOf(now);
      return auditedRead(ctx, async (db) => {
        const lines = await commitmentsByLine(db, ctx.actor.placeId, on);
        await auditAllowed(db, ctx.actor, now, { action: 'finance.commitments_read', personIds: [], detail: { on, budgetLines: lines.length } });
        return { on, financialYear: financialYearOf(on), lines, totalPence: sumPence(lines.map((l) => l.commitmentPence)) };
      });
    },
  );
}
