/**
 * The population of a place by zone and age band, from the person register: the denominator of
 * rates per 1,000 (emergency admissions and bed days of people aged 65+, 75+, 85+). reporting/
 * reads across modules and only reads. Counted once per place and day and kept in memory, because
 * a register of a million changes little within a day and the count is a scan of everyone 65+.
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';

export type AgeBand = '65+' | '75+' | '85+';
export const ageBands: readonly AgeBand[] = ['65+', '75+', '85+'];
export type PopulationByZone = Map<string | null, Record<AgeBand, number>>;

const cache = new Map<string, { at: number; value: PopulationByZone }>();
const keepMs = 60 * 60 * 1000;

function yearsBefore(on: string, years: number): string {
  return `${Number(on.slice(0, 4)) - years}${on.slice(4)}`;
}

/** People alive on the register on `on`, by the zone of their GP practice (null: no practice) and age band. */
export async function olderPopulationByZone(db: Executor, placeId: string, on: string): Promise<PopulationByZone> {
  const key = `${placeId}|${on}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < keepMs) return hit.value;
  const rows = await rowsOf<{ zone_id: string | null; a65: number; a75: number; a85: number }>(
    db,
    sql`select pr.zone_id,
               count(*)::int as a65,
               count(*) filter (where p.birth_date <= ${yearsBefore(on, 75)}::date)::int as a75,
               count(*) filter (where p.birth_date <= ${yearsBefore(on, 85)}::date)::int as a85
        from person p
        left join partner pr on pr.place_id = p.place_id and pr.id = p.gp_practice_id
        where p.place_id = ${placeId} and p.merged_into_id is null
          and (p.death_date is null or p.death_date > ${on}::date)
          and p.birth_date <= ${yearsBefore(on, 65)}::date
        group by pr.zone_id`,
  );
  const value: PopulationByZone = new Map(rows.map((r) => [r.zone_id, { '65+': Number(r.a65), '75+': Number(r.a75), '85+': Number(r.a85) }]));
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** Forget cached counts (tests that add people and count again). */
export function forgetPopulation(): void {
  cache.clear();
}
