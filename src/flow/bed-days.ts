/**
 * Occupied bed days of ward spells that have ended, by month, zone, hospital and ward
 * (occupied_bed_month): the engine adds each spell's nights in the transaction that ends it, the
 * synthetic generator those of the stays it writes, and the monthly measures read them back with
 * the nights of the spells still running (measures.ts). A spell that has ended never changes:
 * events arrive in order and a discharged stay takes none.
 */
import { insertAsJsonSql } from '../platform/bulk.js';
import { sql, type SQL } from '../platform/db.js';
import { nightsByMonth } from './rules.js';
import { occupiedBedMonths } from './schema.js';
import type { Model } from './stay-store.js';

/** A ward spell that has ended: from the day the person came to the ward to the day they left it. */
export type EndedSpell = { placeId: string; zoneId: string | null; hospitalId: string; ward: string; fromOn: string; toOn: string };

type BedMonthRow = typeof occupiedBedMonths.$inferInsert;

/**
 * The spells that ended in this batch: each ward spell it closed (a ward move, or the discharge of a
 * stay that moved), and the whole stay of a stay discharged now that never moved ward.
 */
export function spellsEndedBy(models: readonly Model[]): EndedSpell[] {
  const out: EndedSpell[] = [];
  for (const m of models) {
    const { placeId, zoneId, hospitalId } = m.row;
    for (const w of m.spells) if (w.dirty && w.toOn) out.push({ placeId, zoneId, hospitalId, ward: w.ward, fromOn: w.fromOn, toOn: w.toOn });
    if (m.dischargedNow && m.spells.length === 0) out.push({ placeId, zoneId, hospitalId, ward: m.row.ward, fromOn: m.row.admittedOn, toOn: m.row.dischargedOn! });
  }
  return out;
}

/** The spells' nights summed by month, zone, hospital and ward, in the order of the table's key (so two writers lock rows in the same order). */
export function bedMonthRows(spells: readonly EndedSpell[]): BedMonthRow[] {
  const sums = new Map<string, BedMonthRow>();
  for (const s of spells) {
    for (const { month, nights } of nightsByMonth(s.fromOn, s.toOn)) {
      const key = `${s.placeId}\u0001${month}\u0001${s.zoneId ?? ''}\u0001${s.hospitalId}\u0001${s.ward}`;
      const row = sums.get(key);
      if (row) row.bedDays += nights;
      else sums.set(key, { placeId: s.placeId, month, zoneId: s.zoneId, hospitalId: s.hospitalId, ward: s.ward, bedDays: nights });
    }
  }
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

const addNights = sql.raw('on conflict (place_id, month, zone_id, hospital_id, ward) do update set bed_days = occupied_bed_month.bed_days + excluded.bed_days');

/** The statement adding the spells' nights to the table, or null when they have none. */
export function addBedDaysSql(spells: readonly EndedSpell[]): SQL | null {
  return insertAsJsonSql(occupiedBedMonths, bedMonthRows(spells), addNights);
}
