/**
 * The pooled fund manager's statements (domain.md §3.5: under the 2000 Regulations the manager
 * reports to the partners quarterly and gives an annual return of income and expenditure):
 * the quarterly statement and the annual return, as Statement data (statement-model.ts). The
 * board's monitoring report is in statement-board.ts. Figures come from statementFigures only.
 */
import type { Executor } from '../platform/db.js';
import { financialYearBounds, lastDayOfMonth, monthsOfFinancialYear } from '../platform/financial-year.js';
import { allocatePence, formatPounds, sumPence } from '../platform/money.js';
import { fundingStreamLabels } from './agreement-inputs.js';
import { riskShare, ruleFor, type RiskRule } from './risk-share.js';
import { statementFigures, type StatementFigures } from './statement-figures.js';
import { basisPointsOf, fileStemOf, money, percent, text, type Statement, type StatementCell, type StatementSection } from './statement-model.js';

export type Quarter = 1 | 2 | 3 | 4;

/** The months and days of a quarter of the financial year (Q1 April–June … Q4 January–March). */
export function quarterOf(fy: string, quarter: Quarter): { months: string[]; from: string; to: string } {
  const months = monthsOfFinancialYear(fy).slice((quarter - 1) * 3, quarter * 3);
  return { months, from: `${months[0]!}-01`, to: lastDayOfMonth(months[2]!) };
}

const longDate = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function ruleInWords(rule: RiskRule, names: Map<string, string>): string {
  if (rule.method === 'pro_rata') return 'pro rata to contributions';
  if (rule.method === 'fixed') return `fixed shares (${rule.shares.map((s) => `${names.get(s.partnerId) ?? s.partnerId} ${(s.basisPoints / 100).toFixed(2)}%`).join(', ')})`;
  return `pro rata, capped (${rule.caps.map((c) => `${names.get(c.partnerId) ?? c.partnerId} at most ${formatPounds(c.capPence)}`).join(', ')}); ${names.get(rule.bearerPartnerId) ?? rule.bearerPartnerId} bears the rest`;
}

function basisOf(f: StatementFigures): string[] {
  const a = f.agreement;
  return [
    ...(a ? [`${a.title} (${a.reference}), hosted by ${a.hostPartnerName}; pooled fund manager: ${a.fundManagerPost}.`] : []),
    `Schedule for ${f.financialYear}, version ${f.schedule.version} (board decision ${f.schedule.boardDecisionRef}).`,
    `Figures as at the end of ${longDate(f.to)}, from the pool's ledger.`,
  ];
}

function partnerNames(f: StatementFigures): Map<string, string> {
  return new Map(f.contributions.map((c) => [c.partnerId, c.partnerName]));
}

/** Each partner's contribution for the year (planned plus variations) and its share of `variancePence`. */
export function partnerShares(f: StatementFigures, variancePence: number): { partnerId: string; partnerName: string; contributionPence: number; sharePence: number }[] {
  const shares = new Map(riskShare(f.schedule.riskShare, f.contributions, variancePence).map((s) => [s.partnerId, s.sharePence]));
  const byPartner = new Map<string, { partnerId: string; partnerName: string; contributionPence: number; sharePence: number }>();
  for (const c of f.contributions) {
    const p = byPartner.get(c.partnerId) ?? { partnerId: c.partnerId, partnerName: c.partnerName, contributionPence: 0, sharePence: shares.get(c.partnerId) ?? 0 };
    p.contributionPence += c.plannedPence + c.variationsPence;
    byPartner.set(c.partnerId, p);
  }
  for (const [partnerId, sharePence] of shares) if (!byPartner.has(partnerId)) byPartner.set(partnerId, { partnerId, partnerName: partnerId, contributionPence: 0, sharePence });
  return [...byPartner.values()];
}

const totalOf = (rows: StatementCell[][], i: number) => sumPence(rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : 0)));

function incomeForQuarter(f: StatementFigures, quarter: Quarter, q: { from: string; to: string }): StatementSection {
  const rows = f.contributions.map((c) => {
    const planned = c.plannedPence + c.variationsPence;
    // The year's contribution is due in four equal quarterly parts (the pennies to the earliest).
    const dueToDate = sumPence(allocatePence(planned, [1, 1, 1, 1]).slice(0, quarter));
    const mine = f.movements.filter((m) => m.kind === 'receipt' && m.partnerId === c.partnerId && m.stream === c.stream);
    const inQuarter = sumPence(mine.filter((m) => m.onDate >= q.from && m.onDate <= q.to).map((m) => m.amountPence));
    const toDate = sumPence(mine.filter((m) => m.onDate <= q.to).map((m) => m.amountPence));
    return [c.partnerName, fundingStreamLabels[c.stream], planned, dueToDate, inQuarter, toDate, toDate - dueToDate] as StatementCell[];
  });
  return {
    heading: 'Income: contributions by partner and funding stream',
    columns: [text('Partner'), text('Funding stream'), money('Planned for the year'), money('Planned to date'), money('Received in the quarter'), money('Received to date'), money('Received less planned to date')],
    rows,
    total: ['Total', '', ...[2, 3, 4, 5, 6].map((i) => totalOf(rows, i))],
    notes: ['Planned for the year is the schedule’s contribution plus in-year variations; planned to date takes a quarter of it for each quarter passed.'],
  };
}

function expenditureForQuarter(f: StatementFigures, q: { months: string[] }): StatementSection {
  const inQuarter = new Map<string, number>();
  for (const m of f.monthlyActuals) if (q.months.includes(m.month)) inQuarter.set(m.code, (inQuarter.get(m.code) ?? 0) + m.netPence);
  const rows = f.lines.map((l) => [l.name, l.budgetPence, inQuarter.get(l.code) ?? 0, l.actualsPence, l.forecastPence, l.variancePence, basisPointsOf(l.variancePence, l.budgetPence)] as StatementCell[]);
  const budget = totalOf(rows, 1);
  const variance = totalOf(rows, 5);
  return {
    heading: 'Expenditure by budget line',
    columns: [text('Budget line'), money('Budget'), money('Actual in the quarter'), money('Actual to date'), money('Forecast outturn'), money('Variance (over budget +)'), percent('Variance % of budget')],
    rows,
    total: ['Total', budget, totalOf(rows, 2), totalOf(rows, 3), totalOf(rows, 4), variance, basisPointsOf(variance, budget)],
    notes: ['Forecast outturn: actual to date, plus what care packages commit to 31 March, plus a seasonal trend for demand not yet known.'],
  };
}

function riskShareSection(f: StatementFigures, heading: string, variancePence: number, withOutturn: boolean): StatementSection {
  const names = partnerNames(f);
  const shares = partnerShares(f, variancePence);
  const rows = shares.map((s) => (withOutturn ? [s.partnerName, s.contributionPence, s.sharePence, s.contributionPence + s.sharePence] : [s.partnerName, s.contributionPence, s.sharePence]) as StatementCell[]);
  const kind = variancePence > 0 ? 'overspend' : 'underspend';
  return {
    heading,
    columns: [text('Partner'), money('Contribution for the year'), money(`Share of the ${kind}`), ...(withOutturn ? [money('Outturn contribution')] : [])],
    rows,
    total: ['Total', totalOf(rows, 1), totalOf(rows, 2), ...(withOutturn ? [totalOf(rows, 3)] : [])],
    notes: [`The pool is ${variancePence === 0 ? 'on budget' : `${formatPounds(Math.abs(variancePence))} ${variancePence > 0 ? 'over' : 'under'} budget`}; the agreement shares an ${kind} ${ruleInWords(ruleFor(f.schedule.riskShare, variancePence), names)}.`],
  };
}

/** The quarterly statement: income and expenditure in the quarter and to date, and the forecast's risk share. */
export async function quarterlyStatement(db: Executor, placeId: string, fy: string, quarter: Quarter): Promise<Statement> {
  const q = quarterOf(fy, quarter);
  const f = await statementFigures(db, placeId, fy, q.to);
  const variance = sumPence(f.lines.map((l) => l.variancePence));
  return {
    kind: 'quarterly',
    title: `${f.placeName} pooled fund: quarterly statement, ${fy} quarter ${quarter}`,
    placeName: f.placeName,
    financialYear: fy,
    period: { label: `Quarter ${quarter} (${longDate(q.from)} to ${longDate(q.to)})`, from: q.from, to: q.to },
    basis: basisOf(f),
    sections: [incomeForQuarter(f, quarter, q), expenditureForQuarter(f, q), riskShareSection(f, 'Memorandum: risk share of the forecast variance', variance, false)],
    fileStem: fileStemOf(f.placePreset, fy, `Q${quarter}`),
  };
}

function incomeForYear(f: StatementFigures): StatementSection {
  const rows = f.contributions.map((c) => [c.partnerName, fundingStreamLabels[c.stream], c.plannedPence, c.variationsPence, c.plannedPence + c.variationsPence, c.receivedPence, c.plannedPence + c.variationsPence - c.receivedPence] as StatementCell[]);
  return {
    heading: 'Income: each partner’s contribution',
    columns: [text('Partner'), text('Funding stream'), money('Planned'), money('Variations'), money('Due for the year'), money('Received'), money('Still to receive')],
    rows,
    total: ['Total', '', ...[2, 3, 4, 5, 6].map((i) => totalOf(rows, i))],
    notes: [],
  };
}

/** The annual return: the year's income and expenditure, each partner's contribution, the outturn and its risk share, balances carried. */
export async function annualReturn(db: Executor, placeId: string, fy: string): Promise<Statement> {
  const { from, to } = financialYearBounds(fy);
  const f = await statementFigures(db, placeId, fy, to);
  const o = f.outturn!;
  const lineRows = o.lines.map((l) => [l.name, l.budgetPence, l.actualPence, l.variancePence, basisPointsOf(l.variancePence, l.budgetPence)] as StatementCell[]);
  const due = sumPence(f.contributions.map((c) => c.plannedPence + c.variationsPence));
  const received = sumPence(f.contributions.map((c) => c.receivedPence));
  const balanceRows = f.balances.filter((b) => b.balancePence !== 0).map((b) => [b.name, b.code, b.balancePence] as StatementCell[]);
  return {
    kind: 'annual-return',
    title: `${f.placeName} pooled fund: annual return, ${fy}`,
    placeName: f.placeName,
    financialYear: fy,
    period: { label: `Financial year ${fy} (${longDate(from)} to ${longDate(to)})`, from, to },
    basis: basisOf(f),
    sections: [
      {
        heading: 'Income and expenditure for the year',
        columns: [text('Item'), money('Amount')],
        rows: [
          ['Contributions due from the partners', due],
          ['Contributions received', received],
          ['Expenditure', o.actualPence],
        ],
        total: ['Surplus (deficit) of contributions due over expenditure', due - o.actualPence],
        notes: [],
      },
      incomeForYear(f),
      {
        heading: 'Expenditure by budget line',
        columns: [text('Budget line'), money('Budget'), money('Actual'), money('Variance (over budget +)'), percent('Variance % of budget')],
        rows: lineRows,
        total: ['Total', o.budgetPence, o.actualPence, o.variancePence, basisPointsOf(o.variancePence, o.budgetPence)],
        notes: [],
      },
      riskShareSection(f, 'Outturn and its risk share', o.variancePence, true),
      {
        heading: 'Balances carried forward at 31 March',
        columns: [text('Account'), text('Code'), money('Balance (debit +, credit −)')],
        rows: balanceRows,
        total: ['Total', '', totalOf(balanceRows, 2)],
        notes: ['The pool’s bank, what it owes (creditors) and what it is owed (debtors), carried into the next year.'],
      },
    ],
    fileStem: fileStemOf(f.placePreset, fy, 'annual-return'),
  };
}
