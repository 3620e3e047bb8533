/**
 * Reading a visits file from an electronic call-monitoring (ECM) system
 * (docs/commissioning/provider-portal.md): UTF-8 CSV with a header row naming the columns
 * visit_id, placement_ref, date, start_time, carer_count and end_time or duration_minutes (or
 * both), in any order. Each row is checked on its own; a row that is wrong is reported with its
 * line number. What a row means for its line (unit, days, the day's total) is the delivery
 * service's.
 */
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import type { RejectedRow } from './payment-schema.js';

export const ecmRequired = ['visit_id', 'placement_ref', 'date', 'start_time', 'carer_count'] as const;
export const ecmDuration = ['end_time', 'duration_minutes'] as const;
export const ecmFileLimitBytes = 5 * 1024 * 1024;
export const ecmMaxRows = 50_000;

export type EcmVisit = { lineNo: number; visitId: string; placementRef: string; date: string; minutes: number; carers: number };
export type EcmFile = { visits: EcmVisit[]; rejected: RejectedRow[]; rowsRead: number };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "07:30" or "7:30" or "07:30:00" as minutes after midnight; null when it is not a time of day. */
export function minutesOfTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59 || (m[3] !== undefined && Number(m[3]) > 59)) return null;
  return h * 60 + min;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidError('The file is not UTF-8 text: export it from your call-monitoring system as CSV (UTF-8) and send it again.', [{ field: 'file', problem: 'is not UTF-8' }]);
  }
}

function columnsOf(header: string[]): Map<string, number> {
  const found = header.map((h) => h.trim().toLowerCase());
  const at = new Map(found.map((h, i) => [h, i]));
  const problems = ecmRequired.filter((c) => !at.has(c)).map((c) => ({ field: `columns.${c}`, problem: 'is missing' }));
  if (!ecmDuration.some((c) => at.has(c))) problems.push({ field: 'columns.end_time', problem: 'is missing: give end_time or duration_minutes' });
  if (problems.length) {
    throw new InvalidError(`The header row must name ${ecmRequired.join(', ')} and end_time or duration_minutes — found: ${found.join(',') || '(nothing)'}.`, problems);
  }
  return at;
}

export function readEcmFile(bytes: Uint8Array): EcmFile {
  const text = decode(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new InvalidError(`The file is not a readable CSV: ${(e as Error).message}`, [{ field: 'file', problem: 'is not CSV' }]);
  }
  const [head, ...rows] = records;
  if (!head) throw new InvalidError(`The file is empty: it needs a header row (${ecmRequired.join(',')},end_time) and a row per visit.`, [{ field: 'file', problem: 'is empty' }]);
  if (rows.length > ecmMaxRows) throw new InvalidError(`The file has ${rows.length} visits; send at most ${ecmMaxRows} in one file.`, [{ field: 'file', problem: `has more than ${ecmMaxRows} rows` }]);
  const col = columnsOf(head.record);
  const cell = (record: string[], name: string) => (col.has(name) ? (record[col.get(name)!] ?? '').trim() : '');
  const visits: EcmVisit[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const problems: RejectedRow[] = [];
    const visitId = cell(record, 'visit_id');
    const placementRef = cell(record, 'placement_ref');
    const date = cell(record, 'date');
    if (!visitId) problems.push({ line, field: 'visit_id', problem: 'is empty' });
    else if (visitId.length > 200) problems.push({ line, field: 'visit_id', problem: 'is longer than 200 characters' });
    else if (seen.has(visitId)) problems.push({ line, field: 'visit_id', problem: `repeats the visit on line ${seen.get(visitId)}` });
    if (!uuid.test(placementRef)) problems.push({ line, field: 'placement_ref', problem: `"${placementRef}" is not a placement or service line reference (a UUID from the portal)` });
    if (!isIsoDate(date)) problems.push({ line, field: 'date', problem: `"${date}" is not a date as YYYY-MM-DD` });
    const start = minutesOfTime(cell(record, 'start_time'));
    if (start === null) problems.push({ line, field: 'start_time', problem: `"${cell(record, 'start_time')}" is not a time of day as HH:MM` });
    let minutes: number | null = null;
    const endText = cell(record, 'end_time');
    const durationText = cell(record, 'duration_minutes');
    if (durationText) {
      minutes = /^\d+$/.test(durationText) ? Number(durationText) : null;
      if (minutes === null || minutes <= 0) problems.push({ line, field: 'duration_minutes', problem: `"${durationText}" is not a whole number of minutes above 0` });
    } else if (endText) {
      const end = minutesOfTime(endText);
      if (end === null) problems.push({ line, field: 'end_time', problem: `"${endText}" is not a time of day as HH:MM` });
      // A visit that ends before it starts ran past midnight.
      else if (start !== null) minutes = end > start ? end - start : end + 24 * 60 - start;
      if (end !== null && end === start) problems.push({ line, field: 'end_time', problem: 'is the same as start_time: the visit took no time' });
    } else {
      problems.push({ line, field: 'end_time', problem: 'is empty: give end_time or duration_minutes' });
    }
    if (minutes !== null && minutes > 24 * 60) problems.push({ line, field: 'duration_minutes', problem: 'is more than 24 hours' });
    const carersText = cell(record, 'carer_count');
    const carers = /^\d+$/.test(carersText) ? Number(carersText) : NaN;
    if (!(carers >= 1 && carers <= 4)) problems.push({ line, field: 'carer_count', problem: `"${carersText}" is not a number of carers from 1 to 4` });
    if (visitId && !seen.has(visitId)) seen.set(visitId, line);
    if (problems.length) {
      rejected.push(...problems);
      continue;
    }
    visits.push({ lineNo: line, visitId, placementRef: placementRef.toLowerCase(), date, minutes: minutes!, carers });
  }
  return { visits, rejected, rowsRead: rows.length };
}
