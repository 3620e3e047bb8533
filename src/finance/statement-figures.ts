/**
 * Every figure the pool's statements are made of, gathered in one place: the statements
 * (statements.ts, statement-board.ts) only arrange and total what this returns. When the pool's
 * forecast (forecast.ts, poolForecast) lands, it replaces the line forecast below here and nowhere else.
 *
 * The figures are as at the end of day `to`: actuals are the BL/ accounts' net debits from 1 April
 * to `to`; the forecast adds what packages commit and the seasonal trend from the day after `to`
 * to 31 March (so the day `to` is not counted twice, and at 31 March the forecast is the actual).
 */
import { placeOverview } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { financialYearBounds } from '../platform/financial-year.js';
import * as q from './agreement-queries.js';
import { agreementOf } from './agreement.js';
import { budgetLineName } from './agreement-views.js';
import { budgetsOf } from './budgets.js';
import { parseBudgetLineCode, type ServiceArea } from './budget-lines.js';
import { commitmentRows, commitmentsByLine } from './commitments.js';
import { contributionsOf, movementsOf, type ContributionLine, type MovementView } from './contributions.js';
import { lineForecast, seasonalTrendPence } from './forecast-rules.js';
import { accountBalances, monthlyMovements, type Balance } from './ledger.js';
import { outturnStatement, type OutturnStatement } from './risk-share-outturn.js';
import type { RiskShareRules } from './risk-share.js';

export type LineFigures = {
  code: string;
  name: string;
  serviceArea: ServiceArea | null;
  clientGroup: string | null;
  zoneCode: string | null;
  budgetPence: number;
  actualsPence: number;
  commitmentPence: number;
  trendPence: number;
  forecastPence: number;
  variancePence: number;
};

export type StatementFigures = {
  placeName: string;
  placePreset: string;
  financialYear: string;
  /** The day the figures stand at. */
  to: string;
  agreement: { reference: string; title: string; hostPartnerName: string; fundManagerPost: string } | null;
  schedule: { version: number; boardDecisionRef: string; riskShare: RiskShareRules };
  contributions: ContributionLine[];
  movements: MovementView[];
  lines: LineFigures[];
  /** Net movement of each BL/ account by month, 1 April to `to`. */
  monthlyActuals: { code: string; month: string; netPence: number }[];
  /** Every bank, creditor and debtor account's balance at the end of `to` (all years). */
  balances: Balance[];
  /** The year-end outturn (risk-share-outturn.ts), only when `to` is 31 March. */
  outturn: OutturnStatement | null;
};

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function monthsBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
}

/**
 * Each line's rate of new demand for the trend: the weekly cost of package lines that started in
 * the three months to `to`, per month (rounded down: the trend never overstates demand).
 */
async function newDemandPerMonth(db: Executor, placeId: string, to: string): Promise<Map<string, number>> {
  const since = monthsBefore(to, 3);
  const byCode = new Map<string, number>();
  for (const r of await commitmentRows(db, placeId)) {
    if (r.startOn > since && r.startOn <= to) byCode.set(r.budgetLineCode, (byCode.get(r.budgetLineCode) ?? 0) + r.weeklyPence);
  }
  for (const [code, weekly] of byCode) byCode.set(code, Math.floor(weekly / 3));
  return byCode;
}

/** The figures of the pool's year `fy` as at `to` (a day in the year); 404 when the year has no schedule. */
export async function statementFigures(db: Executor, placeId: string, fy: string, to: string): Promise<StatementFigures> {
  const schedule = await q.selectCurrentSchedule(db, placeId, fy);
  if (!schedule) throw new NotFoundError(`The pool has no schedule for ${fy}: record the year's schedule (contributions and budgets) before its statements.`);
  const { from, to: yearEnd } = financialYearBounds(fy);
  const next = dayAfter(to);
  const ahead = next <= yearEnd;
  const [overview, agreement, budgets, contributions, movements, actuals, monthlyActuals, balances, commitments, rates, outturn] = await Promise.all([
    placeOverview(db, placeId),
    agreementOf(db, placeId),
    budgetsOf(db, placeId, fy),
    contributionsOf(db, placeId, fy),
    movementsOf(db, placeId, fy),
    accountBalances(db, placeId, { from, to, codePrefix: 'BL/' }),
    monthlyMovements(db, placeId, { from, to, codePrefix: 'BL/' }),
    accountBalances(db, placeId, { to, kinds: ['bank', 'creditor', 'debtor'] }),
    ahead ? commitmentsByLine(db, placeId, next) : Promise.resolve([]),
    ahead ? newDemandPerMonth(db, placeId, to) : Promise.resolve(new Map<string, number>()),
    to === yearEnd ? outturnStatement(db, placeId, fy) : Promise.resolve(null),
  ]);
  const zoneNames = new Map(overview.zones.map((z) => [z.code, z.name]));
  const budgetOf = new Map(budgets.map((b) => [b.code, b.budgetPence]));
  const actualOf = new Map(actuals.map((b) => [b.code, b.balancePence]));
  const commitmentOf = new Map(commitments.map((c) => [c.code, c.commitmentPence]));
  // Lines with spend or commitments but no budget count against the pool too (budget 0).
  const codes = [...new Set([...budgetOf.keys(), ...actuals.filter((a) => a.balancePence !== 0).map((a) => a.code), ...commitmentOf.keys()])].sort();
  const lines = codes.map((code): LineFigures => {
    const key = parseBudgetLineCode(code);
    const f = lineForecast({
      actualsPence: actualOf.get(code) ?? 0,
      commitmentPence: commitmentOf.get(code) ?? 0,
      trendPence: ahead ? seasonalTrendPence(rates.get(code) ?? 0, next) : 0,
      budgetPence: budgetOf.get(code) ?? 0,
    });
    return { code, name: budgetLineName(code, zoneNames), serviceArea: key?.serviceArea ?? null, clientGroup: key?.clientGroup ?? null, zoneCode: key?.zoneCode ?? null, ...f };
  });
  return {
    placeName: overview.place.name,
    placePreset: overview.place.preset,
    financialYear: fy,
    to,
    agreement: agreement && { reference: agreement.reference, title: agreement.title, hostPartnerName: agreement.hostPartnerName, fundManagerPost: agreement.fundManagerPost },
    schedule: { version: schedule.version, boardDecisionRef: schedule.boardDecisionRef, riskShare: schedule.riskShare as RiskShareRules },
    contributions,
    movements,
    lines,
    monthlyActuals,
    balances,
    outturn,
  };
}
