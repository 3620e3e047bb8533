/**
 * Month-end close of the pool's ledger (docs/decisions/0011-pool-ledger.md). Months close in
 * order, one at a time, only once they have ended; a closed month is never reopened (the database
 * refuses an update or delete of ledger_closed_month): a correction is a reversal dated in an
 * open month.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import { isUniqueViolation, rowsOf, sql, type Executor } from '../platform/db.js';
import { ConflictError, InvalidError } from '../platform/errors.js';
import { financialYearOf, monthsOfFinancialYear } from '../platform/financial-year.js';
import { mustHoldRole } from './agreement-access.js';
import { snapshotAtClose } from './pool-history.js';

export type MonthStatus = {
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  journals: number;
  /** The sum of the month's debits (its credits are the same, the journals being balanced). */
  entriesTotalPence: number;
  /** GL lines dated in the month held unposted (unmapped); 0 when no count is given. */
  heldGlLines: number;
};

/** The month after "YYYY-MM". */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months of the place's ledger that are closed, oldest first. */
export async function closedMonths(db: Executor, placeId: string): Promise<{ month: string; closedAt: Date; closedBy: string | null }[]> {
  const rows = await rowsOf<{ month: string; closed_at: Date | string; closed_by: string | null }>(
    db,
    sql`select month, closed_at, closed_by from ledger_closed_month where place_id = ${placeId} order by month`,
  );
  return rows.map((r) => ({ month: r.month, closedAt: new Date(r.closed_at), closedBy: r.closed_by }));
}

/** The day itself when its month is open, else the first day of the first open month after it. */
export async function firstOpenDayFrom(db: Executor, placeId: string, day: string): Promise<string> {
  const closed = new Set((await closedMonths(db, placeId)).map((c) => c.month));
  let month = day.slice(0, 7);
  if (!closed.has(month)) return day;
  while (closed.has(month)) month = nextMonth(month);
  return `${month}-01`;
}

/**
 * Each month of the financial year: open or closed (when, by whom), its journals and the sum of
 * its debits. `heldGlLines` maps a month to the number of GL lines held for it (from the GL import).
 */
export async function monthStatus(db: Executor, placeId: string, fy: string, heldGlLines: ReadonlyMap<string, number> = new Map()): Promise<MonthStatus[]> {
  const months = monthsOfFinancialYear(fy);
  const [closed, journals, debits] = await Promise.all([
    closedMonths(db, placeId),
    rowsOf<{ month: string; n: number }>(
      db,
      sql`select to_char(posted_on, 'YYYY-MM') as month, count(*)::int as n from ledger_journal
          where place_id = ${placeId} and financial_year = ${fy} group by 1`,
    ),
    rowsOf<{ month: string; total: number }>(
      db,
      sql`select to_char(posted_on, 'YYYY-MM') as month, coalesce(sum(amount_pence) filter (where amount_pence > 0), 0)::bigint as total from ledger_entry
          where place_id = ${placeId} and posted_on >= ${`${months[0]}-01`} and posted_on < ${`${nextMonth(months[11]!)}-01`} group by 1`,
    ),
  ]);
  const closedOf = new Map(closed.map((c) => [c.month, c]));
  const journalsOf = new Map(journals.map((j) => [j.month, Number(j.n)]));
  const debitsOf = new Map(debits.map((d) => [d.month, Number(d.total)]));
  return months.map((month) => {
    const c = closedOf.get(month);
    return {
      month,
      status: c ? 'closed' : 'open',
      closedAt: c ? c.closedAt.toISOString() : null,
      closedBy: c?.closedBy ?? null,
      journals: journalsOf.get(month) ?? 0,
      entriesTotalPence: debitsOf.get(month) ?? 0,
      heldGlLines: heldGlLines.get(month) ?? 0,
    };
  });
}

/** The month the ledger closes next: the one after its latest closed month, or null before any close. */
export async function nextMonthToClose(db: Executor, placeId: string): Promise<string | null> {
  const closed = await closedMonths(db, placeId);
  return closed.length ? nextMonth(closed[closed.length - 1]!.month) : null;
}

/**
 * Closes a month (the pooled fund manager): refused when it has not ended yet, is already closed,
 * or is not the month after the latest closed one (the first close of a ledger may be any month).
 */
export async function closeMonth(ctx: Ctx, month: string): Promise<MonthStatus & { financialYear: string }> {
  await mustHoldRole(ctx, 'manage', 'finance.ledger.month_close', 'close a month of the ledger');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidError('Give the month as YYYY-MM, e.g. 2026-09.', [{ field: 'month', problem: 'not YYYY-MM' }]);
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const thisMonth = londonDateOf(at).slice(0, 7);
  if (month >= thisMonth) throw new ConflictError(`${month} has not ended yet: a month closes once its last day is over (today is in ${thisMonth}).`);
  try {
    await ctx.db.transaction(async (tx) => {
      const closed = await closedMonths(tx, placeId);
      if (closed.some((c) => c.month === month)) throw new ConflictError(`${month} is already closed; a closed month is never reopened: correct it by a reversal in an open month.`);
      const latest = closed[closed.length - 1]?.month;
      if (latest) {
        const next = nextMonth(latest);
        if (month < latest) throw new ConflictError(`Months close in order: ${latest} is already closed, so ${month} can no longer be closed. The next month to close is ${next}.`, { nextToClose: next });
        if (month !== next) throw new ConflictError(`Close ${next} first: months close in order and ${next} is still open.`, { nextToClose: next });
      }
      await tx.execute(sql`insert into ledger_closed_month (place_id, month, closed_at, closed_by) values (${placeId}, ${month}, ${at.toISOString()}, ${ctx.actor.userId})`);
      await auditAllowed(tx, ctx.actor, at, { action: 'finance.ledger.month_close', personIds: [], detail: { month } });
      // The forecast as the month closed, for the month-by-month history.
      await snapshotAtClose(tx, ctx.actor, at, month);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${month} is already closed.`);
    throw err;
  }
  const fy = financialYearOf(`${month}-01`);
  const status = (await monthStatus(ctx.db, placeId, fy)).find((m) => m.month === month)!;
  return { ...status, financialYear: fy };
}
