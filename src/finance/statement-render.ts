/**
 * A statement as a file: CSV (through reporting/table-export.ts, so every cell is defused against
 * formula injection as OWASP advises) and XLSX (write-excel-file), one renderer for every statement.
 * In XLSX, pence are numbers in pounds shown with a £ number format and percentages are numbers
 * with a % format, so a spreadsheet can add them up; text stays text.
 */
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import { poundsOf, tableToCsv, type ExportColumn, type ExportTable } from '../reporting/table-export.js';
import type { Statement, StatementCell, StatementColumnType, StatementSection } from './statement-model.js';

export const poundsFormat = '"£"#,##0.00;-"£"#,##0.00';
export const percentFormat = '0.00%';

/** Basis points as a percentage with two decimals, without floats: -125 → "-1.25". */
export function percentText(bp: number): string {
  const neg = bp < 0;
  const abs = Math.abs(bp);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function exportColumn(c: { header: string; type: StatementColumnType }): ExportColumn {
  // A percentage is written as its number (the header says %), so it is not taken for a formula.
  return { header: c.header, kind: c.type === 'pence' ? 'pence' : c.type === 'percent' ? 'integer' : 'text' };
}

function csvCell(cell: StatementCell, type: StatementColumnType): string | number | null {
  if (cell === null) return null;
  if (type === 'percent' && typeof cell === 'number') return percentText(cell);
  return cell;
}

const oneLine = (line: string): string => tableToCsv({ columns: [{ header: line, kind: 'text' }], rows: [] });

function sectionTable(s: StatementSection): ExportTable {
  const rows = [...s.rows, ...(s.total ? [s.total] : [])].map((r) => s.columns.map((c, i) => csvCell(r[i] ?? null, c.type)));
  return { columns: s.columns.map(exportColumn), rows };
}

/** One CSV per statement: title, period and basis first, then each section's heading as a row above its table. */
export function statementCsv(st: Statement): string {
  const parts = [oneLine(st.title), oneLine(st.period.label), ...st.basis.map(oneLine)];
  for (const s of st.sections) {
    parts.push('\r\n', oneLine(s.heading), tableToCsv(sectionTable(s)), ...s.notes.map(oneLine));
  }
  return parts.join('');
}

function xlsxCell(cell: StatementCell, type: StatementColumnType, bold: boolean): Row[number] {
  const weight = bold ? { fontWeight: 'bold' as const } : {};
  if (cell === null) return null;
  if (type === 'pence' && typeof cell === 'number') return { type: Number, value: Number(poundsOf(cell)), format: poundsFormat, ...weight };
  if (type === 'percent' && typeof cell === 'number') return { type: Number, value: cell / 10000, format: percentFormat, ...weight };
  return { type: String, value: String(cell), ...weight };
}

/** The statement as one worksheet: the same rows as the CSV, with pounds and percentages as numbers. */
export async function statementXlsx(st: Statement): Promise<Buffer> {
  const line = (value: string, bold = false): Row => [{ type: String, value, ...(bold ? { fontWeight: 'bold' as const } : {}) }];
  const data: SheetData = [line(st.title, true), line(st.period.label), ...st.basis.map((b) => line(b))];
  let width = 1;
  for (const s of st.sections) {
    width = Math.max(width, s.columns.length);
    data.push([], line(s.heading, true));
    data.push(s.columns.map((c) => ({ type: String, value: c.header, fontWeight: 'bold' as const, wrap: true })));
    for (const r of s.rows) data.push(s.columns.map((c, i) => xlsxCell(r[i] ?? null, c.type, false)));
    if (s.total) data.push(s.columns.map((c, i) => xlsxCell(s.total![i] ?? null, c.type, true)));
    for (const n of s.notes) data.push(line(n));
  }
  const columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 48 : 20 }));
  return writeXlsxFile(data, { sheet: st.kind === 'board-monitoring' ? 'Budget monitoring' : st.kind === 'quarterly' ? 'Quarterly statement' : 'Annual return', columns }).toBuffer();
}
