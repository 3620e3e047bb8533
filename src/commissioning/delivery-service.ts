/**
 * Care delivered, as providers record it (issue #15): a day's quantity of the line's unit from the
 * portal's form, or visits from an electronic call-monitoring file. The same rules for both: only
 * on a started placement, from its start to its end, not in the future, never more than 24 hours
 * (or 24 visits) on a line in a day. A re-sent visit records nothing twice (delivery_external_ref_uq).
 * Invoice matching reads what was delivered through deliveredHundredths.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { linesForPlacements, type LineForPlacement } from '../pathway/plans/provider-steps.js';
import { readEcmFile } from './ecm-csv.js';
import type { RejectedRow } from './payment-schema.js';
import type { DeliveryInput } from './placement-inputs.js';
import * as q from './placement-queries.js';
import { onOwnPlacement, providerOfActor, type PortalPlacement } from './portal-service.js';

/** The most of a line's unit on one day: 24 hours, or 24 visits (or sessions, days …). */
export const MAX_A_DAY_HUNDREDTHS = 2_400;

/** Hundredths of units delivered on a service line in a place from `from` to `to`, both included. */
export function deliveredHundredths(db: Executor, placeId: string, serviceLineId: string, from: string, to: string): Promise<number> {
  return q.sumDelivered(db, placeId, serviceLineId, from, to);
}

const plural = (unit: string) => (unit === 'hour' ? 'hours' : `${unit}s`);

/** Why this quantity cannot be recorded on this day for this placement, or null. */
export function deliveryProblem(p: q.PlacementRow, line: LineForPlacement, day: string, hundredths: number, alreadyThatDay: number, today: string): { field: string; problem: string } | null {
  if (p.status !== 'started' && p.status !== 'ended') return { field: 'placement', problem: `is ${p.status}: confirm the start of care before recording it` };
  if (p.startedOn && day < p.startedOn) return { field: 'deliveredOn', problem: `must not be before ${p.startedOn}, when care started` };
  const end = p.endedOn ?? line.endedOn ?? line.plannedEnd;
  if (end && day > end) return { field: 'deliveredOn', problem: `must not be after ${end}, when care ${p.endedOn || line.endedOn ? 'ended' : 'is planned to end'}` };
  if (day > today) return { field: 'deliveredOn', problem: `must not be after today (${today})` };
  if (hundredths <= 0) return { field: 'quantity', problem: 'must be more than 0' };
  if (alreadyThatDay + hundredths > MAX_A_DAY_HUNDREDTHS) {
    const recorded = alreadyThatDay > 0 ? ` (${alreadyThatDay / 100} already recorded)` : '';
    return { field: 'quantity', problem: `would make more than 24 ${plural(line.unit)} on ${day}${recorded}` };
  }
  return null;
}

export function recordDelivery(ctx: Ctx, placementId: string, input: DeliveryInput): Promise<PortalPlacement> {
  return onOwnPlacement(ctx, 'portal.delivery_record', placementId, async (tx, at, p, line, providerId) => {
    const hundredths = Math.round(input.quantity * 100);
    const already = (await q.deliveredByDay(tx, ctx.actor.placeId, line.id, [input.deliveredOn])).get(input.deliveredOn) ?? 0;
    const problem = deliveryProblem(p, line, input.deliveredOn, hundredths, already, londonDateOf(at));
    if (problem) throw new InvalidError(`${problem.field} ${problem.problem}`, [problem]);
    await q.insertDeliveries(tx, [
      { placeId: ctx.actor.placeId, id: newId(), serviceLineId: line.id, placementId: p.id, providerPartnerId: providerId, deliveredOn: input.deliveredOn, unit: line.unit, quantityHundredths: hundredths, source: 'form', recordedAt: at, recordedBy: ctx.actor.userId },
    ]);
    return { deliveredOn: input.deliveredOn, quantityHundredths: hundredths };
  });
}

export type EcmImport = { rowsRead: number; recorded: number; alreadyRecorded: number; rejected: RejectedRow[] };

/**
 * An ECM file: every good visit recorded in one transaction, each wrong row listed with its line
 * number and why (fix them and send the file again: the visits recorded before record nothing twice).
 * An hour line records the visit's length; a visit line records one visit.
 */
export async function importEcmFile(ctx: Ctx, bytes: Uint8Array): Promise<EcmImport> {
  const providerId = await providerOfActor(ctx, 'portal.deliveries_ecm');
  const placeId = ctx.actor.placeId;
  const file = readEcmFile(bytes);
  const at = ctx.clock.now();
  const today = londonDateOf(at);
  return ctx.db.transaction(async (tx) => {
    const rejected = [...file.rejected];
    const found = await q.placementsByRefs(tx, placeId, providerId, file.visits.map((v) => v.placementRef));
    // A reference is a placement's id or its line's; the newest placement of a line wins.
    const byRef = new Map<string, q.PlacementRow>();
    for (const p of found) byRef.set(p.id, p).set(p.serviceLineId, p);
    const lines = await linesForPlacements(tx, placeId, found.map((p) => p.serviceLineId));
    const known = await q.knownExternalRefs(tx, placeId, providerId, file.visits.map((v) => v.visitId));
    const dayTotals = new Map<string, Map<string, number>>();
    for (const lineId of new Set(found.map((p) => p.serviceLineId))) {
      const days = file.visits.filter((v) => byRef.get(v.placementRef)?.serviceLineId === lineId).map((v) => v.date);
      dayTotals.set(lineId, await q.deliveredByDay(tx, placeId, lineId, days));
    }
    const rows: Parameters<typeof q.insertDeliveries>[1] = [];
    const personIds = new Set<string>();
    let alreadyRecorded = 0;
    for (const v of file.visits) {
      if (known.has(v.visitId)) {
        alreadyRecorded += 1;
        continue;
      }
      const p = byRef.get(v.placementRef);
      if (!p) {
        rejected.push({ line: v.lineNo, field: 'placement_ref', problem: 'is not one of your started placements (nor the service line of one)' });
        continue;
      }
      const line = lines.get(p.serviceLineId)!;
      if (line.unit !== 'hour' && line.unit !== 'visit') {
        rejected.push({ line: v.lineNo, field: 'placement_ref', problem: `is a line counted in ${plural(line.unit)}: record it with the portal's form, not from call monitoring` });
        continue;
      }
      const hundredths = line.unit === 'hour' ? Math.round((v.minutes * 100) / 60) : 100;
      const totals = dayTotals.get(line.id)!;
      const already = totals.get(v.date) ?? 0;
      const problem = deliveryProblem(p, line, v.date, hundredths, already, today);
      if (problem) {
        rejected.push({ line: v.lineNo, field: problem.field === 'deliveredOn' ? 'date' : problem.field === 'quantity' ? (line.unit === 'hour' ? 'duration_minutes' : 'visit_id') : 'placement_ref', problem: problem.problem });
        continue;
      }
      totals.set(v.date, already + hundredths);
      personIds.add(line.personId);
      rows.push({ placeId, id: newId(), serviceLineId: line.id, placementId: p.id, providerPartnerId: providerId, deliveredOn: v.date, unit: line.unit, quantityHundredths: hundredths, source: 'ecm', externalRef: v.visitId, recordedAt: at, recordedBy: ctx.actor.userId });
    }
    const recorded = await q.insertDeliveries(tx, rows);
    alreadyRecorded += rows.length - recorded;
    rejected.sort((a, b) => a.line - b.line);
    await auditAllowed(tx, ctx.actor, at, { action: 'portal.deliveries_ecm', personIds: [...personIds], detail: { providerId, rowsRead: file.rowsRead, recorded, alreadyRecorded, rejected: rejected.length } });
    return { rowsRead: file.rowsRead, recorded, alreadyRecorded, rejected };
  });
}
