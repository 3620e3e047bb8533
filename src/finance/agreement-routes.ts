/**
 * The Section 75 agreement over HTTP: the agreement, its schedule versions by financial year,
 * contributions planned / varied / received, the risk-share preview and the outturn statement.
 * Thin: the services (agreement.ts, contributions.ts, contribution-receipts.ts, risk-share-outturn.ts)
 * check roles and audit every change; every read here is audited too.
 */
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import { versionFromIfMatch } from '../platform/http.js';
import { sumPence } from '../platform/money.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { mustHoldRole } from './agreement-access.js';
import { addScheduleVersion, agreementOf, agreementOn, createAgreement, currentSchedule, scheduleVersions } from './agreement.js';
import {
  agreementOnQuery,
  agreementOnSchema,
  agreementSchema,
  agreementWithYearsSchema,
  contributionsSchema,
  ifMatchHeaders,
  outturnSchema,
  receiptSchema,
  riskSharePreviewSchema,
  scheduleSchema,
  scheduleVersionBody,
  scheduleVersionsSchema,
  variationSchema,
} from './agreement-api-schemas.js';
import { newAgreementInput, receiptInput, riskPreviewQuery, variationInput, yearParams } from './agreement-inputs.js';
import { recordReceipt } from './contribution-receipts.js';
import { contributionsOf, movementsOf, recordVariation } from './contributions.js';
import { outturnStatement, riskSharePreview } from './risk-share-outturn.js';

const tags = ['finance'];

/** A read of the open book: readers only (refusals audited), and the read itself audited. */
async function openBookRead<T>(ctx: Ctx, action: string, read: (db: Executor) => Promise<{ value: T; detail: Record<string, unknown> }>): Promise<T> {
  await mustHoldRole(ctx, 'read', action, 'read the pool’s open book');
  const now = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const { value, detail } = await read(db);
    await auditAllowed(db, ctx.actor, now, { action, personIds: [], detail });
    return value;
  });
}

async function scheduleOrRefuse(db: Executor, placeId: string, fy: string) {
  const s = await currentSchedule(db, placeId, fy);
  if (!s) throw new NotFoundError(`The agreement has no schedule for ${fy}: the pooled fund manager records the year's schedule first.`);
  return s;
}

/** The version a new schedule version supersedes, from the body or If-Match (they must agree). */
function supersededVersion(body: number | undefined, header: string | undefined): number | null {
  const fromHeader = versionFromIfMatch(header);
  if (header !== undefined && fromHeader === null) throw new InvalidError('If-Match must be the version you are superseding, e.g. "1".', [{ field: 'If-Match', problem: 'is not a version number' }]);
  if (body !== undefined && fromHeader !== null && body !== fromHeader) {
    throw new InvalidError(`supersedesVersion says ${body} but If-Match says ${fromHeader}; send one, or both the same.`, [{ field: 'supersedesVersion', problem: `differs from If-Match (${fromHeader})` }]);
  }
  return body ?? fromHeader;
}

export async function agreementRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/finance/agreement',
    { schema: { tags, summary: 'The place’s Section 75 agreement and the financial years it has schedules for', response: { 200: agreementWithYearsSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      return openBookRead(ctx, 'finance.agreement_read', async (db) => {
        const a = await agreementOf(db, ctx.actor.placeId);
        if (!a) throw new NotFoundError('This place has no Section 75 agreement yet: the pooled fund manager records it (POST /api/finance/agreement).');
        return { value: a, detail: { agreementId: a.id } };
      });
    },
  );

  app.post(
    '/api/finance/agreement',
    {
      schema: {
        tags,
        summary: 'Record the place’s Section 75 agreement (pooled fund manager; once per place)',
        description: 'Functions must be delegated under an arrangement in force on signedOn and cover the client groups; 409 when the place already has its agreement.',
        body: newAgreementInput,
        response: { 201: agreementSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const a = await createAgreement(ctxOf(req, deps), req.body);
      reply.code(201).header('location', '/api/finance/agreement');
      return a;
    },
  );

  app.get(
    '/api/finance/agreement/on',
    { schema: { tags, summary: 'The agreement and the schedule in force on a day (the current version of its financial year)', querystring: agreementOnQuery, response: { 200: agreementOnSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { day } = req.query;
      return openBookRead(ctx, 'finance.agreement_read', async (db) => {
        const v = await agreementOn(db, ctx.actor.placeId, day);
        if (!v) throw new NotFoundError(`No Section 75 agreement and schedule were in force on ${day}.`);
        return { value: { day, ...v }, detail: { day, scheduleId: v.schedule.id } };
      });
    },
  );

  app.get(
    '/api/finance/years/:fy/schedule',
    { schema: { tags, summary: 'The current schedule version of a financial year (ETag: its version)', params: yearParams, response: { 200: scheduleSchema, ...errorResponses } } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const s = await openBookRead(ctx, 'finance.schedule_read', async (db) => {
        const value = await scheduleOrRefuse(db, ctx.actor.placeId, req.params.fy);
        return { value, detail: { financialYear: req.params.fy, scheduleId: value.id } };
      });
      reply.header('etag', `"${s.version}"`);
      return s;
    },
  );

  app.get(
    '/api/finance/years/:fy/schedule/versions',
    { schema: { tags, summary: 'Every schedule version of a financial year, oldest first; superseded ones with current false', params: yearParams, response: { 200: scheduleVersionsSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { fy } = req.params;
      return openBookRead(ctx, 'finance.schedule_read', async (db) => {
        const versions = (await scheduleVersions(db, ctx.actor.placeId, fy)).reverse();
        if (versions.length === 0) await scheduleOrRefuse(db, ctx.actor.placeId, fy);
        return { value: { financialYear: fy, versions }, detail: { financialYear: fy, versions: versions.length } };
      });
    },
  );

  app.post(
    '/api/finance/years/:fy/schedule',
    {
      schema: {
        tags,
        summary: 'Record a new schedule version of a financial year (pooled fund manager)',
        description:
          'Name the version it supersedes in supersedesVersion or If-Match (0 or nothing for a year’s first); 409 when another version was recorded meanwhile. A superseding version needs a reason; budgets must add up to the contributions.',
        params: yearParams,
        headers: ifMatchHeaders,
        body: scheduleVersionBody,
        response: { 201: scheduleSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { supersedesVersion, ...input } = req.body;
      const guard = { supersedesVersion: supersededVersion(supersedesVersion, req.headers['if-match']) };
      const s = await addScheduleVersion(ctxOf(req, deps), req.params.fy, input, guard);
      reply.code(201).header('location', `/api/finance/years/${req.params.fy}/schedule`).header('etag', `"${s.version}"`);
      return s;
    },
  );

  app.get(
    '/api/finance/years/:fy/contributions',
    { schema: { tags, summary: 'Contributions of a financial year by partner and funding stream: planned, varied in year and received, with the movements', params: yearParams, response: { 200: contributionsSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { fy } = req.params;
      return openBookRead(ctx, 'finance.contributions_read', async (db) => {
        const s = await scheduleOrRefuse(db, ctx.actor.placeId, fy);
        const [lines, movements] = await Promise.all([contributionsOf(db, ctx.actor.placeId, fy), movementsOf(db, ctx.actor.placeId, fy)]);
        const totals = {
          plannedPence: sumPence(lines.map((l) => l.plannedPence)),
          variationsPence: sumPence(lines.map((l) => l.variationsPence)),
          receivedPence: sumPence(lines.map((l) => l.receivedPence)),
        };
        return { value: { financialYear: fy, scheduleVersion: s.version, lines, totals, movements }, detail: { financialYear: fy, lines: lines.length } };
      });
    },
  );

  app.post(
    '/api/finance/years/:fy/variations',
    {
      schema: {
        tags,
        summary: 'Record an in-year variation of a partner’s contribution, with its reason and board decision (finance officer, pooled fund manager)',
        params: yearParams,
        body: variationInput,
        response: { 201: variationSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const v = await recordVariation(ctxOf(req, deps), req.params.fy, req.body);
      reply.code(201);
      return v;
    },
  );

  app.post(
    '/api/finance/years/:fy/receipts',
    {
      schema: {
        tags,
        summary: 'Record a contribution received and post it to the ledger (finance officer, pooled fund manager)',
        description: '201 when recorded; a receipt re-sent with the same reference answers 200 with alreadyRecorded true and posts nothing; the same reference with other figures is 409.',
        params: yearParams,
        body: receiptInput,
        response: { 200: receiptSchema, 201: receiptSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await recordReceipt(ctxOf(req, deps), req.params.fy, req.body);
      reply.code(r.alreadyRecorded ? 200 : 201);
      return r;
    },
  );

  app.get(
    '/api/finance/years/:fy/risk-share',
    { schema: { tags, summary: 'How an over- (positive) or underspend (negative) in pence would fall on each partner under the year’s rules', params: yearParams, querystring: riskPreviewQuery, response: { 200: riskSharePreviewSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { fy } = req.params;
      return openBookRead(ctx, 'finance.risk_share_read', async (db) => {
        const value = await riskSharePreview(db, ctx.actor.placeId, fy, req.query.variancePence);
        return { value, detail: { financialYear: fy, variancePence: value.variancePence } };
      });
    },
  );

  app.get(
    '/api/finance/years/:fy/outturn',
    { schema: { tags, summary: 'The year-end outturn statement: each line’s budget against its spend, and each partner’s share of the variance', params: yearParams, response: { 200: outturnSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { fy } = req.params;
      return openBookRead(ctx, 'finance.outturn_read', async (db) => {
        const value = await outturnStatement(db, ctx.actor.placeId, fy);
        return { value, detail: { financialYear: fy, variancePence: value.variancePence } };
      });
    },
  );
}
