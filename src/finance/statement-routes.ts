/**
 * The pool's statements over HTTP: the page asks for JSON; format=csv or xlsx answers the same
 * statement as a download named after the place, year and period. Read role; every read audited.
 */
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { InvalidError } from '../platform/errors.js';
import { financialYearOf } from '../platform/financial-year.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import { mustHoldRole } from './agreement-access.js';
import { annualReturnQuery, boardMonitoringQuery, quarterlyQuery, statementSchema, type StatementFormat } from './statement-api-schemas.js';
import { boardMonitoring } from './statement-board.js';
import type { Statement } from './statement-model.js';
import { statementCsv, statementXlsx } from './statement-render.js';
import { annualReturn, quarterlyStatement, type Quarter } from './statements.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The statement as JSON, or sent as a file (then the reply itself is answered). */
async function answer(ctx: Ctx, reply: FastifyReply, format: StatementFormat, make: (db: Executor, placeId: string) => Promise<Statement>): Promise<Statement> {
  await mustHoldRole(ctx, 'read', 'finance.statement_read', 'read the pool’s statements');
  const st = await auditedRead(ctx, async (db) => {
    const made = await make(db, ctx.actor.placeId);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.statement_read', personIds: [], detail: { statement: made.kind, financialYear: made.financialYear, from: made.period.from, to: made.period.to, format } });
    return made;
  });
  if (format === 'json') return st;
  reply.header('content-disposition', `attachment; filename="${st.fileStem}.${format}"`);
  if (format === 'csv') await reply.type('text/csv; charset=utf-8').send(statementCsv(st));
  else await reply.type(xlsxType).send(await statementXlsx(st));
  return reply as never;
}

const schemaOf = <Q extends typeof quarterlyQuery | typeof annualReturnQuery | typeof boardMonitoringQuery>(summary: string, querystring: Q) => ({
  tags: ['finance'],
  summary,
  description: 'format=json (default) answers the statement as data; format=csv or format=xlsx answers the same statement as a file to download.',
  querystring,
  produces: ['application/json', 'text/csv', xlsxType],
  response: { 200: statementSchema, ...errorResponses },
});

export async function statementRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get('/api/finance/statements/quarterly', { schema: schemaOf('The pooled fund manager’s quarterly statement to the partners', quarterlyQuery) }, async (req, reply) =>
    answer(ctxOf(req, deps), reply, req.query.format, (db, placeId) => quarterlyStatement(db, placeId, req.query.fy, req.query.quarter as Quarter)),
  );
  app.get('/api/finance/statements/annual-return', { schema: schemaOf('The annual return of the pool’s income and expenditure to the partners', annualReturnQuery) }, async (req, reply) =>
    answer(ctxOf(req, deps), reply, req.query.format, (db, placeId) => annualReturn(db, placeId, req.query.fy)),
  );
  app.get('/api/finance/statements/board-monitoring', { schema: schemaOf('The board’s budget monitoring report for a month, with RAG ratings', boardMonitoringQuery) }, async (req, reply) => {
    const { fy, month } = req.query;
    const ctx = ctxOf(req, deps);
    if (financialYearOf(`${month}-01`) !== fy) throw new InvalidError(`month ${month} is not in ${fy}: give a month from ${fy.slice(0, 4)}-04 to ${Number(fy.slice(0, 4)) + 1}-03.`, [{ field: 'month', problem: `must be a month of ${fy}` }]);
    return answer(ctx, reply, req.query.format, (db, placeId) => boardMonitoring(db, placeId, fy, month));
  });
}
