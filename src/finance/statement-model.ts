/**
 * A statement as plain data — a title, its period, and sections of tables whose columns are typed —
 * so one renderer serves the page (JSON), CSV and XLSX alike (statement-render.ts).
 *
 * Cell values: text as a string; pence as integer pence; percent as integer basis points
 * (125 = 1.25%). A null cell is empty (a percentage of a zero budget, say).
 */
export type StatementColumnType = 'text' | 'pence' | 'percent';
export type StatementColumn = { header: string; type: StatementColumnType };
export type StatementCell = string | number | null;

export type StatementSection = {
  heading: string;
  columns: StatementColumn[];
  rows: StatementCell[][];
  /** The section's total row, when it has one. */
  total: StatementCell[] | null;
  /** Sentences said under the table (the rule applied, how a figure is made). */
  notes: string[];
};

export type StatementKind = 'quarterly' | 'annual-return' | 'board-monitoring';

export type Statement = {
  kind: StatementKind;
  title: string;
  placeName: string;
  financialYear: string;
  period: { label: string; from: string; to: string };
  /** The words beside the title: agreement, schedule version, basis of the figures. */
  basis: string[];
  sections: StatementSection[];
  /** The download's name without its extension, e.g. torbay-pool-2026-27-Q2. */
  fileStem: string;
};

export const text = (header: string): StatementColumn => ({ header, type: 'text' });
export const money = (header: string): StatementColumn => ({ header, type: 'pence' });
export const percent = (header: string): StatementColumn => ({ header, type: 'percent' });

/** part / whole in basis points, rounded half away from zero; null when the whole is nothing. */
export function basisPointsOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const n = BigInt(part) * 10000n;
  const d = BigInt(Math.abs(whole));
  const abs = n < 0n ? -n : n;
  const rounded = Number((2n * abs + d) / (2n * d));
  return (n < 0n) !== (whole < 0) ? -rounded : rounded;
}

/** The file stem of a statement: place, "pool", year, period (e.g. torbay-pool-2026-27-Q2). */
export function fileStemOf(placePreset: string, fy: string, period: string): string {
  const place = placePreset.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'place';
  return `${place}-pool-${fy}-${period}`;
}
