/**
 * Every figure the pool's statements are made of, gathered in one place: the statements
 * (statements.ts, statement-board.ts) only arrange and total what this returns. When the pool's
 * lines are the pool's forecast (forecast.ts, poolForecast), so statements and pages agree.
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
import type { ServiceArea } from './budget-lines.js';
import { poolForecast } from './forecast.js';
import { contributionsOf, movementsOf, type ContributionLine, type MovementView } from './contributions.js';
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

/** The figures of the pool's year `fy` as at `to` (a day in the year); 404 when the year has no schedule. */
export async function statementFigures(db: Executor, placeId: string, fy: string, to: string): Promise<StatementFigures> {
  const schedule = await q.selectCurrentSchedule(db, placeId, fy);
  if (!schedule) throw new NotFoundError(`The pool has no schedule for ${fy}: record the year's schedule (contributions and budgets) before its statements.`);
  const { from, to: yearEnd } = financialYearBounds(fy);
  const [overview, agreement, contributions, movements, forecast, monthlyActuals, balances, outturn] = await Promise.all([
    placeOverview(db, placeId),
    agreementOf(db, placeId),
    contributionsOf(db, placeId, fy),
    movementsOf(db, placeId, fy),
    poolForecast(db, placeId, fy, to),
    monthlyMovements(db, placeId, { from, to, codePrefix: 'BL/' }),
    accountBalances(db, placeId, { to, kinds: ['bank', 'creditor', 'debtor'] }),
    to === yearEnd ? outturnStatement(db, placeId, fy) : Promise.resolve(null),
  ]);
  // The dashboard's forecast, line for line: the statements and the pool's pages never disagree.
  const lines = forecast.lines.map(
    (l): LineFigures => ({
      code: l.code,
      name: l.name,
      serviceArea: l.serviceArea,
      clientGroup: l.clientGroup,
      zoneCode: l.zoneCode,
      budgetPence: l.budgetPence,
      actualsPence: l.actualsPence,
      commitmentPence: l.commitmentPence,
      trendPence: l.trendPence,
      forecastPence: l.forecastPence,
      variancePence: l.variancePence,
    }),
  );
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
