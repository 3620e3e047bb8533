import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rowsOf, sql } from '../platform/db.js';
import type { TestApp } from '../../tests/support/test-app.js';
import { FIXTURE } from '../../tests/support/fixture.js';
import { feedColumns } from './import.js';

/** Helpers hospital flow's integration tests share (test code, kept beside the module it serves). */

export type Someone = { id: string; nhsNumber: string; birthDate: string };

/**
 * People of the fixture nobody holds a relationship with, with no open referral and no hospital
 * stay since June: each test admits its own, so that no admission of one test overlaps another's.
 */
export async function peopleOutOfHospital(t: TestApp, placeId: string, n: number): Promise<Someone[]> {
  const rows = await rowsOf<{ id: string; nhs_number: string; birth_date: string }>(
    t.database.db,
    sql`select p.id, p.nhs_number, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from person p
        where p.place_id = ${placeId} and p.nhs_number is not null and p.merged_into_id is null and p.death_date is null
          and not exists (select 1 from hospital_stay s where s.place_id = p.place_id and s.person_id = p.id and (s.status <> 'discharged' or s.discharged_on >= '2026-06-01'))
          and not exists (select 1 from care_relationship r where r.place_id = p.place_id and r.person_id = p.id and (r.valid_to is null or r.valid_to > ${FIXTURE.now}::timestamptz))
          and not exists (select 1 from referral f where f.place_id = p.place_id and f.person_id = p.id and f.status in ('received', 'accepted', 'allocated'))
        order by p.id limit ${n}`,
  );
  if (rows.length < n) throw new Error(`the fixture has ${rows.length} people out of hospital, not ${n}`);
  return rows.map((r) => ({ id: r.id, nhsNumber: r.nhs_number, birthDate: r.birth_date }));
}

/** A feed file of these rows (cells by column name), with the header; removed by the returned function. */
export function feedFile(rows: Partial<Record<(typeof feedColumns)[number], string>>[]): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-'));
  const file = path.join(dir, 'stays.csv');
  fs.writeFileSync(file, [feedColumns.join(','), ...rows.map((r) => feedColumns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n');
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
