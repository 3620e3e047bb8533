/**
 * Reading a partner's general-ledger CSV (docs/gl-import.md): UTF-8 only, a header row with the
 * expected columns, amounts in pounds turned into pence by exact decimal arithmetic (never a float).
 * A file that cannot be read at all is an InvalidError (400); a row that is wrong is reported
 * with its line number and the import takes nothing from that file.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import type { GlRawLine, GlRejectedRow } from './gl-schema.js';

export const glColumns = ['transaction_date', 'cost_centre', 'subjective', 'description', 'amount', 'reference'] as const;

/** The most a single file may hold: a month of a partner's ledger lines is far smaller. */
export const glFileLimitBytes = 10 * 1024 * 1024;

export type GlLine = {
  lineNo: number;
  raw: GlRawLine;
  transactionDate: string;
  costCentre: string;
  subjective: string;
  description: string;
  reference: string;
  amountPence: number;
};

export type GlFile = { sha256: string; lines: GlLine[]; rejected: GlRejectedRow[]; rowsRead: number };

/** Pounds as finance systems export them ("1234.56", "-12.00", "7") to pence; null when not such an amount. */
export function poundsToPence(text: string): { pence: number } | { problem: string } {
  const t = text.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return { problem: `"${text}" is not an amount in pounds such as 1234.56 or -12.00 (no £ sign, no commas)` };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { problem: `"${text}" has more than 2 decimal places; give pounds and pence, e.g. 12.35` };
  const pence = BigInt(m[2]!) * 100n + BigInt(decimals.padEnd(2, '0') || '0');
  const signed = m[1] ? -pence : pence;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) return { problem: `"${text}" is too large to be an amount` };
  if (signed === 0n) return { problem: 'is zero; a ledger line moves money' };
  return { pence: Number(signed) };
}

/** The file's text, or a 400 saying how to save it. A UTF-8 byte order mark is allowed and dropped. */
export function decodeGlFile(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InvalidError('The file is not UTF-8 text: save it from your spreadsheet or finance system as "CSV UTF-8 (comma delimited)" and send it again.', [
      { field: 'file', problem: 'is not UTF-8' },
    ]);
  }
  return text;
}

function checkHeader(header: string[]): void {
  const found = header.map((h) => h.trim().toLowerCase());
  const same = found.length === glColumns.length && glColumns.every((c, i) => found[i] === c);
  if (same) return;
  const missing = glColumns.filter((c) => !found.includes(c));
  const extra = found.filter((c) => !(glColumns as readonly string[]).includes(c));
  const problems = [
    ...missing.map((c) => ({ field: `columns.${c}`, problem: 'is missing' })),
    ...extra.map((c) => ({ field: `columns.${c || '(blank)'}`, problem: 'is not a column of a GL file' })),
  ];
  if (problems.length === 0) problems.push({ field: 'columns', problem: 'are in another order' });
  throw new InvalidError(`The header row must be exactly: ${glColumns.join(',')} — found: ${found.join(',') || '(nothing)'}.`, problems);
}

/**
 * The file's lines, each checked on its own (dates, amounts, the fields a line needs); the
 * month-level checks (closed, in the future) and the mapping are the import's.
 */
export function readGlFile(bytes: Uint8Array): GlFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = decodeGlFile(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new InvalidError(`The file is not a readable CSV: ${(e as Error).message}`, [{ field: 'file', problem: 'is not CSV' }]);
  }
  const [head, ...rows] = records;
  if (!head) throw new InvalidError(`The file is empty: it needs a header row (${glColumns.join(',')}) and its lines.`, [{ field: 'file', problem: 'is empty' }]);
  checkHeader(head.record);
  const lines: GlLine[] = [];
  const rejected: GlRejectedRow[] = [];
  for (const { record, info } of rows) {
    const lineNo = info.lines;
    if (record.length !== glColumns.length) {
      rejected.push({ line: lineNo, field: 'row', problem: `has ${record.length} fields, not ${glColumns.length}` });
      continue;
    }
    const [transactionDate, costCentre, subjective, description, amount, reference] = record.map((f) => f.trim()) as [string, string, string, string, string, string];
    const raw: GlRawLine = { transactionDate, costCentre, subjective, description, amount, reference };
    const problems: GlRejectedRow[] = [];
    if (!isIsoDate(transactionDate)) problems.push({ line: lineNo, field: 'transaction_date', problem: `"${transactionDate}" is not a date as YYYY-MM-DD` });
    for (const [field, value] of [['cost_centre', costCentre], ['subjective', subjective], ['reference', reference]] as const) {
      if (!value) problems.push({ line: lineNo, field, problem: 'is empty' });
    }
    const money = poundsToPence(amount);
    if ('problem' in money) problems.push({ line: lineNo, field: 'amount', problem: money.problem });
    if (problems.length || 'problem' in money) {
      rejected.push(...problems);
      continue;
    }
    lines.push({ lineNo, raw, transactionDate, costCentre, subjective, description, reference, amountPence: money.pence });
  }
  return { sha256, lines, rejected, rowsRead: rows.length };
}

/**
 * The ledger idempotency key of each line: the partner, the reference and the line's content,
 * with the count of identical lines before it in the file, so two equal lines both post once and a
 * re-sent or overlapping file finds the keys already taken.
 */
export function lineKeys(partnerId: string, lines: readonly GlLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const content = JSON.stringify([partnerId, l.reference, l.transactionDate, l.costCentre, l.subjective, l.amountPence, l.description]);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return `gl:${partnerId}:${createHash('sha256').update(`${content}#${n}`).digest('hex').slice(0, 40)}`;
  });
}
