/**
 * Reading a provider's invoice CSV (docs/commissioning/invoices.md), as a stream: one row at a
 * time, so a file of 100,000 lines is read in constant memory. Each row is checked on its own
 * (dates, units, quantity, rate, amount = quantity × rate); a wrong row is reported with its line
 * number and field. Money in pounds ("16.36") becomes pence by exact decimal arithmetic.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { isIsoDate } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import type { RejectedRow } from './payment-schema.js';
import { amountOf, invoiceUnits } from './matching-rules.js';

export const invoiceCsvColumns = ['invoice_reference', 'service_line', 'period_from', 'period_to', 'unit', 'quantity', 'rate', 'amount'] as const;
export const invoiceFileLimitBytes = 50 * 1024 * 1024;

export type CsvInvoiceLine = {
  lineNo: number;
  invoiceReference: string;
  lineReference: string;
  periodFrom: string;
  periodTo: string;
  unit: string;
  quantityHundredths: number;
  ratePence: number;
  amountPence: number;
};

export type CsvRow = { ok: true; line: CsvInvoiceLine } | { ok: false; rejected: RejectedRow[] };

/** A decimal with at most `places` decimals as an integer of that scale; a problem otherwise. */
export function decimalOf(text: string, places: number, what: string): { value: number } | { problem: string } {
  const t = text.trim();
  if (/^-/.test(t)) return { problem: `"${text}" is negative: ${what} cannot be below zero; send a corrected invoice instead` };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return { problem: `"${text}" is not a number such as ${places === 2 ? '16.36' : '7.5'} (no £ sign, no commas)` };
  const decimals = m[2] ?? '';
  if (decimals.length > places) return { problem: `"${text}" has more than ${places} decimal places` };
  const value = BigInt(m[1]!) * 10n ** BigInt(places) + BigInt(decimals.padEnd(places, '0') || '0');
  if (value > 1_000_000_000n) return { problem: `"${text}" is too large` };
  return { value: Number(value) };
}

function checkHeader(header: string[]): void {
  const found = header.map((h) => h.trim().toLowerCase().replace(/^\uFEFF/, ''));
  if (found.length === invoiceCsvColumns.length && invoiceCsvColumns.every((c, i) => found[i] === c)) return;
  const missing = invoiceCsvColumns.filter((c) => !found.includes(c));
  const problems = missing.map((c) => ({ field: `columns.${c}`, problem: 'is missing' }));
  if (problems.length === 0) problems.push({ field: 'columns', problem: 'are not exactly the invoice columns in order' });
  throw new InvalidError(`The header row must be exactly: ${invoiceCsvColumns.join(',')} — found: ${found.join(',') || '(nothing)'}.`, problems);
}

/** One data row checked on its own. */
export function readInvoiceRow(record: string[], lineNo: number): CsvRow {
  if (record.length !== invoiceCsvColumns.length) return { ok: false, rejected: [{ line: lineNo, field: 'row', problem: `has ${record.length} fields, not ${invoiceCsvColumns.length}` }] };
  const [invoiceReference, lineReference, periodFrom, periodTo, unit, quantity, rate, amount] = record.map((f) => f.trim()) as [string, string, string, string, string, string, string, string];
  const problems: RejectedRow[] = [];
  const bad = (field: string, problem: string) => problems.push({ line: lineNo, field, problem });
  if (!invoiceReference) bad('invoice_reference', 'is empty');
  else if (invoiceReference.length > 60) bad('invoice_reference', 'is longer than 60 characters');
  if (!lineReference) bad('service_line', 'is empty');
  if (!isIsoDate(periodFrom)) bad('period_from', `"${periodFrom}" is not a date as YYYY-MM-DD`);
  if (!isIsoDate(periodTo)) bad('period_to', `"${periodTo}" is not a date as YYYY-MM-DD`);
  else if (isIsoDate(periodFrom) && periodTo < periodFrom) bad('period_to', `${periodTo} is before period_from ${periodFrom}`);
  if (!(invoiceUnits as readonly string[]).includes(unit.toLowerCase())) bad('unit', `"${unit}" is not a unit; use one of ${invoiceUnits.join(', ')}`);
  const q = decimalOf(quantity, 2, 'hours or visits');
  if ('problem' in q) bad('quantity', q.problem);
  else if (q.value === 0) bad('quantity', 'is zero; leave the line out');
  const r = decimalOf(rate, 2, 'a rate');
  if ('problem' in r) bad('rate', r.problem);
  const a = decimalOf(amount, 2, 'an amount');
  if ('problem' in a) bad('amount', a.problem);
  if ('value' in q && 'value' in r && 'value' in a && q.value > 0) {
    const expected = amountOf(q.value, r.value);
    if (expected !== a.value) bad('amount', `is ${amount} but quantity × rate is ${(expected / 100).toFixed(2)}`);
  }
  if (problems.length || 'problem' in q || 'problem' in r || 'problem' in a) return { ok: false, rejected: problems };
  return { ok: true, line: { lineNo, invoiceReference, lineReference, periodFrom, periodTo, unit: unit.toLowerCase(), quantityHundredths: q.value, ratePence: r.value, amountPence: a.value } };
}

export type InvoiceSource = () => Readable;

export function sourceOfBytes(bytes: Uint8Array): InvoiceSource {
  return () => Readable.from([Buffer.from(bytes)]);
}

/** The file's SHA-256, read through once. */
export async function sha256Of(source: InvoiceSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The file's rows in order, each read or rejected; the header is checked first (a 400 when it is wrong). */
export async function* invoiceRows(source: InvoiceSource): AsyncGenerator<CsvRow> {
  const parser = source().pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (first) {
        first = false;
        checkHeader(record);
        continue;
      }
      yield readInvoiceRow(record, info.lines);
    }
  } catch (e) {
    if (e instanceof InvalidError) throw e;
    throw new InvalidError(`The file is not a readable CSV: ${(e as Error).message}`, [{ field: 'file', problem: 'is not CSV' }]);
  }
  if (first) throw new InvalidError(`The file is empty: it needs a header row (${invoiceCsvColumns.join(',')}) and its lines.`, [{ field: 'file', problem: 'is empty' }]);
}
