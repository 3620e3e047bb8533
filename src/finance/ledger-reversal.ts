/**
 * Correcting the ledger: entries are never changed, a journal is reversed by its mirror (every
 * line's sign turned), posted once (idempotency key `reversal:<journalId>`). A reversal itself
 * is not reversed (post a new journal instead). With no day given the mirror is dated as the
 * journal, or on the first day of the first open month after it when its month is closed; a day
 * given in a closed month is refused (docs/decisions/0011-pool-ledger.md).
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { isIsoDate } from '../platform/dates.js';
import { rowsOf, sql } from '../platform/db.js';
import { ConflictError, InvalidError } from '../platform/errors.js';
import { mustHoldRole } from './agreement-access.js';
import { closedMonths, firstOpenDayFrom } from './ledger-close.js';
import { postJournal } from './ledger.js';
import { journalOf } from './trial-balance.js';

export type ReversalInput = { reason: string; postedOn?: string };

export type ReversalResult = { journalId: string; reversesJournalId: string; postedOn: string; alreadyPosted: boolean };

export async function reverseJournal(ctx: Ctx, journalId: string, input: ReversalInput): Promise<ReversalResult> {
  await mustHoldRole(ctx, 'post', 'finance.ledger.reversal', 'reverse a journal');
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw new InvalidError('Give the reason for the reversal.', [{ field: 'reason', problem: 'required' }]);
  if (input.postedOn !== undefined && !isIsoDate(input.postedOn)) throw new InvalidError('Give postedOn as YYYY-MM-DD.', [{ field: 'postedOn', problem: 'not a date' }]);
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const original = await journalOf(tx, placeId, journalId);
    if (original.reversesJournalId)
      throw new ConflictError(`Journal ${journalId} is itself a reversal (of journal ${original.reversesJournalId}), and a reversal is not reversed: post a new journal for the amounts instead.`, {
        reversesJournalId: original.reversesJournalId,
      });
    const at = ctx.clock.now();
    if (original.reversedByJournalId) {
      const [earlier] = await rowsOf<{ posted_on: string }>(tx, sql`select posted_on from ledger_journal where place_id = ${placeId} and id = ${original.reversedByJournalId}`);
      await auditAllowed(tx, ctx.actor, at, { action: 'finance.ledger.reversal', personIds: [], detail: { journalId, reversalJournalId: original.reversedByJournalId, alreadyPosted: true } });
      return { journalId: original.reversedByJournalId, reversesJournalId: journalId, postedOn: String(earlier!.posted_on), alreadyPosted: true };
    }
    let postedOn: string;
    if (input.postedOn !== undefined) {
      if (input.postedOn < original.postedOn)
        throw new InvalidError(`A reversal cannot be dated before the journal it reverses (${original.postedOn}).`, [{ field: 'postedOn', problem: `before ${original.postedOn}` }]);
      const month = input.postedOn.slice(0, 7);
      if ((await closedMonths(tx, placeId)).some((c) => c.month === month)) {
        const open = await firstOpenDayFrom(tx, placeId, input.postedOn);
        throw new ConflictError(`Month ${month} is closed: date the reversal in an open month (the first open day after it is ${open}), or leave postedOn out.`, { firstOpenDay: open });
      }
      postedOn = input.postedOn;
    } else {
      postedOn = await firstOpenDayFrom(tx, placeId, original.postedOn);
    }
    const posted = await postJournal(tx, {
      placeId,
      postedOn,
      description: `Reversal of: ${original.description}`,
      idempotencyKey: `reversal:${journalId}`,
      source: { kind: 'reversal', ref: journalId },
      postedBy: ctx.actor.userId,
      reversesJournalId: journalId,
      reason,
      lines: original.entries.map((e) => ({ accountCode: e.accountCode, amountPence: -e.amountPence, memo: e.memo, trace: e.trace })),
    });
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.ledger.reversal', personIds: [], detail: { journalId, reversalJournalId: posted.journalId, postedOn, reason, alreadyPosted: posted.alreadyPosted } });
    return { journalId: posted.journalId, reversesJournalId: journalId, postedOn, alreadyPosted: posted.alreadyPosted };
  });
}
