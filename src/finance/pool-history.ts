/**
 * The pool's forecast month by month, and the variance commentary per line per month.
 *
 * A month's snapshot is the forecast as at the month's last day (poolForecast), one row per line
 * and one for the pool's totals (code `POOL`), taken once: a second take is a 409 saying when the
 * month was taken. Month close should take it in its own transaction (`snapshotMonth`, for the
 * ledger's closeMonth to call), so the history has one point per closed month.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Actor, Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { financialYearOf, lastDayOfMonth } from '../platform/financial-year.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import { poolForecast } from './forecast.js';
import { checkLineCode } from './pool-line.js';
import { forecastSnapshots, varianceComments, type ForecastSnapshotRow, type VarianceCommentRow } from './pool-history-schema.js';

/** The code under which a snapshot keeps the pool's totals. */
export const poolTotalCode = 'POOL';

export type SnapshotView = {
  month: string;
  code: string;
  asAt: string;
  budgetPence: number;
  actualsPence: number;
  commitmentPence: number;
  trendPence: number;
  forecastPence: number;
  variancePence: number;
  takenAt: string;
  takenBy: string | null;
};

export type CommentView = {
  id: string;
  financialYear: string;
  month: string;
  code: string;
  text: string;
  supersedesId: string | null;
  authorName: string;
  at: string;
  /** False for a comment a later one on the same line and month superseded. */
  current: boolean;
};

function snapshotView(r: ForecastSnapshotRow): SnapshotView {
  return {
    month: r.month,
    code: r.budgetLineCode,
    asAt: r.asAt,
    budgetPence: r.budgetPence,
    actualsPence: r.actualsPence,
    commitmentPence: r.commitmentPence,
    trendPence: r.trendPence,
    forecastPence: r.forecastPence,
    variancePence: r.forecastPence - r.budgetPence,
    takenAt: r.takenAt.toISOString(),
    takenBy: r.takenBy,
  };
}

/** The month has ended by `today` (a month is taken when it is over). */
function checkMonthOver(month: string, today: string): void {
  const last = lastDayOfMonth(month);
  if (last >= today) throw new InvalidError(`${month} has not ended yet: its forecast can be taken from ${nextDay(last)}.`, [{ field: 'month', problem: 'not ended yet' }]);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function takenAlready(db: Executor, placeId: string, month: string): Promise<ForecastSnapshotRow | null> {
  const rows = await db
    .select()
    .from(forecastSnapshots)
    .where(and(eq(forecastSnapshots.placeId, placeId), eq(forecastSnapshots.month, month), eq(forecastSnapshots.budgetLineCode, poolTotalCode)))
    .limit(1);
  return rows[0] ?? null;
}

function alreadyTaken(row: ForecastSnapshotRow): ConflictError {
  return new ConflictError(`The forecast for ${row.month} was already taken at ${row.takenAt.toISOString()}; a month is taken once.`, { takenAt: row.takenAt.toISOString(), takenBy: row.takenBy });
}

/**
 * Takes the month's snapshot in the caller's transaction (month close calls this), audited.
 * Refuses a month already taken with a 409 naming when.
 */
export async function snapshotMonth(tx: Executor, actor: Actor, at: Date, month: string): Promise<SnapshotView[]> {
  const placeId = actor.placeId;
  const before = await takenAlready(tx, placeId, month);
  if (before) throw alreadyTaken(before);
  const fy = financialYearOf(`${month}-01`);
  const asAt = lastDayOfMonth(month);
  const f = await poolForecast(tx, placeId, fy, asAt);
  const rows: ForecastSnapshotRow[] = [...f.lines, { code: poolTotalCode, ...f.totals }].map((l) => ({
    placeId,
    financialYear: fy,
    month,
    budgetLineCode: l.code,
    asAt,
    budgetPence: l.budgetPence,
    actualsPence: l.actualsPence,
    commitmentPence: l.commitmentPence,
    trendPence: l.trendPence,
    forecastPence: l.forecastPence,
    takenAt: at,
    takenBy: actor.userId,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(forecastSnapshots).values(rows.slice(i, i + 500));
  await auditAllowed(tx, actor, at, { action: 'finance.forecast.snapshot', personIds: [], detail: { month, financialYear: fy, lines: f.lines.length, forecastPence: f.totals.forecastPence } });
  return rows.map(snapshotView);
}

/** Takes the month's forecast snapshot (post role), once per month. */
/** The month's snapshot as its close takes it (ledger-close.ts, in the close's transaction); one taken by hand before stands. */
export async function snapshotAtClose(tx: Executor, actor: Actor, at: Date, month: string): Promise<void> {
  if (await takenAlready(tx, actor.placeId, month)) return;
  await snapshotMonth(tx, actor, at, month);
}

export async function takeSnapshot(ctx: Ctx, month: string, today: string): Promise<SnapshotView[]> {
  await mustHoldRole(ctx, 'post', 'finance.forecast.snapshot', 'take the month’s forecast');
  checkMonthOver(month, today);
  try {
    return await ctx.db.transaction((tx) => snapshotMonth(tx, ctx.actor, ctx.clock.now(), month));
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await takenAlready(ctx.db, ctx.actor.placeId, month);
    throw row ? alreadyTaken(row) : e;
  }
}

/** The year's snapshots month by month, of one line or of the pool's totals. */
export async function forecastHistory(db: Executor, placeId: string, fy: string, code: string = poolTotalCode): Promise<SnapshotView[]> {
  const rows = await db
    .select()
    .from(forecastSnapshots)
    .where(and(eq(forecastSnapshots.placeId, placeId), eq(forecastSnapshots.financialYear, fy), eq(forecastSnapshots.budgetLineCode, code)))
    .orderBy(asc(forecastSnapshots.month));
  return rows.map(snapshotView);
}

/** The months of the year taken so far, with when. */
export async function monthsTaken(db: Executor, placeId: string, fy: string): Promise<{ month: string; takenAt: string }[]> {
  return (await forecastHistory(db, placeId, fy)).map((s) => ({ month: s.month, takenAt: s.takenAt }));
}

function commentViews(rows: VarianceCommentRow[]): CommentView[] {
  const superseded = new Set(rows.map((r) => r.supersedesId).filter((id): id is string => id !== null));
  return rows.map((r) => ({
    id: r.id,
    financialYear: r.financialYear,
    month: r.month,
    code: r.budgetLineCode,
    text: r.text,
    supersedesId: r.supersedesId,
    authorName: r.authorName,
    at: r.at.toISOString(),
    current: !superseded.has(r.id),
  }));
}

/** The year's comments (of a month, of a line, when given), newest first, superseded ones marked. */
export async function commentary(db: Executor, placeId: string, fy: string, f: { month?: string; code?: string } = {}): Promise<CommentView[]> {
  const where = [eq(varianceComments.placeId, placeId), eq(varianceComments.financialYear, fy)];
  if (f.month) where.push(eq(varianceComments.month, f.month));
  if (f.code) where.push(eq(varianceComments.budgetLineCode, f.code));
  const rows = await db
    .select()
    .from(varianceComments)
    .where(and(...where))
    .orderBy(desc(varianceComments.at), desc(varianceComments.id));
  return commentViews(rows);
}

/** Comments on a line's variance in a month (post role); a new one supersedes the standing one. */
export async function addComment(ctx: Ctx, input: { month: string; code: string; text: string }): Promise<CommentView> {
  await mustHoldRole(ctx, 'post', 'finance.variance_comment', 'comment on the variance');
  const placeId = ctx.actor.placeId;
  checkLineCode(input.code);
  const fy = financialYearOf(`${input.month}-01`);
  const known = (await poolForecast(ctx.db, placeId, fy, lastDayOfMonth(input.month))).lines.some((l) => l.code === input.code);
  if (!known) throw new NotFoundError(`The ${fy} pool has no budget, spend or commitment on ${input.code} in ${input.month}.`);
  try {
    return await ctx.db.transaction(async (tx) => {
      const standing = (await commentary(tx, placeId, fy, { month: input.month, code: input.code })).find((c) => c.current) ?? null;
      const at = ctx.clock.now();
      const row: VarianceCommentRow = {
        placeId,
        id: newId(),
        financialYear: fy,
        month: input.month,
        budgetLineCode: input.code,
        text: input.text,
        supersedesId: standing?.id ?? null,
        authorId: ctx.actor.userId,
        authorName: ctx.actor.displayName,
        at,
      };
      await tx.insert(varianceComments).values(row);
      await auditAllowed(tx, ctx.actor, at, { action: 'finance.variance_comment', personIds: [], detail: { commentId: row.id, month: row.month, code: row.budgetLineCode, supersedesId: row.supersedesId } });
      return commentViews([row])[0]!;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError('Someone commented on this line and month at the same moment: read the comments again and add yours.');
    throw e;
  }
}
