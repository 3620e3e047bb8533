/**
 * Hospital flow measures by month, for the place or one zone: occupied beds, emergency
 * admissions and bed days per 1,000 older people, delayed days by attribution and reason, the
 * share discharged on their Discharge Ready Date, long stays, and older people at home 91 days
 * after discharge into reablement. Aggregates only; definitions in docs/api.md.
 */
import type { Ctx } from '../access/actor.js';
import { denyAndAudit } from '../access/guard.js';
import { roleLabels } from '../access/roles.js';
import { londonDateOf } from '../platform/dates.js';
import { rowsOf, sql, type Executor, type SQL } from '../platform/db.js';
import { InvalidError } from '../platform/errors.js';
import { ageBands, olderPopulationByZone, type AgeBand } from '../reporting/population.js';
import { attributionLabels, delayReasons, type Attribution, type DelayReason } from './codes.js';
import { hospitalsOfPlace, zonesOfPlace, type ZoneRef } from './directory.js';
import { zoneOf } from './board.js';
import { addDaysIso, daysBetween, nextMonthStart } from './rules.js';

export type MeasuresQuery = { from?: string; to?: string; zone?: string };

const monthStart = (m: string) => `${m}-01`;
function addMonths(m: string, n: number): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const t = y * 12 + (mo - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

type Range = { from: string; to: string; start: string; end: string; today: string; months: string[] };

function rangeOf(q: MeasuresQuery, today: string): Range {
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const to = q.to ?? lastMonth;
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw new InvalidError('The first month is after the last.', [{ field: 'from', problem: `must not be after to (${to})` }]);
  const months = monthsBetween(from, to);
  if (months.length > 36) throw new InvalidError('Ask for at most 36 months at a time.', [{ field: 'from', problem: 'must be at most 36 months before to' }]);
  return { from, to, start: monthStart(from), end: monthStart(addMonths(to, 1)), today, months };
}

const round = (v: number, places = 1) => Math.round(v * 10 ** places) / 10 ** places;

const zoneOfStay = (zone: ZoneRef | null) => (zone ? sql`and s.zone_id = ${zone.id}` : sql``);

/**
 * Stays that overlap the range and pass `where`: those discharged on its first day or later, then
 * those still in hospital (no discharge date), admitted before its end. Two parts rather than an
 * `or`, so each reads hospital_stay_measures_idx alone: the columns are the index's.
 */
function overlapping(placeId: string, r: Range, zone: ZoneRef | null, columns: SQL, where: SQL) {
  const part = (discharged: SQL) =>
    sql`select ${columns} from hospital_stay s
        where s.place_id = ${placeId} ${zoneOfStay(zone)} and ${discharged} and s.admitted_on < ${r.end}::date and ${where}`;
  // Discharged on the range's first day or later: a stay begun and ended that day is an admission in it.
  return sql`${part(sql`s.discharged_on >= ${r.start}::date`)} union all ${part(sql`s.discharged_on is null`)}`;
}

const monthsCte = (r: Range) =>
  sql`months as materialized (select m::date as month_start, least((m + interval '1 month')::date, ${addDaysIso(r.today, 1)}::date) as month_end
                 from generate_series(${r.start}::date, ${monthStart(r.to)}::date, interval '1 month') m)`;

/** The months of the range begun by today, with the days each has had so far (a whole month once it has ended). */
function monthsSoFar(r: Range): { month: string; days: number }[] {
  const tomorrow = addDaysIso(r.today, 1);
  return r.months.flatMap((month) => {
    const start = monthStart(month);
    const next = nextMonthStart(start);
    const end = next < tomorrow ? next : tomorrow;
    return end > start ? [{ month, days: Math.max(1, daysBetween(start, end)) }] : [];
  });
}

async function occupiedBeds(db: Executor, placeId: string, r: Range, zone: ZoneRef | null) {
  // A bed day is a midnight in hospital, counted on the ward the person was on that night. The
  // nights of ward spells that have ended were added up by month as each ended (bed-days.ts); those
  // of the spells still running, the current ward of each stay in hospital from the day the person
  // came to it (the admission, for a stay that never moved), are counted here up to tonight.
  const [ended, running] = await Promise.all([
    rowsOf<{ month: string; hospital_id: string; ward: string; bed_days: number }>(
      db,
      sql`select to_char(b.month, 'YYYY-MM') as month, b.hospital_id, b.ward, sum(b.bed_days)::int8 as bed_days
          from occupied_bed_month b
          where b.place_id = ${placeId} and b.month >= ${r.start}::date and b.month < ${r.end}::date ${zone ? sql`and b.zone_id = ${zone.id}` : sql``}
          group by 1, 2, 3`,
    ),
    rowsOf<{ month: string; hospital_id: string; ward: string; bed_days: number }>(
      db,
      sql`with ${monthsCte(r)},
          running as materialized (select s.hospital_id, s.ward,
                             coalesce((select w.from_on from ward_spell w where w.place_id = s.place_id and w.stay_id = s.id order by w.seq desc limit 1), s.admitted_on) as from_on
                      from hospital_stay s
                      where s.place_id = ${placeId} and s.status <> 'discharged' ${zoneOfStay(zone)})
          select to_char(m.month_start, 'YYYY-MM') as month, w.hospital_id, w.ward,
                 sum(m.month_end - greatest(w.from_on, m.month_start))::int8 as bed_days
          from months m join running w on w.from_on < m.month_end
          where m.month_end > m.month_start
          group by 1, 2, 3`,
    ),
  ]);
  const sums = new Map<string, { month: string; hospitalId: string; ward: string; bedDays: number }>();
  for (const x of [...ended, ...running]) {
    const key = `${x.month}\u0001${x.hospital_id}\u0001${x.ward}`;
    const was = sums.get(key);
    if (was) was.bedDays += Number(x.bed_days);
    else sums.set(key, { month: x.month, hospitalId: x.hospital_id, ward: x.ward, bedDays: Number(x.bed_days) });
  }
  const daysOf = new Map(monthsSoFar(r).map((m) => [m.month, m.days]));
  const hospitals = new Map((await hospitalsOfPlace(db, placeId)).map((h) => [h.id, h.name]));
  return [...sums.values()]
    .filter((x) => x.bedDays > 0 && daysOf.has(x.month))
    .sort((a, b) => cmp(a.month, b.month) || cmp(a.hospitalId, b.hospitalId) || cmp(a.ward, b.ward))
    .map((x) => ({ month: x.month, hospital: hospitals.get(x.hospitalId) ?? '', ward: x.ward, bedDays: x.bedDays, meanOccupiedBeds: round(x.bedDays / daysOf.get(x.month)!) }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function emergency(db: Executor, placeId: string, r: Range, zone: ZoneRef | null) {
  const pop = await olderPopulationByZone(db, placeId, r.today);
  const population: Record<AgeBand, number> = { '65+': 0, '75+': 0, '85+': 0 };
  for (const [zoneId, counts] of pop) {
    if (zone && zoneId !== zone.id) continue;
    for (const b of ageBands) population[b] += counts[b];
  }
  // Each stay once for each month it overlaps, its admission counted in the month it began and its
  // nights (to tonight, while in hospital) in the months they began, for each age band it is in. A
  // stay within one month (most) is counted without the months; only the others are joined to them.
  const tomorrow = addDaysIso(r.today, 1);
  const stays = overlapping(placeId, r, zone, sql`s.admitted_on, s.discharged_on, s.age_at_admission`, sql`s.admission_group = 'emergency' and s.age_at_admission >= 65`);
  const perBand = ageBands.map((band) => {
    const age = Number(band.slice(0, 2));
    return sql`count(*) filter (where s.age_at_admission >= ${age} and s.admitted_on >= s.month_start)::int as ${sql.identifier(`admissions_${age}`)},
               coalesce(sum(least(s.until, s.month_end) - greatest(s.admitted_on, s.month_start)) filter (where s.age_at_admission >= ${age}), 0)::int8 as ${sql.identifier(`bed_days_${age}`)}`;
  });
  const rows = await rowsOf<Record<string, string | number>>(
    db,
    sql`with ${monthsCte(r)}, stays as (${stays}),
        spans as (select s.admitted_on, s.age_at_admission, least(coalesce(s.discharged_on, ${tomorrow}::date), ${tomorrow}::date) as until,
                         date_trunc('month', greatest(s.admitted_on, ${r.start}::date)::timestamp)::date as first_month,
                         -- a stay ended on the day it began (no night) still belongs to its month
                         greatest(date_trunc('month', greatest(s.admitted_on, ${r.start}::date)::timestamp)::date,
                                  date_trunc('month', (least(coalesce(s.discharged_on, ${tomorrow}::date), ${tomorrow}::date, ${r.end}::date) - 1)::timestamp)::date) as last_month
                  from stays s),
        per as (select s.admitted_on, s.age_at_admission, s.until, s.first_month as month_start,
                       least((s.first_month + interval '1 month')::date, ${tomorrow}::date) as month_end
                from spans s where s.first_month = s.last_month
                union all
                select s.admitted_on, s.age_at_admission, s.until, m.month_start, m.month_end
                from spans s join months m on m.month_start between s.first_month and s.last_month
                where s.first_month < s.last_month)
        select to_char(s.month_start, 'YYYY-MM') as month, ${sql.join(perBand, sql`, `)}
        from per s
        group by 1`,
  );
  const out = [];
  for (const month of r.months) {
    const x = rows.find((y) => y.month === month);
    for (const band of ageBands) {
      const age = band.slice(0, 2);
      const admissions = Number(x?.[`admissions_${age}`] ?? 0);
      const bedDays = Math.max(0, Number(x?.[`bed_days_${age}`] ?? 0));
      const per = population[band] > 0 ? 1000 / population[band] : 0;
      out.push({ month, ageBand: band, population: population[band], admissions, bedDays, admissionsPer1000: round(admissions * per, 2), bedDaysPer1000: round(bedDays * per, 1) });
    }
  }
  return out;
}

async function delayedDaysByReason(db: Executor, placeId: string, r: Range, zone: ZoneRef | null) {
  const rows = await rowsOf<{ month: string; attribution: string; reason: string; days: number }>(
    db,
    sql`select to_char(d.day, 'YYYY-MM') as month, d.attribution, d.reason, count(*)::int as days
        from delay_day d
        where d.place_id = ${placeId} and d.day >= ${r.start}::date and d.day < ${r.end}::date ${zone ? sql`and d.zone_id = ${zone.id}` : sql``}
        group by 1, 2, 3 order by 1, 2, 3`,
  );
  return rows.map((x) => ({
    month: x.month,
    attribution: x.attribution,
    attributionLabel: attributionLabels[x.attribution as Attribution] ?? x.attribution,
    reason: x.reason,
    reasonLabel: delayReasons[x.reason as DelayReason]?.label ?? x.reason,
    days: Number(x.days),
  }));
}

type DischargeRow = { month: string; discharged: number; on_drd: number; delayed: number; delay_sum: number; los7: number; los14: number; los21: number };

async function discharges(db: Executor, placeId: string, r: Range, zone: ZoneRef | null): Promise<DischargeRow[]> {
  return rowsOf<DischargeRow>(
    db,
    sql`select to_char(s.discharged_on, 'YYYY-MM') as month, count(*)::int as discharged,
               count(*) filter (where coalesce(s.delay_days, 0) = 0)::int as on_drd,
               count(*) filter (where s.delay_days > 0)::int as delayed,
               coalesce(sum(s.delay_days) filter (where s.delay_days > 0), 0)::int as delay_sum,
               count(*) filter (where s.discharged_on - s.admitted_on >= 7)::int as los7,
               count(*) filter (where s.discharged_on - s.admitted_on >= 14)::int as los14,
               count(*) filter (where s.discharged_on - s.admitted_on >= 21)::int as los21
        from hospital_stay s
        where s.place_id = ${placeId} and s.discharged_on >= ${r.start}::date and s.discharged_on < ${r.end}::date
          ${zone ? sql`and s.zone_id = ${zone.id}` : sql``}
        group by 1 order by 1`,
  );
}

async function atHome91(db: Executor, placeId: string, r: Range, zone: ZoneRef | null) {
  const rows = await rowsOf<{ month: string; discharged: number; at_home: number }>(
    db,
    sql`select to_char(s.discharged_on, 'YYYY-MM') as month, count(*)::int as discharged,
               count(*) filter (where not exists (
                 select 1 from hospital_stay l
                 where l.place_id = s.place_id and l.person_id = s.person_id and l.admitted_at > s.discharged_at
                   and l.admitted_on <= s.discharged_on + 91
                   and (coalesce(l.discharged_on, 'infinity'::date) > s.discharged_on + 91
                        or l.discharge_destination in ('54', '65', '79', '85', '88'))))::int as at_home
        from hospital_stay s
        where s.place_id = ${placeId} and s.discharged_on >= ${r.start}::date and s.discharged_on < ${r.end}::date
          and s.discharged_on + 91 <= ${r.today}::date
          and s.age_at_admission >= 65 and s.pathway = 1 and s.discharge_destination in ('19', '29')
          ${zone ? sql`and s.zone_id = ${zone.id}` : sql``}
        group by 1 order by 1`,
  );
  return r.months.map((month) => {
    const x = rows.find((y) => y.month === month);
    const discharged = Number(x?.discharged ?? 0);
    const atHome = Number(x?.at_home ?? 0);
    return { month, discharged, atHome, percent: discharged ? round((atHome / discharged) * 100) : null };
  });
}

/** Who sees the measures: everyone signed in but partner systems (they are aggregates: nobody is named). */
async function mayReadMeasures(ctx: Ctx): Promise<void> {
  if (ctx.actor.role === 'integration') {
    await denyAndAudit(ctx, { action: 'flow.measures', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) sends data; it does not read measures.` });
  }
}

export async function flowMeasures(ctx: Ctx, q: MeasuresQuery) {
  await mayReadMeasures(ctx);
  const placeId = ctx.actor.placeId;
  const r = rangeOf(q, londonDateOf(ctx.clock.now()));
  const db = ctx.db;
  const zones = await zonesOfPlace(db, placeId);
  const zone = zoneOf(zones, q.zone);
  const [beds, emergencyRows, delayed, dis, home] = await Promise.all([
    occupiedBeds(db, placeId, r, zone),
    emergency(db, placeId, r, zone),
    delayedDaysByReason(db, placeId, r, zone),
    discharges(db, placeId, r, zone),
    atHome91(db, placeId, r, zone),
  ]);
  const byMonth = (month: string) => dis.find((d) => d.month === month);
  return {
    from: r.from,
    to: r.to,
    asOf: r.today,
    zone: zone ? { code: zone.code, name: zone.name } : null,
    zones,
    occupiedBeds: beds,
    emergency: emergencyRows,
    delayedDays: delayed,
    dischargeReadyDate: r.months.map((month) => {
      const d = byMonth(month);
      const discharged = Number(d?.discharged ?? 0);
      const onDrd = Number(d?.on_drd ?? 0);
      const delayedCount = Number(d?.delayed ?? 0);
      return {
        month,
        discharged,
        onDischargeReadyDate: onDrd,
        percentOnDischargeReadyDate: discharged ? round((onDrd / discharged) * 100) : null,
        meanDelayOfOthers: delayedCount ? round(Number(d!.delay_sum) / delayedCount, 2) : null,
      };
    }),
    longStays: r.months.map((month) => {
      const d = byMonth(month);
      return { month, discharged: Number(d?.discharged ?? 0), days7Plus: Number(d?.los7 ?? 0), days14Plus: Number(d?.los14 ?? 0), days21Plus: Number(d?.los21 ?? 0) };
    }),
    atHome91Days: home,
  };
}

type Measures = Awaited<ReturnType<typeof flowMeasures>>;
const measureKeys = {
  'occupied-beds': 'occupiedBeds',
  emergency: 'emergency',
  'delayed-days': 'delayedDays',
  drd: 'dischargeReadyDate',
  'long-stays': 'longStays',
  'at-home-91': 'atHome91Days',
} as const satisfies Record<string, keyof Measures>;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One measure as CSV: the same rows as the table beside its chart. */
export async function measureCsv(ctx: Ctx, q: MeasuresQuery & { measure: keyof typeof measureKeys }) {
  const m = await flowMeasures(ctx, q);
  const rows = m[measureKeys[q.measure]] as Record<string, unknown>[];
  const columns = rows[0] ? Object.keys(rows[0]) : ['month'];
  const text = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
  return { filename: `${q.measure}-${m.zone?.code ?? 'all'}-${m.from}-to-${m.to}.csv`, text };
}
