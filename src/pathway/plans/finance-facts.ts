/**
 * What the pool's commitments need of service lines (src/finance/commitments.ts), read here so
 * finance never reads the pathway's tables: each line's costing, dates and status, and the client
 * group its referral was routed by (null when it came without one). No names, no clinical detail.
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { assessments, carePlans, referrals, serviceLines } from '../schema.js';
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
};

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
    })
    .from(serviceLines)
    .innerJoin(carePlans, and(eq(carePlans.placeId, serviceLines.placeId), eq(carePlans.id, serviceLines.planId)))
    .innerJoin(assessments, and(eq(assessments.placeId, carePlans.placeId), eq(assessments.id, carePlans.assessmentId)))
    .leftJoin(referrals, and(eq(referrals.placeId, assessments.placeId), eq(referrals.id, assessments.referralId)))
    .where(and(...where));
  return rows.map(({ quantityHundredths, frequency, unitCostPence, ...r }) => ({
    ...r,
    weeklyPence: lineCost({ quantityHundredths, frequency, unitCostPence: Number(unitCostPence) }).weeklyPence,
  }));
}
