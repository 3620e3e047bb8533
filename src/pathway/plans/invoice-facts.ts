/**
 * What invoice matching (src/commissioning/matching.ts) needs of service lines, read here so
 * commissioning never reads the pathway's tables: each line's provider, unit, frequency, dates,
 * status and its quantity and unit cost over time (a re-priced line's figures before, from its
 * versions). No names, no clinical detail.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { serviceLines, serviceLineVersions } from '../schema.js';

export type LineForMatching = {
  lineId: string;
  planId: string;
  providerPartnerId: string;
  serviceType: string;
  unit: string;
  frequency: string;
  status: string;
  plannedStart: string;
  plannedEnd: string | null;
  startedOn: string | null;
  endedOn: string | null;
  /** Oldest first: the first from the line's start (from null), each re-pricing from its day. */
  spans: { from: string | null; quantityHundredths: number; unitCostPence: number }[];
};

type Priced = { quantityHundredths: number; unitCostPence: number | string; priceFrom?: string | null };

/** The lines with these ids (those that exist), with their price spans. */
export async function linesForMatching(db: Executor, placeId: string, lineIds: readonly string[]): Promise<Map<string, LineForMatching>> {
  const out = new Map<string, LineForMatching>();
  for (let i = 0; i < lineIds.length; i += 1000) {
    const ids = lineIds.slice(i, i + 1000);
    const rows = await db.select().from(serviceLines).where(and(eq(serviceLines.placeId, placeId), inArray(serviceLines.id, ids)));
    const varied = rows.filter((r) => r.priceFrom !== null).map((r) => r.id);
    const history = new Map<string, LineForMatching['spans']>();
    if (varied.length) {
      const versions = await db
        .select({ lineId: serviceLineVersions.lineId, change: serviceLineVersions.change, data: serviceLineVersions.data })
        .from(serviceLineVersions)
        .where(and(eq(serviceLineVersions.placeId, placeId), inArray(serviceLineVersions.lineId, varied), or(eq(serviceLineVersions.version, 1), eq(serviceLineVersions.change, 'varied'))))
        .orderBy(asc(serviceLineVersions.lineId), asc(serviceLineVersions.version));
      for (const v of versions) {
        const d = v.data as Priced;
        const list = history.get(v.lineId) ?? [];
        list.push({ from: v.change === 'varied' ? (d.priceFrom ?? null) : null, quantityHundredths: d.quantityHundredths, unitCostPence: Number(d.unitCostPence) });
        history.set(v.lineId, list);
      }
    }
    for (const r of rows) {
      out.set(r.id, {
        lineId: r.id,
        planId: r.planId,
        providerPartnerId: r.providerPartnerId,
        serviceType: r.serviceType,
        unit: r.unit,
        frequency: r.frequency,
        status: r.status,
        plannedStart: r.plannedStart,
        plannedEnd: r.plannedEnd,
        startedOn: r.startedOn,
        endedOn: r.endedOn,
        spans: history.get(r.id) ?? [{ from: null, quantityHundredths: r.quantityHundredths, unitCostPence: Number(r.unitCostPence) }],
      });
    }
  }
  return out;
}
