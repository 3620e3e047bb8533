/**
 * Direct payments: a person's personal budget paid four-weekly by the pay runs, with returns of
 * unspent money. Setting one up or ending it is a decision about the person's care, so it goes
 * through the access policy (a practitioner with a legitimate relationship); finance roles list
 * them, make their periods and record returns without the person's details, audited with the
 * person's id (decision 0018).
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead, withPersonAccess } from '../access/guard.js';
import { budgetLineName } from '../finance/agreement-views.js';
import { parseBudgetLineCode } from '../finance/budget-lines.js';
import { ensureAccount, postJournal } from '../finance/ledger.js';
import { zonesOfPlace } from '../partnership/service.js';
import { linesForCommitment } from '../pathway/plans/finance-facts.js';
import { personForPolicy } from '../people/service.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import * as q from './direct-payment-queries.js';
import type { DirectPaymentReturnInput, NewDirectPayment } from './pay-run-inputs.js';
import { directPaymentReturns, directPayments } from './payment-schema.js';

export type DirectPaymentView = {
  id: string;
  personId: string;
  serviceLineId: string | null;
  budgetLineCode: string;
  fourWeeklyPence: number;
  startsOn: string;
  endsOn: string | null;
  status: string;
  version: number;
} & q.DirectPaymentFigures;

async function views(db: Executor, placeId: string, rows: q.DirectPaymentRow[]): Promise<DirectPaymentView[]> {
  const figures = await q.directPaymentFigures(db, placeId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    serviceLineId: r.serviceLineId,
    budgetLineCode: r.budgetLineCode,
    fourWeeklyPence: r.fourWeeklyPence,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status,
    version: r.version,
    ...(figures.get(r.id) ?? { periods: 0, paidPeriods: 0, paidPence: 0, returnedPence: 0, nextPeriodFrom: null }),
  }));
}

async function mustExist(db: Executor, placeId: string, id: string): Promise<q.DirectPaymentRow> {
  const row = await q.directPaymentById(db, placeId, id);
  if (!row) throw new NotFoundError('There is no direct payment with this id in this place.');
  return row;
}

async function ensureBudgetLine(tx: Executor, placeId: string, code: string): Promise<void> {
  const k = parseBudgetLineCode(code);
  if (!k) throw new InvalidError(`${code} is not a budget line of the pool.`, [{ field: 'budgetLineCode', problem: 'is not a known service area' }]);
  const zoneNames = new Map((await zonesOfPlace(tx, placeId)).map((z) => [z.code, z.name]));
  await ensureAccount(tx, placeId, { code, name: budgetLineName(code, zoneNames), kind: 'budget_line', serviceArea: k.serviceArea, clientGroup: k.clientGroup, zoneCode: k.zoneCode });
}

export async function createDirectPayment(ctx: Ctx, input: NewDirectPayment): Promise<DirectPaymentView> {
  const placeId = ctx.actor.placeId;
  if (!parseBudgetLineCode(input.budgetLineCode)) {
    throw new InvalidError(`${input.budgetLineCode} is not a budget line of the pool.`, [{ field: 'budgetLineCode', problem: 'is not a known service area' }]);
  }
  return withPersonAccess(
    ctx,
    'commissioning.direct_payment_create',
    (tx) => personForPolicy(tx, placeId, input.personId),
    async (tx, person, grant, at) => {
      if (input.serviceLineId) {
        const [line] = await linesForCommitment(tx, placeId, [input.serviceLineId]);
        if (!line || line.personId !== person.id) {
          throw new InvalidError('That service line is not one of this person’s.', [{ field: 'serviceLineId', problem: 'is not a service line of this person' }]);
        }
      }
      const id = newId();
      await tx.insert(directPayments).values({
        placeId,
        id,
        personId: person.id,
        serviceLineId: input.serviceLineId ?? null,
        budgetLineCode: input.budgetLineCode,
        fourWeeklyPence: input.fourWeeklyPence,
        startsOn: input.startsOn,
        status: 'active',
        createdAt: at,
        createdBy: ctx.actor.userId,
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.direct_payment_create', personIds: [person.id], detail: { directPaymentId: id, via: grant.kind, fourWeeklyPence: input.fourWeeklyPence } });
      return (await views(tx, placeId, [(await q.directPaymentById(tx, placeId, id))!]))[0]!;
    },
  );
}

export async function endDirectPayment(ctx: Ctx, id: string, endsOn: string, version: number): Promise<DirectPaymentView> {
  const placeId = ctx.actor.placeId;
  const row = await mustExist(ctx.db, placeId, id);
  return withPersonAccess(
    ctx,
    'commissioning.direct_payment_end',
    (tx) => personForPolicy(tx, placeId, row.personId),
    async (tx, person, grant, at) => {
      if (endsOn < row.startsOn) throw new InvalidError(`The payment starts on ${row.startsOn}: end it on that day or later.`, [{ field: 'endsOn', problem: 'is before the start' }]);
      if (!(await q.endDirectPayment(tx, placeId, id, endsOn, version))) {
        const now = await mustExist(tx, placeId, id);
        throw new ConflictError(now.status === 'ended' ? 'This direct payment has already ended.' : `Someone changed this direct payment (now version ${now.version}): reload it and try again.`, { version: now.version });
      }
      await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.direct_payment_end', personIds: [person.id], detail: { directPaymentId: id, endsOn, via: grant.kind } });
      return (await views(tx, placeId, [(await q.directPaymentById(tx, placeId, id))!]))[0]!;
    },
  );
}

export async function listDirectPayments(ctx: Ctx, limit: number): Promise<DirectPaymentView[]> {
  return auditedRead(ctx, async (db) => {
    const rows = await views(db, ctx.actor.placeId, await q.directPaymentList(db, ctx.actor.placeId, limit));
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.direct_payment_list', personIds: [...new Set(rows.map((r) => r.personId))], detail: { results: rows.length } });
    return rows;
  });
}

export async function getDirectPayment(ctx: Ctx, id: string): Promise<DirectPaymentView> {
  return auditedRead(ctx, async (db) => {
    const [view] = await views(db, ctx.actor.placeId, [await mustExist(db, ctx.actor.placeId, id)]);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.direct_payment_read', personIds: [view!.personId], detail: { directPaymentId: id } });
    return view!;
  });
}

/** Makes the four-weekly periods of every direct payment up to a day (safe to run again). */
export async function makeDuePeriods(ctx: Ctx, upTo: string): Promise<{ upTo: string; periodsMade: number }> {
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const periodsMade = await q.generateDuePeriods(tx, ctx.actor.placeId, upTo);
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.direct_payment_periods', personIds: [], detail: { upTo, periodsMade } });
    return { upTo, periodsMade };
  });
}

/**
 * Unspent money handed back: Dr POOL/BANK (it comes back to the pool's account), Cr the payment's
 * budget line (its actual spend falls), in one transaction with the return's record.
 */
export async function recordReturn(ctx: Ctx, id: string, input: DirectPaymentReturnInput): Promise<{ id: string; journalId: string; amountPence: number; receivedOn: string; reason: string; directPayment: DirectPaymentView }> {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const dp = await mustExist(tx, placeId, id);
    const figures = (await q.directPaymentFigures(tx, placeId, [id])).get(id)!;
    if (input.amountPence > figures.paidPence - figures.returnedPence) {
      throw new InvalidError(
        `Only ${figures.paidPence - figures.returnedPence} pence paid on this direct payment has not come back: a return cannot be more than that.`,
        [{ field: 'amountPence', problem: 'is more than was paid and not yet returned' }],
      );
    }
    await ensureBudgetLine(tx, placeId, dp.budgetLineCode);
    await ensureAccount(tx, placeId, { code: 'POOL/BANK', name: 'Pooled fund bank', kind: 'bank' });
    const returnId = newId();
    const { journalId } = await postJournal(tx, {
      placeId,
      postedOn: input.receivedOn,
      description: `Direct payment return: ${input.reason}`,
      idempotencyKey: `direct_payment_return:${returnId}`,
      source: { kind: 'direct_payment_return', ref: returnId },
      postedBy: ctx.actor.userId,
      lines: [
        { accountCode: 'POOL/BANK', amountPence: input.amountPence, memo: input.reason, trace: { personId: dp.personId, ...(dp.serviceLineId ? { serviceLineId: dp.serviceLineId } : {}) } },
        { accountCode: dp.budgetLineCode, amountPence: -input.amountPence, memo: input.reason, trace: { personId: dp.personId, ...(dp.serviceLineId ? { serviceLineId: dp.serviceLineId } : {}) } },
      ],
    });
    await tx.insert(directPaymentReturns).values({ placeId, id: returnId, directPaymentId: id, receivedOn: input.receivedOn, amountPence: input.amountPence, reason: input.reason, journalId, recordedAt: at, recordedBy: ctx.actor.userId });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.direct_payment_return', personIds: [dp.personId], detail: { directPaymentId: id, returnId, amountPence: input.amountPence, journalId } });
    const [view] = await views(tx, placeId, [dp]);
    return { id: returnId, journalId, amountPence: input.amountPence, receivedOn: input.receivedOn, reason: input.reason, directPayment: view! };
  });
}
