/** The pooled budget's open book over HTTP: the dashboard, a line's drill-down, the forecast's history and the variance commentary. */
import type { AppInstance } from '../platform/app-instance.js';
import type { Ctx } from '../access/actor.js';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import { together } from '../platform/in-turn.js';
import { financialYearBounds, financialYearOf } from '../platform/financial-year.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { mustHoldRole } from './agreement-access.js';
import { contributionsOf, type ContributionLine } from './contributions.js';
import { checkDayInYear, monthlySpend, poolForecast } from './forecast.js';
import { addComment, commentary, forecastHistory, monthsTaken, poolTotalCode, takeSnapshot } from './pool-history.js';
import { checkLineCode, lineDrillDown } from './pool-line.js';
import * as s from './pool-api-schemas.js';

const readWhat = 'read the pool’s open book';

/** The year asked for (else today's) and the day in it (else today, kept within the year). */
export function yearAndDay(ctx: Ctx, q: { fy?: string; on?: string }): { fy: string; on: string } {
  const today = londonDateOf(ctx.clock.now());
  const fy = q.fy ?? financialYearOf(q.on ?? today);
  const { from, to } = financialYearBounds(fy);
  const on = q.on ?? (today < from ? from : today > to ? to : today);
  checkDayInYear(fy, on);
  return { fy, on };
}

function byPartner(lines: ContributionLine[]) {
  const out = new Map<string, { partnerId: string; partnerName: string; plannedPence: number; variationsPence: number; receivedPence: number; streams: { stream: string; plannedPence: number; variationsPence: number; receivedPence: number }[] }>();
  for (const l of lines) {
    const p = out.get(l.partnerId) ?? { partnerId: l.partnerId, partnerName: l.partnerName, plannedPence: 0, variationsPence: 0, receivedPence: 0, streams: [] };
    p.plannedPence += l.plannedPence;
    p.variationsPence += l.variationsPence;
    p.receivedPence += l.receivedPence;
    p.streams.push({ stream: l.stream, plannedPence: l.plannedPence, variationsPence: l.variationsPence, receivedPence: l.receivedPence });
    out.set(l.partnerId, p);
  }
  return [...out.values()].sort((a, b) => b.plannedPence - a.plannedPence || a.partnerName.localeCompare(b.partnerName));
}

export async function poolRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/finance/pool',
    { schema: { tags: ['finance'], summary: 'The pool dashboard: forecast outturn by budget line and for the pool, contributions by partner, spend by client group and zone by month', querystring: s.poolQuery, response: { 200: s.poolSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldRole(ctx, 'read', 'finance.pool_read', readWhat);
      const { fy, on } = yearAndDay(ctx, req.query);
      return auditedRead(ctx, async (db) => {
        const placeId = ctx.actor.placeId;
        const [forecast, contributions, spend, taken] = await together(db, [() => poolForecast(db, placeId, fy, on), () => contributionsOf(db, placeId, fy), () => monthlySpend(db, placeId, fy), () => monthsTaken(db, placeId, fy)]);
        await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.pool_read', personIds: [], detail: { financialYear: fy, on, budgetLines: forecast.lines.length } });
        return { financialYear: fy, on, totals: forecast.totals, lines: forecast.lines, contributions: byPartner(contributions), spend, monthsTaken: taken };
      });
    },
  );

  app.get(
    '/api/finance/pool/lines/:code',
    {
      schema: {
        tags: ['finance'],
        summary: 'A budget line’s drill-down: its forecast, monthly actuals, postings (a page at a time: after = nextAfter) and package lines (no names unless the access policy allows), history and commentary',
        params: s.lineParams,
        querystring: s.lineQuery,
        response: { 200: s.lineSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldRole(ctx, 'read', 'finance.pool_line_read', readWhat);
      checkLineCode(req.params.code);
      const { fy, on } = yearAndDay(ctx, req.query);
      return auditedRead(ctx, async (db) => {
        const placeId = ctx.actor.placeId;
        const [d, history, comments] = await together(db, [
          () => lineDrillDown(db, ctx, { fy, on, code: req.params.code, limit: req.query.limit, after: req.query.after }),
          () => forecastHistory(db, placeId, fy, req.params.code),
          () => commentary(db, placeId, fy, { code: req.params.code }),
        ]);
        await auditAllowed(db, ctx.actor, ctx.clock.now(), {
          action: 'finance.pool_line_read',
          personIds: d.personIdsShown,
          detail: { financialYear: fy, on, code: req.params.code, postings: d.postings.entries.length, packageLines: d.packageLines.length },
        });
        const { personIdsShown: _, ...body } = d;
        return { ...body, history, comments };
      });
    },
  );

  app.get(
    '/api/finance/pool/history',
    { schema: { tags: ['finance'], summary: 'The forecast month by month as taken at each month’s close, of one budget line or (without code) of the pool', querystring: s.historyQuery, response: { 200: s.historySchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldRole(ctx, 'read', 'finance.pool_history_read', readWhat);
      if (req.query.code) checkLineCode(req.query.code);
      const { fy } = yearAndDay(ctx, { fy: req.query.fy });
      const code = req.query.code ?? poolTotalCode;
      return auditedRead(ctx, async (db) => {
        const snapshots = await forecastHistory(db, ctx.actor.placeId, fy, code);
        await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.pool_history_read', personIds: [], detail: { financialYear: fy, code, months: snapshots.length } });
        return { financialYear: fy, code, snapshots };
      });
    },
  );

  app.post(
    '/api/finance/pool/snapshots',
    { schema: { tags: ['finance'], summary: 'Takes a month’s forecast (as at its last day) into the history, once per month; month close takes it', body: s.snapshotBody, response: { 201: s.snapshotTakenSchema, ...errorResponses } } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const rows = await takeSnapshot(ctx, req.body.month, londonDateOf(ctx.clock.now()));
      const totals = rows.find((r) => r.code === poolTotalCode)!;
      reply.code(201);
      return { month: req.body.month, takenAt: totals.takenAt, lines: rows.length - 1, totals };
    },
  );

  app.get(
    '/api/finance/pool/commentary',
    { schema: { tags: ['finance'], summary: 'Variance commentary of the year, of a month and a line when given, newest first; superseded comments are kept and marked', querystring: s.commentaryQuery, response: { 200: s.commentaryListSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      await mustHoldRole(ctx, 'read', 'finance.variance_comment_read', readWhat);
      if (req.query.code) checkLineCode(req.query.code);
      const fy = req.query.fy ?? (req.query.month ? financialYearOf(`${req.query.month}-01`) : yearAndDay(ctx, {}).fy);
      if (req.query.month) checkDayInYear(fy, `${req.query.month}-01`, 'month');
      return auditedRead(ctx, async (db) => {
        const comments = await commentary(db, ctx.actor.placeId, fy, { month: req.query.month, code: req.query.code });
        await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.variance_comment_read', personIds: [], detail: { financialYear: fy, month: req.query.month, code: req.query.code, comments: comments.length } });
        return { financialYear: fy, comments };
      });
    },
  );

  app.post(
    '/api/finance/pool/commentary',
    { schema: { tags: ['finance'], summary: 'Comments on a budget line’s variance in a month; a new comment supersedes the standing one, which stays readable', body: s.commentBody, response: { 201: s.commentSchema, ...errorResponses } } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const comment = await addComment(ctx, req.body);
      reply.code(201);
      return comment;
    },
  );
}
