/**
 * What the market view (src/commissioning/market.ts) needs of service lines beyond their
 * commitments, read here so commissioning never reads the pathway's tables: each line's unit and
 * its weekly quantity over time (a re-priced line's quantity before, from its versions). No names,
 * no clinical detail.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { serviceLines, serviceLineVersions } from '../schema.js';

export type LineUnits = {
  unit: string;
  /** Units a week in hundredths over time, oldest first: the first from the line's start (from null), then each re-pricing's day. */
  weekly: { from: string | null; weeklyHundredths: number }[];
};

type Quantified = { quantityHundredths: number; frequency: string; priceFrom?: string | null };

/** A line's units a week in hundredths: per day × 7, per week as it is, one-off none. */
export function weeklyHundredths(l: Pick<Quantified, 'quantityHundredths' | 'frequency'>): number {
  if (l.frequency === 'per_day') return l.quantityHundredths * 7;
  if (l.frequency === 'per_week') return l.quantityHundredths;
  return 0;
}

export async function lineUnitsForMarket(db: Executor, placeId: string, lineIds: string[]): Promise<Map<string, LineUnits>> {
  const out = new Map<string, LineUnits>();
  for (let i = 0; i < lineIds.length; i += 1000) {
    const chunk = lineIds.slice(i, i + 1000);
    const rows = await db
      .select({ id: serviceLines.id, unit: serviceLines.unit, quantityHundredths: serviceLines.quantityHundredths, frequency: serviceLines.frequency, priceFrom: serviceLines.priceFrom })
      .from(serviceLines)
      .where(and(eq(serviceLines.placeId, placeId), inArray(serviceLines.id, chunk)));
    const varied = rows.filter((r) => r.priceFrom !== null).map((r) => r.id);
    const history = new Map<string, LineUnits['weekly']>();
    if (varied.length > 0) {
      const versions = await db
        .select({ lineId: serviceLineVersions.lineId, change: serviceLineVersions.change, data: serviceLineVersions.data })
        .from(serviceLineVersions)
        .where(and(eq(serviceLineVersions.placeId, placeId), inArray(serviceLineVersions.lineId, varied), or(eq(serviceLineVersions.version, 1), eq(serviceLineVersions.change, 'varied'))))
        .orderBy(asc(serviceLineVersions.lineId), asc(serviceLineVersions.version));
      for (const v of versions) {
        const d = v.data as Quantified;
        const list = history.get(v.lineId) ?? [];
        list.push({ from: v.change === 'varied' ? (d.priceFrom ?? null) : null, weeklyHundredths: weeklyHundredths(d) });
        history.set(v.lineId, list);
      }
    }
    for (const r of rows) out.set(r.id, { unit: r.unit, weekly: history.get(r.id) ?? [{ from: null, weeklyHundredths: weeklyHundredths(r) }] });
  }
  return out;
}
