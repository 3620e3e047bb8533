/**
 * What the pool's commitments need of service lines (src/finance/commitments.ts), read here so
 * finance never reads the pathway's tables: each line's costing, dates and status, its price
 * spans (a re-priced line's figures before, from its versions), and the client group its referral
 * was routed by (null when it came without one). No names, no clinical detail.
 */
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { assessments, carePlans, referrals, serviceLines, serviceLineVersions } from '../schema.js';
import { lineCost } from './cost.js';

export type LineForCommitment = {
  lineId: string;
  planId: string;
  personId: string;
  providerPartnerId: string;
  serviceType: string;
  component: string;
  status: string;
  weeklyPence: number;
  plannedStart: string;
  plannedEnd: string | null;
  startedOn: string | null;
  endedOn: string | null;
  referralClientGroup: string | null;
  /**
   * The line's weekly cost over time, oldest first: the first from its start (from null), each
   * re-pricing from its day. One entry for a line never re-priced; the last is weeklyPence.
   */
  prices: { from: string | null; weeklyPence: number }[];
};

type Priced = { quantityHundredths: number; frequency: string; unitCostPence: number | string; priceFrom?: string | null };

/** The price spans of the re-priced lines among these, from their first version and each 'varied' one. */
async function pricesOf(db: Executor, placeId: string, lineIds: string[]): Promise<Map<string, LineForCommitment['prices']>> {
  const out = new Map<string, LineForCommitment['prices']>();
  for (let i = 0; i < lineIds.length; i += 1000) {
    const rows = await db
      .select({ lineId: serviceLineVersions.lineId, change: serviceLineVersions.change, data: serviceLineVersions.data })
      .from(serviceLineVersions)
      .where(and(eq(serviceLineVersions.placeId, placeId), inArray(serviceLineVersions.lineId, lineIds.slice(i, i + 1000)), or(eq(serviceLineVersions.version, 1), eq(serviceLineVersions.change, 'varied'))))
      .orderBy(asc(serviceLineVersions.lineId), asc(serviceLineVersions.version));
    for (const r of rows) {
      const d = r.data as Priced;
      const weeklyPence = lineCost({ quantityHundredths: d.quantityHundredths, frequency: d.frequency, unitCostPence: Number(d.unitCostPence) }).weeklyPence;
      const list = out.get(r.lineId) ?? [];
      list.push({ from: r.change === 'varied' ? (d.priceFrom ?? null) : null, weeklyPence });
      out.set(r.lineId, list);
    }
  }
  return out;
}

/** Lines by id, or every approved, in-place or ended line of the place when lineIds is omitted. */
export async function linesForCommitment(db: Executor, placeId: string, lineIds?: string[]): Promise<LineForCommitment[]> {
  const where: SQL[] = [eq(serviceLines.placeId, placeId)];
  if (lineIds) {
    if (lineIds.length === 0) return [];
    where.push(inArray(serviceLines.id, lineIds));
  } else where.push(inArray(serviceLines.status, ['approved', 'in_place', 'ended']));
  const rows = await db
    .select({
      lineId: serviceLines.id,
      planId: serviceLines.planId,
      personId: serviceLines.personId,
      providerPartnerId: serviceLines.providerPartnerId,
      serviceType: serviceLines.serviceType,
      component: serviceLines.component,
      status: serviceLines.status,
      quantityHundredths: serviceLines.quantityHundredths,
      frequency: serviceLines.frequency,
      unitCostPence: serviceLines.unitCostPence,
      plannedStart: serviceLines.plannedStart,
      plannedEnd: serviceLines.plannedEnd,
      startedOn: serviceLines.startedOn,
      endedOn: serviceLines.endedOn,
      referralClientGroup: referrals.clientGroup,
      priceFrom: serviceLines.priceFrom,
    })
    .from(serviceLines)
    .innerJoin(carePlans, and(eq(carePlans.placeId, serviceLines.placeId), eq(carePlans.id, serviceLines.planId)))
    .innerJoin(assessments, and(eq(assessments.placeId, carePlans.placeId), eq(assessments.id, carePlans.assessmentId)))
    .leftJoin(referrals, and(eq(referrals.placeId, assessments.placeId), eq(referrals.id, assessments.referralId)))
    .where(and(...where));
  const varied = await pricesOf(db, placeId, rows.filter((r) => r.priceFrom !== null).map((r) => r.lineId));
  return rows.map(({ quantityHundredths, frequency, unitCostPence, priceFrom: _, ...r }) => {
    const weeklyPence = lineCost({ quantityHundredths, frequency, unitCostPence: Number(unitCostPence) }).weeklyPence;
    return { ...r, weeklyPence, prices: varied.get(r.lineId) ?? [{ from: null, weeklyPence }] };
  });
}
