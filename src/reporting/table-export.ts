/**
 * A report's table as a file a person opens in a spreadsheet. Cells that a spreadsheet would read
 * as a formula (starting with = + - @, a tab or a carriage return) are quoted behind an apostrophe,
 * as OWASP advises against CSV injection. Pence are written as pounds with two decimals.
 */
export type ColumnKind = 'text' | 'date' | 'pence' | 'integer';
export type ExportColumn = { header: string; kind: ColumnKind };
export type ExportCell = string | number | bigint | null;
export type ExportTable = { columns: ExportColumn[]; rows: ExportCell[][] };

/** Pence (integer) as pounds with two decimals, without floats: -12345 → "-123.45". */
export function poundsOf(pence: number | bigint): string {
  const p = BigInt(pence);
  const neg = p < 0n;
  const abs = neg ? -p : p;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

function textOf(cell: ExportCell, kind: ColumnKind): string {
  if (cell === null) return '';
  if (kind === 'pence') return poundsOf(typeof cell === 'string' ? BigInt(cell) : cell);
  return String(cell);
}

/** A cell a spreadsheet would run as a formula is made text. Numbers we wrote ourselves are left alone. */
function defused(text: string, kind: ColumnKind): string {
  if ((kind === 'pence' || kind === 'integer') && /^-?\d+(\.\d+)?$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV (RFC 4180, CRLF line ends), a header row first. */
export function tableToCsv(table: ExportTable): string {
  const line = (cells: string[]) => cells.map(quoted).join(',');
  const out = [line(table.columns.map((c) => defused(c.header, 'text')))];
  for (const row of table.rows) {
    out.push(line(table.columns.map((c, i) => defused(textOf(row[i] ?? null, c.kind), c.kind))));
  }
  return `${out.join('\r\n')}\r\n`;
}
