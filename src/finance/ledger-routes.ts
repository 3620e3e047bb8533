/**
 * The pool's ledger over HTTP: accounts, trial balance, an account's entries, a journal, manual
 * journals, reversals and the month-end close. Reads are for the open book's readers, postings for
 * finance officers and the pooled fund manager, the close for the pooled fund manager
 * (src/finance/roles.ts). Entries never carry the person they concern: a finance role reads
 * package lines, not whose they are.
 */
import type { AppInstance } from '../platform/app-instance.js';
import { errorResponses } from '../access/api-schemas.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import type { Executor } from '../platform/db.js';
import { InvalidError } from '../platform/errors.js';
import { financialYearOf } from '../platform/financial-year.js';
import { ctxOf, type AppDeps } from '../platform/request-context.js';
import type { Ctx } from '../access/actor.js';
import { mustHoldRole } from './agreement-access.js';
import * as s from './ledger-api-schemas.js';
import { heldLineCountsByMonth } from './gl-held.js';
import { closeMonth, monthStatus, nextMonthToClose } from './ledger-close.js';
import { postManualJournal } from './ledger-manual.js';
import { reverseJournal } from './ledger-reversal.js';
import { entriesOf, type Trace } from './ledger.js';
import { journalOf, ledgerAccountList, trialBalance } from './trial-balance.js';

const tags = ['finance'];

function withoutPerson(trace: Trace): Omit<Trace, 'personId'> {
  const { personId: _, ...rest } = trace;
  return rest;
}

/** A read of the ledger: the role may read the open book, and the read is audited. */
async function ledgerRead<T>(ctx: Ctx, action: string, detail: Record<string, unknown>, read: (db: Executor) => Promise<T>): Promise<T> {
  await mustHoldRole(ctx, 'read', action, 'read the pool’s ledger');
  return auditedRead(ctx, async (db) => {
    const result = await read(db);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action, personIds: [], detail });
    return result;
  });
}

export async function ledgerRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/finance/ledger/accounts',
    { schema: { tags, summary: 'The pool ledger’s accounts with their entries and balance to date', response: { 200: s.accountsSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      return ledgerRead(ctx, 'finance.ledger.accounts_read', {}, async (db) => ({ accounts: await ledgerAccountList(db, ctx.actor.placeId) }));
    },
  );

  app.get(
    '/api/finance/ledger/trial-balance',
    {
      schema: {
        tags,
        summary: 'Every account’s debits, credits and balance up to a day (all postings when to is absent); the balances sum to zero',
        querystring: s.trialBalanceQuery,
        response: { 200: s.trialBalanceSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const to = req.query.to;
      return ledgerRead(ctx, 'finance.ledger.trial_balance_read', { to: to ?? null }, (db) => trialBalance(db, ctx.actor.placeId, to ? { to } : {}));
    },
  );

  app.get(
    '/api/finance/ledger/accounts/:code/entries',
    {
      schema: {
        tags,
        summary: 'One account’s entries, oldest first, a page at a time (the code URL-encoded, e.g. POOL%2FBANK; pass nextAfter as after for the next page)',
        params: s.accountParams,
        querystring: s.entriesQuery,
        response: { 200: s.entriesSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const { code } = req.params;
      const { from, to, limit, after } = req.query;
      return ledgerRead(ctx, 'finance.ledger.entries_read', { accountCode: code, after: after ?? null }, async (db) => {
        const entries = await entriesOf(db, ctx.actor.placeId, { accountCode: code, limit, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(after ? { after } : {}) });
        return {
          accountCode: code,
          entries: entries.map((e) => ({ ...e, trace: withoutPerson(e.trace) })),
          nextAfter: entries.length === limit ? entries[entries.length - 1]!.entryId : null,
        };
      });
    },
  );

  app.get(
    '/api/finance/ledger/journals/:id',
    { schema: { tags, summary: 'One journal with its entries and its reversal links', params: s.journalParams, response: { 200: s.journalSchema, ...errorResponses } } },
    async (req) => {
      const ctx = ctxOf(req, deps);
      return ledgerRead(ctx, 'finance.ledger.journal_read', { journalId: req.params.id }, async (db) => {
        const j = await journalOf(db, ctx.actor.placeId, req.params.id);
        return { ...j, entries: j.entries.map((e) => ({ ...e, trace: withoutPerson(e.trace) })) };
      });
    },
  );

  app.post(
    '/api/finance/ledger/journals',
    {
      schema: {
        tags,
        summary: 'Posts a manual journal: balanced lines in whole pence (debit positive, credit negative) on known or budget-line accounts, with a reason; the Idempotency-Key header (or body idempotencyKey) makes a re-send post nothing twice',
        headers: s.idempotencyHeaders,
        body: s.manualJournalBody,
        response: { 200: s.postedSchema, 201: s.postedSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const header = req.headers['idempotency-key'];
      const fromHeader = typeof header === 'string' ? header.trim() : undefined;
      const fromBody = req.body.idempotencyKey;
      if (fromHeader && fromBody && fromHeader !== fromBody)
        throw new InvalidError('The Idempotency-Key header and the body’s idempotencyKey differ: send one key.', [{ field: 'idempotencyKey', problem: 'differs from the Idempotency-Key header' }]);
      const { idempotencyKey: _, ...body } = req.body;
      const posted = await postManualJournal(ctx, { ...body, idempotencyKey: fromHeader ?? fromBody ?? '' });
      reply.code(posted.alreadyPosted ? 200 : 201).header('location', `/api/finance/ledger/journals/${posted.journalId}`);
      return posted;
    },
  );

  app.post(
    '/api/finance/ledger/journals/:id/reversal',
    {
      schema: {
        tags,
        summary: 'Reverses a journal by its mirror, once, with a reason; dated postedOn, else as the journal or on the first open day after its closed month',
        params: s.journalParams,
        body: s.reversalBody,
        response: { 200: s.reversalSchema, 201: s.reversalSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await reverseJournal(ctx, req.params.id, req.body.postedOn ? { reason: req.body.reason, postedOn: req.body.postedOn } : { reason: req.body.reason });
      reply.code(r.alreadyPosted ? 200 : 201).header('location', `/api/finance/ledger/journals/${r.journalId}`);
      return r;
    },
  );

  app.get(
    '/api/finance/ledger/months',
    {
      schema: {
        tags,
        summary: 'Each month of a financial year (this year by default): open or closed, its journals and debits, and the month to close next',
        querystring: s.monthsQuery,
        response: { 200: s.monthsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req, deps);
      const fy = req.query.fy ?? financialYearOf(londonDateOf(ctx.clock.now()));
      return ledgerRead(ctx, 'finance.ledger.months_read', { financialYear: fy }, async (db) => ({
        financialYear: fy,
        nextToClose: await nextMonthToClose(db, ctx.actor.placeId),
        months: await monthStatus(db, ctx.actor.placeId, fy, new Map((await heldLineCountsByMonth(db, ctx.actor.placeId, fy)).map((h) => [h.month, h.lines]))),
      }));
    },
  );

  app.post(
    '/api/finance/ledger/months/:month/close',
    {
      schema: {
        tags,
        summary: 'Closes a month that has ended (the pooled fund manager); months close in order and are never reopened',
        params: s.monthParams,
        response: { 200: s.closedMonthSchema, ...errorResponses },
      },
    },
    async (req) => closeMonth(ctxOf(req, deps), req.params.month),
  );
}
