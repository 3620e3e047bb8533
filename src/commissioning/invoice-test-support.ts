/**
 * Rows the invoice tests need from parts built beside them (placements, deliveries, line pricing)
 * and the fixture's service lines of a provider, inserted and read directly until those parts'
 * services exist.
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { deliveries, placements } from './payment-schema.js';

export type FixtureLine = { id: string; unit: string; frequency: string; quantityHundredths: number; unitCostPence: number; startOn: string; endOn: string | null; status: string };

export async function providerOfUser(db: Executor, userId: string): Promise<string> {
  const [row] = await rowsOf<{ provider_partner_id: string }>(db, sql`select provider_partner_id from app_user where id = ${userId}`);
  return row!.provider_partner_id;
}

/** Weekly hourly lines of the provider in place over [from, to]. */
export async function weeklyHourLinesOf(db: Executor, placeId: string, providerPartnerId: string, from: string, to: string): Promise<FixtureLine[]> {
  const rows = await rowsOf<{ id: string; unit: string; frequency: string; quantity_hundredths: number; unit_cost_pence: string; start_on: string; end_on: string | null; status: string }>(
    db,
    sql`select id, unit, frequency, quantity_hundredths, unit_cost_pence::text, coalesce(started_on, planned_start)::text as start_on, planned_end::text as end_on, status
        from service_line where place_id = ${placeId} and provider_partner_id = ${providerPartnerId} and status = 'in_place'
        and frequency = 'per_week' and unit = 'hour' and price_from is null and coalesce(started_on, planned_start) <= ${from}
        and (planned_end is null or planned_end >= ${to}) order by id`,
  );
  return rows.map((r) => ({ id: r.id, unit: r.unit, frequency: r.frequency, quantityHundredths: r.quantity_hundredths, unitCostPence: Number(r.unit_cost_pence), startOn: r.start_on, endOn: r.end_on, status: r.status }));
}

/** An ended line of the provider that ended before `before`. */
export async function endedLineOf(db: Executor, placeId: string, providerPartnerId: string, before: string): Promise<{ id: string; endedOn: string; unitCostPence: number; unit: string } | undefined> {
  const [row] = await rowsOf<{ id: string; ended_on: string; unit_cost_pence: string; unit: string }>(
    db,
    sql`select id, ended_on::text, unit_cost_pence::text, unit from service_line where place_id = ${placeId} and provider_partner_id = ${providerPartnerId} and status = 'ended' and ended_on < ${before} order by id limit 1`,
  );
  return row ? { id: row.id, endedOn: row.ended_on, unitCostPence: Number(row.unit_cost_pence), unit: row.unit } : undefined;
}

/** A started placement of the line with the provider, and one delivery a day of `hundredthsPerDay` over the days given. */
export async function recordDeliveries(db: Executor, placeId: string, providerPartnerId: string, serviceLineId: string, days: string[], hundredthsPerDay: number): Promise<void> {
  const existing = await rowsOf<{ id: string }>(db, sql`select id from placement where place_id = ${placeId} and service_line_id = ${serviceLineId} and status = 'started'`);
  let placementId = existing[0]?.id;
  if (!placementId) {
    placementId = newId();
    await db.insert(placements).values({ placeId, id: placementId, serviceLineId, providerPartnerId, status: 'started', offeredAt: new Date('2026-01-01T00:00:00Z'), startedOn: '2026-01-01' });
  }
  for (const d of days) {
    await db.insert(deliveries).values({ placeId, id: newId(), serviceLineId, placementId, providerPartnerId, deliveredOn: d, unit: 'hour', quantityHundredths: hundredthsPerDay, source: 'form', recordedAt: new Date() });
  }
}

export function daysOf(from: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
}

export async function countRows(db: Executor, table: 'invoice' | 'invoice_line', placeId: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} where place_id = ${placeId}`);
  return Number(r!.n);
}
