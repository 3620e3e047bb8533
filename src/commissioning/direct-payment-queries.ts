/** The direct payments' SQL: periods made set-based (idempotent on direct_payment_period_uq), reads and the end of a payment. */
import { and, desc, eq } from 'drizzle-orm';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { directPayments } from './payment-schema.js';

export type DirectPaymentRow = typeof directPayments.$inferSelect;

/**
 * Makes every four-weekly period of every direct payment that starts on or before upTo (and on or
 * before the payment's end); a period cut short by the end is paid pro rata by days, rounded to the
 * nearest penny once. Periods already made are left alone, so this is safe to run again.
 */
export async function generateDuePeriods(tx: Executor, placeId: string, upTo: string, directPaymentId?: string): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    tx,
    sql`with made as (
          insert into direct_payment_period (place_id, id, direct_payment_id, period_from, period_to, amount_pence)
          select d.place_id, gen_random_uuid(), d.id, s.from_day,
                 case when d.ends_on is not null and d.ends_on < s.from_day + 27 then d.ends_on else s.from_day + 27 end,
                 case when d.ends_on is not null and d.ends_on < s.from_day + 27
                      then (d.four_weekly_pence * ((d.ends_on - s.from_day) + 1) * 2 + 28) / 56
                      else d.four_weekly_pence end
            from direct_payment d
            cross join lateral (select g::date as from_day
                                  from generate_series(d.starts_on::timestamp, least(${upTo}::date, coalesce(d.ends_on, ${upTo}::date))::timestamp, interval '28 days') g) s
           where d.place_id = ${placeId} ${directPaymentId ? sql`and d.id = ${directPaymentId}::uuid` : sql``}
          on conflict (place_id, direct_payment_id, period_from) do nothing
          returning 1)
        select count(*)::int as n from made`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function directPaymentById(db: Executor, placeId: string, id: string): Promise<DirectPaymentRow | null> {
  const [row] = await db.select().from(directPayments).where(and(eq(directPayments.placeId, placeId), eq(directPayments.id, id)));
  return row ?? null;
}

export async function directPaymentList(db: Executor, placeId: string, limit: number): Promise<DirectPaymentRow[]> {
  return db.select().from(directPayments).where(eq(directPayments.placeId, placeId)).orderBy(desc(directPayments.createdAt), desc(directPayments.id)).limit(limit);
}

export type DirectPaymentFigures = { periods: number; paidPeriods: number; paidPence: number; returnedPence: number; nextPeriodFrom: string | null };

/** For each payment: its periods made, those a posted run paid and their sum, and the money returned. */
export async function directPaymentFigures(db: Executor, placeId: string, ids: string[]): Promise<Map<string, DirectPaymentFigures>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; periods: number; paid_periods: number; paid: number; returned: number; next_from: string | null }>(
    db,
    sql`select d.id,
               (select count(*)::int from direct_payment_period pp where pp.place_id = d.place_id and pp.direct_payment_id = d.id) as periods,
               (select count(*)::int from direct_payment_period pp join pay_run_line l on l.place_id = pp.place_id and l.direct_payment_period_id = pp.id
                  join pay_run r on r.place_id = l.place_id and r.id = l.pay_run_id and r.status = 'posted'
                 where pp.place_id = d.place_id and pp.direct_payment_id = d.id) as paid_periods,
               (select coalesce(sum(pp.amount_pence), 0)::bigint from direct_payment_period pp join pay_run_line l on l.place_id = pp.place_id and l.direct_payment_period_id = pp.id
                  join pay_run r on r.place_id = l.place_id and r.id = l.pay_run_id and r.status = 'posted'
                 where pp.place_id = d.place_id and pp.direct_payment_id = d.id) as paid,
               (select coalesce(sum(x.amount_pence), 0)::bigint from direct_payment_return x where x.place_id = d.place_id and x.direct_payment_id = d.id) as returned,
               (select max(pp.period_from) + 28 from direct_payment_period pp where pp.place_id = d.place_id and pp.direct_payment_id = d.id) as next_from
          from direct_payment d where d.place_id = ${placeId} and d.id in (select unnest(${`{${ids.join(',')}}`}::uuid[]))`,
  );
  return new Map(
    rows.map((r) => [r.id, { periods: Number(r.periods), paidPeriods: Number(r.paid_periods), paidPence: Number(r.paid), returnedPence: Number(r.returned), nextPeriodFrom: r.next_from ?? null }]),
  );
}

/**
 * Ends a payment: periods not yet in any run that start after the end go, and an unpaid period the
 * end cuts short is re-priced pro rata. A period already in a run stays (money paid for days after the
 * end comes back as a return).
 */
export async function endDirectPayment(tx: Executor, placeId: string, id: string, endsOn: string, version: number): Promise<boolean> {
  const updated = await rowsOf<{ id: string }>(
    tx,
    sql`update direct_payment set ends_on = ${endsOn}, status = 'ended', version = version + 1
         where place_id = ${placeId} and id = ${id} and version = ${version} and status = 'active' returning id`,
  );
  if (updated.length === 0) return false;
  const unpaid = sql`not exists (select 1 from pay_run_line l where l.place_id = pp.place_id and l.direct_payment_period_id = pp.id)`;
  await tx.execute(sql`delete from direct_payment_period pp where pp.place_id = ${placeId} and pp.direct_payment_id = ${id} and pp.period_from > ${endsOn} and ${unpaid}`);
  await tx.execute(
    sql`update direct_payment_period pp set period_to = ${endsOn},
               amount_pence = (d.four_weekly_pence * ((${endsOn}::date - pp.period_from) + 1) * 2 + 28) / 56
          from direct_payment d
         where pp.place_id = ${placeId} and pp.direct_payment_id = ${id} and d.place_id = pp.place_id and d.id = pp.direct_payment_id
           and pp.period_from <= ${endsOn} and pp.period_to > ${endsOn} and ${unpaid}`,
  );
  return true;
}
