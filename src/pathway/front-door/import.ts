import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { Ctx } from '../../access/actor.js';
import { DomainError } from '../../platform/errors.js';
import { receiveReferral } from './service.js';
import type { NewReferral } from './types.js';

/** The columns of a referral feed, one referral a row. */
export const referralColumns = [
  'external_ref',
  'received_at',
  'source',
  'source_name',
  'route_of_access',
  'urgency',
  'reason',
  'nhs_number',
  'given_name',
  'family_name',
  'birth_date',
  'gender',
  'postcode',
  'gp_practice_ods',
] as const;

export type ImportReport = { rows: number; created: number; unchanged: number; rejected: { line: number; problem: string }[] };

function referralOfRow(row: Record<string, string>): NewReferral {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  return {
    externalRef: blank(row.external_ref),
    receivedAt: blank(row.received_at),
    source: (blank(row.source) ?? '') as NewReferral['source'],
    sourceName: blank(row.source_name) ?? '',
    routeOfAccess: blank(row.route_of_access) as NewReferral['routeOfAccess'],
    urgency: blank(row.urgency) as NewReferral['urgency'],
    reason: row.reason ?? '',
    person: {
      nhsNumber: blank(row.nhs_number) ?? null,
      givenName: row.given_name ?? '',
      familyName: row.family_name ?? '',
      birthDate: row.birth_date ?? '',
      gender: (blank(row.gender) ?? 'X') as '1' | '2' | '9' | 'X',
      postcode: blank(row.postcode) ?? '',
      gpPracticeOds: blank(row.gp_practice_ods) ?? null,
    },
  };
}

/**
 * Loads a CSV of referrals through the same front door as every other channel, row by row, so
 * each one is matched, validated and audited alike. A bad row is reported with its line number
 * and skipped; the good rows are kept.
 */
export async function importReferrals(ctx: Ctx, file: string, progress?: (done: number, total: number) => void): Promise<ImportReport> {
  const text = fs.readFileSync(file, 'utf8');
  const total = Math.max(0, text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1);
  const report: ImportReport = { rows: 0, created: 0, unchanged: 0, rejected: [] };
  const parser = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: false, info: true, relax_column_count: true });
  let checkedHeader = false;
  for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    if (!checkedHeader) {
      const missing = ['source', 'reason', 'given_name', 'family_name', 'birth_date'].filter((c) => !(c in record.record));
      if (missing.length) throw new Error(`The file lacks the column(s) ${missing.join(', ')}. Expected columns: ${referralColumns.join(', ')}.`);
      checkedHeader = true;
    }
    report.rows++;
    try {
      const { created } = await receiveReferral(ctx, referralOfRow(record.record), 'import');
      if (created) report.created++;
      else report.unchanged++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const detail = err.details.map((d) => `${d.field}: ${d.problem}`).join('; ');
      report.rejected.push({ line: record.info.lines, problem: detail || err.message });
    }
    progress?.(report.rows, total);
  }
  return report;
}
