/**
 * The pool's forecast outturn by budget line as at a day (decision 0013): each line's budget in the
 * year's current schedule, its actual spend (net debit of its ledger account from 1 April to the
 * day), its commitments from care packages to 31 March, and a seasonal trend of demand not yet
 * known; the forecast and its variance come from the pure rule in forecast-rules.ts. Lines with
 * spend or commitments but no budget appear with a budget of 0, so nothing spent goes unseen.
 *
 * Also the year's spend by month, by client group and by zone, for the dashboard's charts.
 */
import { clientGroupLabels } from '../partnership/routing.js';
import type { ClientGroup } from '../partnership/functions.js';
import { zonesOfPlace } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { together } from '../platform/in-turn.js';
import { InvalidError } from '../platform/errors.js';
import { financialYearBounds, monthsOfFinancialYear } from '../platform/financial-year.js';
import { sumPence } from '../platform/money.js';
import { budgetLineName } from './agreement-views.js';
import { parseBudgetLineCode, type ServiceArea } from './budget-lines.js';
import { budgetsOf } from './budgets.js';
import { lineCommitmentPence } from './commitment-rules.js';
import type { CommitmentLineRow } from './commitment-schema.js';
import { commitmentRows } from './commitments.js';
import { lineForecast, seasonalTrendPence, type LineForecast } from './forecast-rules.js';
import { accountBalances, monthlyMovements } from './ledger.js';

export type PoolLineForecast = LineForecast & {
  code: string;
  name: string;
  serviceArea: ServiceArea | null;
  clientGroup: string | null;
  zoneCode: string | null;
  /** Service lines committing to this line on the day. */
  commitmentLines: number;
  /** The trend's rate: weekly cost of lines starting in an average month of the last three. */
  newWeeklyPencePerMonth: number;
};

export type PoolTotals = LineForecast;

export type PoolForecast = { placeId: string; financialYear: string; on: string; lines: PoolLineForecast[]; totals: PoolTotals };

export type SpendSeries = { key: string | null; label: string; months: { month: string; pence: number }[]; totalPence: number };

export type MonthlySpend = { financialYear: string; months: string[]; byClientGroup: SpendSeries[]; byZone: SpendSeries[] };

/** The day `on` must fall in `fy`; a 400 naming the year's bounds otherwise. */
export function checkDayInYear(fy: string, on: string, field = 'on'): void {
  const { from, to } = financialYearBounds(fy);
  if (on < from || on > to) throw new InvalidError(`${field} must fall in ${fy} (${from} to ${to}).`, [{ field, problem: `must fall in ${fy}` }]);
}

/** The day three calendar months before `day` (the window of the trend's new demand). */
export function threeMonthsBefore(day: string): string {
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const t = new Date(Date.UTC(y, m - 1 - 3, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

type CommitmentTotals = { lines: number; commitmentPence: number; newWeeklyPence: number };

/**
 * Per budget line: the commitment as at the day (each line's rounded figure summed, as
 * commitmentsByLine does, read from the same rows once), and the weekly cost of lines that started
 * in the three months up to the day.
 */
export function commitmentTotals(rows: Pick<CommitmentLineRow, 'budgetLineCode' | 'weeklyPence' | 'startOn' | 'endOn'>[], on: string, commitFrom: string | null = on): Map<string, CommitmentTotals> {
  const since = threeMonthsBefore(on);
  const out = new Map<string, CommitmentTotals>();
  for (const r of rows) {
    const t = out.get(r.budgetLineCode) ?? { lines: 0, commitmentPence: 0, newWeeklyPence: 0 };
    const pence = commitFrom ? lineCommitmentPence(r, commitFrom) : 0;
    if (pence > 0) {
      t.lines += 1;
      t.commitmentPence += pence;
    }
    if (r.startOn > since && r.startOn <= on) t.newWeeklyPence += r.weeklyPence;
    out.set(r.budgetLineCode, t);
  }
  return out;
}

function totalsOf(lines: LineForecast[]): PoolTotals {
  const sum = (k: keyof LineForecast) => sumPence(lines.map((l) => l[k]));
  return {
    budgetPence: sum('budgetPence'),
    actualsPence: sum('actualsPence'),
    commitmentPence: sum('commitmentPence'),
    trendPence: sum('trendPence'),
    forecastPence: sum('forecastPence'),
    variancePence: sum('variancePence'),
  };
}

/** The day after `day`. */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The pool's forecast by budget line for `fy` as at the end of `on` (a day in `fy`), with the pool's
 * totals: actuals to `on` inclusive, commitments and trend from the day after (none after 31 March,
 * so on the year's last day the forecast is the outturn).
 */
export async function poolForecast(db: Executor, placeId: string, fy: string, on: string): Promise<PoolForecast> {
  checkDayInYear(fy, on);
  const { from, to: yearEnd } = financialYearBounds(fy);
  const next = dayAfter(on);
  const ahead = next <= yearEnd;
  const [budgets, balances, rows, zones] = await together(db, [
    () => budgetsOf(db, placeId, fy),
    () => accountBalances(db, placeId, { from, to: on, kinds: ['budget_line'] }),
    // Rows ended before the trend's window can neither commit nor count as new demand.
    () => commitmentRows(db, placeId, undefined, threeMonthsBefore(on)),
    () => zonesOfPlace(db, placeId),
  ]);
  const zoneNames = new Map(zones.map((z) => [z.code, z.name]));
  const budgetOf = new Map(budgets.map((b) => [b.code, b.budgetPence]));
  const actualsOf = new Map(balances.filter((b) => b.debitPence !== 0 || b.creditPence !== 0).map((b) => [b.code, b.balancePence]));
  const committed = commitmentTotals(rows, on, ahead ? next : null);
  const codes = new Set([...budgetOf.keys(), ...actualsOf.keys()]);
  for (const [code, c] of committed) if (c.commitmentPence > 0 || c.newWeeklyPence > 0) codes.add(code);
  const lines = [...codes].sort().map((code): PoolLineForecast => {
    const key = parseBudgetLineCode(code);
    const c = committed.get(code) ?? { lines: 0, commitmentPence: 0, newWeeklyPence: 0 };
    const rate = Math.round(c.newWeeklyPence / 3);
    const f = lineForecast({
      budgetPence: budgetOf.get(code) ?? 0,
      actualsPence: actualsOf.get(code) ?? 0,
      commitmentPence: c.commitmentPence,
      trendPence: ahead ? seasonalTrendPence(rate, next) : 0,
    });
    return {
      code,
      name: budgetLineName(code, zoneNames),
      serviceArea: key?.serviceArea ?? null,
      clientGroup: key?.clientGroup ?? null,
      zoneCode: key?.zoneCode ?? null,
      commitmentLines: c.lines,
      newWeeklyPencePerMonth: rate,
      ...f,
    };
  });
  return { placeId, financialYear: fy, on, lines, totals: totalsOf(lines) };
}

function series(fy: string, sums: Map<string, Map<string, number>>, label: (key: string) => string): SpendSeries[] {
  const months = monthsOfFinancialYear(fy);
  return [...sums.entries()]
    .map(([key, byMonth]) => ({
      key: key === 'ALL' ? null : key,
      label: label(key),
      months: months.map((month) => ({ month, pence: byMonth.get(month) ?? 0 })),
      totalPence: sumPence(byMonth.values()),
    }))
    .sort((a, b) => b.totalPence - a.totalPence || a.label.localeCompare(b.label));
}

/** The year's actual spend by month, by client group and by zone ("all zones" for lines not zoned). */
export async function monthlySpend(db: Executor, placeId: string, fy: string): Promise<MonthlySpend> {
  const { from, to } = financialYearBounds(fy);
  const [moves, zones] = await together(db, [() => monthlyMovements(db, placeId, { from, to, codePrefix: 'BL/' }), () => zonesOfPlace(db, placeId)]);
  const zoneNames = new Map(zones.map((z) => [z.code, z.name]));
  const byGroup = new Map<string, Map<string, number>>();
  const byZone = new Map<string, Map<string, number>>();
  const add = (m: Map<string, Map<string, number>>, key: string, month: string, pence: number) => {
    const row = m.get(key) ?? new Map<string, number>();
    row.set(month, (row.get(month) ?? 0) + pence);
    m.set(key, row);
  };
  for (const mv of moves) {
    const key = parseBudgetLineCode(mv.code);
    if (!key) continue;
    add(byGroup, key.clientGroup, mv.month, mv.netPence);
    add(byZone, key.zoneCode ?? 'ALL', mv.month, mv.netPence);
  }
  return {
    financialYear: fy,
    months: monthsOfFinancialYear(fy),
    byClientGroup: series(fy, byGroup, (g) => clientGroupLabels[g as ClientGroup] ?? g),
    byZone: series(fy, byZone, (z) => (z === 'ALL' ? 'All zones' : (zoneNames.get(z) ?? z))),
  };
}
