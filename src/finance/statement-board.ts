/**
 * The board's budget monitoring report for a month: per service area and client group, the
 * budget, actual to date, forecast outturn, variance and a RAG rating, and the largest variances.
 *
 * RAG (on the forecast variance against the budget):
 *   red   — forecast more than 2% over budget (or any overspend of a line with no budget);
 *   amber — forecast over budget by 0–2% (over, but by at most 2%);
 *   green — forecast on or under budget.
 */
import { clientGroupLabels } from '../partnership/routing.js';
import type { ClientGroup } from '../partnership/functions.js';
import type { Executor } from '../platform/db.js';
import { lastDayOfMonth } from '../platform/financial-year.js';
import { sumPence } from '../platform/money.js';
import { serviceAreaLabels } from './budget-lines.js';
import { statementFigures, type LineFigures } from './statement-figures.js';
import { basisPointsOf, fileStemOf, money, percent, text, type Statement, type StatementCell, type StatementSection } from './statement-model.js';

export type Rag = 'red' | 'amber' | 'green';
export const ragLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** The rating of a forecast variance (positive = over) against its budget. */
export function ragOf(variancePence: number, budgetPence: number): Rag {
  if (variancePence <= 0) return 'green';
  // Over by more than 2%: variance / budget > 2/100, in integers.
  return BigInt(variancePence) * 100n > BigInt(budgetPence) * 2n ? 'red' : 'amber';
}

type Group = { label: string; budgetPence: number; actualsPence: number; forecastPence: number; variancePence: number };

function groupBy(lines: LineFigures[], keyOf: (l: LineFigures) => string, labelOf: (l: LineFigures) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const l of lines) {
    const key = keyOf(l);
    const g = groups.get(key) ?? { label: labelOf(l), budgetPence: 0, actualsPence: 0, forecastPence: 0, variancePence: 0 };
    g.budgetPence += l.budgetPence;
    g.actualsPence += l.actualsPence;
    g.forecastPence += l.forecastPence;
    g.variancePence += l.variancePence;
    groups.set(key, g);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

const areaOf = (l: LineFigures) => (l.serviceArea ? serviceAreaLabels[l.serviceArea] : l.code);
const groupOf = (l: LineFigures) => (l.clientGroup ? (clientGroupLabels[l.clientGroup as ClientGroup] ?? l.clientGroup) : '');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function row(labels: string[], g: Group): StatementCell[] {
  return [...labels, g.budgetPence, g.actualsPence, g.forecastPence, g.variancePence, basisPointsOf(g.variancePence, g.budgetPence), ragLabels[ragOf(g.variancePence, g.budgetPence)]];
}

function table(heading: string, labelHeaders: string[], groups: { labels: string[]; g: Group }[], pool: Group | null, notes: string[] = []): StatementSection {
  return {
    heading,
    columns: [...labelHeaders.map(text), money('Budget'), money('Actual to date'), money('Forecast outturn'), money('Variance (over budget +)'), percent('Variance % of budget'), text('RAG')],
    rows: groups.map(({ labels, g }) => row(labels, g)),
    total: pool ? row(['Pool', ...labelHeaders.slice(1).map(() => '')], pool) : null,
    notes,
  };
}

/** The board's monitoring report for `month` (YYYY-MM, a month of `fy`), figures as at its last day. */
export async function boardMonitoring(db: Executor, placeId: string, fy: string, month: string): Promise<Statement> {
  const to = lastDayOfMonth(month);
  const f = await statementFigures(db, placeId, fy, to);
  const pool: Group = {
    label: 'Pool',
    budgetPence: sumPence(f.lines.map((l) => l.budgetPence)),
    actualsPence: sumPence(f.lines.map((l) => l.actualsPence)),
    forecastPence: sumPence(f.lines.map((l) => l.forecastPence)),
    variancePence: sumPence(f.lines.map((l) => l.variancePence)),
  };
  const byAreaAndGroup = groupBy(f.lines, (l) => `${l.serviceArea ?? l.code}/${l.clientGroup ?? ''}`, (l) => `${areaOf(l)}\u0000${capital(groupOf(l))}`);
  const top = [...f.lines]
    .filter((l) => l.variancePence !== 0)
    .sort((a, b) => Math.abs(b.variancePence) - Math.abs(a.variancePence) || a.code.localeCompare(b.code))
    .slice(0, 5);
  const monthName = new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    kind: 'board-monitoring',
    title: `${f.placeName} pooled fund: budget monitoring report to the board, ${monthName}`,
    placeName: f.placeName,
    financialYear: fy,
    period: { label: `${fy} to the end of ${monthName}`, from: `${fy.slice(0, 4)}-04-01`, to },
    basis: [
      `Schedule for ${fy}, version ${f.schedule.version} (board decision ${f.schedule.boardDecisionRef}); figures as at the end of ${to}.`,
      'RAG: red when the forecast is more than 2% over budget, amber when over by up to 2%, green when on or under budget.',
    ],
    sections: [
      table(
        'By service area and client group',
        ['Service area', 'Client group'],
        byAreaAndGroup.map((g) => ({ labels: g.label.split('\u0000'), g })),
        pool,
      ),
      table('By service area', ['Service area'], groupBy(f.lines, (l) => l.serviceArea ?? l.code, areaOf).map((g) => ({ labels: [g.label], g })), pool),
      table('By client group', ['Client group'], groupBy(f.lines, (l) => l.clientGroup ?? '', (l) => capital(groupOf(l)) || 'Not by client group').map((g) => ({ labels: [g.label], g })), pool),
      table(
        'Top variances (budget lines)',
        ['Budget line'],
        top.map((l) => ({ labels: [l.name], g: { label: l.name, budgetPence: l.budgetPence, actualsPence: l.actualsPence, forecastPence: l.forecastPence, variancePence: l.variancePence } })),
        null,
        ['The five budget lines whose forecast differs most from their budget, over or under.'],
      ),
    ],
    fileStem: fileStemOf(f.placePreset, fy, month),
  };
}
