/**
 * Hospital stays on the person's timeline: each stay event as one line, for the pathway's
 * timeline to merge with its own (src/pathway/timeline/service.ts). Health information: the
 * sharing rule applies to it as to any health entry.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { hospitalsOfPlace } from './directory.js';
import { admissionMethods, delayReasons, dischargeDestinations, type DelayReason } from './codes.js';
import { hospitalStays, stayEvents } from './schema.js';

export type FlowTimelineItem = { at: Date; kind: 'hospital'; action: string; summary: string; sector: 'health'; subjectId: string };

function summaryOf(kind: string, d: Record<string, unknown>, where: string, drdAfter: string | null): string {
  switch (kind) {
    case 'admit':
      return `Admitted to ${where} (${(admissionMethods[String(d.admissionMethod)]?.label ?? 'admission').toLowerCase()})`;
    case 'ward_move':
      return `Moved to ${String(d.to)}`;
    case 'not_meeting_criteria':
      return `No longer meets the criteria to reside: ready for discharge on pathway ${String(d.pathway)}${drdAfter ? ` (Discharge Ready Date ${drdAfter})` : ''}`;
    case 'meeting_criteria':
      return 'Meets the criteria to reside again: not ready for discharge';
    case 'awaiting':
      return `Waiting for: ${delayReasons[d.reason as DelayReason]?.label.toLowerCase() ?? String(d.reason)}${d.owner ? ` (${String(d.owner)})` : ''}`;
    case 'awaiting_resolved':
      return `No longer waiting for: ${delayReasons[d.reason as DelayReason]?.label.toLowerCase() ?? String(d.reason)}`;
    case 'discharge':
      return `Discharged from ${where} to ${(dischargeDestinations[String(d.destination)] ?? 'a destination not recorded').toLowerCase()}${d.reablementStart ? `; reablement starts ${String(d.reablementStart)}` : ''}`;
    case 'package': {
      const waiting = delayReasons[d.reason as DelayReason]?.label.toLowerCase() ?? String(d.reason);
      if (d.step === 'approved') return `Package agreed for the wait (${waiting}): ${String(d.component)} from ${String(d.provider)}, planned to start ${String(d.plannedStart)}`;
      if (d.step === 'in_place') return `No longer waiting for: ${waiting} — ${String(d.component)} from ${String(d.provider)} started ${String(d.metOn)}`;
      return `The package agreed for the wait (${waiting}) was cancelled: still waiting`;
    }
    default:
      return kind;
  }
}

/** The person's stay events, newest first, as timeline items. */
export async function flowEventsOfPerson(tx: Executor, placeId: string, personId: string, limit = 200): Promise<FlowTimelineItem[]> {
  const rows = await tx
    .select({ kind: stayEvents.kind, at: stayEvents.at, detail: stayEvents.detail, drdAfter: stayEvents.drdAfter, stayId: stayEvents.stayId, hospitalId: hospitalStays.hospitalId, ward: hospitalStays.ward })
    .from(stayEvents)
    .innerJoin(hospitalStays, and(eq(hospitalStays.placeId, stayEvents.placeId), eq(hospitalStays.id, stayEvents.stayId)))
    .where(and(eq(stayEvents.placeId, placeId), eq(hospitalStays.personId, personId)))
    .orderBy(desc(stayEvents.at))
    .limit(limit);
  if (rows.length === 0) return [];
  const hospitals = new Map((await hospitalsOfPlace(tx, placeId)).map((h) => [h.id, h.name]));
  return rows.map((r) => {
    const d = (r.detail ?? {}) as Record<string, unknown>;
    const where = `${hospitals.get(r.hospitalId) ?? 'hospital'}${r.kind === 'admit' && d.ward ? `, ${String(d.ward)}` : ''}`;
    return { at: r.at, kind: 'hospital', action: `stay.${r.kind}`, summary: summaryOf(r.kind, d, where, r.drdAfter), sector: 'health', subjectId: r.stayId };
  });
}
