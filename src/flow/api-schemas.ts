/** The hospital flow's answers (the web app reads these types). */
import { z } from 'zod';

/** The package or placement agreed for an awaited item: a service line of the person's care plan. */
export const awaitedPackageSchema = z
  .object({
    /** null on a board row that does not name the person. */
    planId: z.string().nullable(),
    serviceLineId: z.string().nullable(),
    provider: z.object({ id: z.string(), name: z.string() }),
    plannedStart: z.string(),
    /** approved: agreed, not started; in_place: started, so the item is met (metOn); cancelled: will not start, still awaited. */
    status: z.enum(['approved', 'in_place', 'cancelled']),
    statusLabel: z.string(),
    metOn: z.string().nullable(),
  })
  .nullable();

/** A hospital stay: where the person was, whether they are ready to leave, what is awaited, every event. */
export const stayViewSchema = z.object({
  id: z.string(),
  version: z.number(),
  personId: z.string(),
  hospital: z.object({ id: z.string(), name: z.string(), odsCode: z.string().nullable() }),
  ward: z.string(),
  admissionMethod: z.string(),
  admissionMethodLabel: z.string(),
  admissionGroup: z.string(),
  admittedAt: z.string(),
  status: z.enum(['in_hospital', 'ready', 'discharged']),
  dischargeReadyDate: z.string().nullable(),
  pathway: z.number().nullable(),
  dischargedAt: z.string().nullable(),
  dischargeDestination: z.string().nullable(),
  dischargeDestinationLabel: z.string().nullable(),
  delayDays: z.number().nullable(),
  referralId: z.string().nullable(),
  reablementStart: z.string().nullable(),
  sourceSystem: z.string(),
  sourceStayId: z.string(),
  /** Where the person was: each ward from the admission or a ward move to the next move or the discharge. */
  wards: z.array(z.object({ ward: z.string(), from: z.string(), to: z.string().nullable() })),
  awaiting: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      reasonLabel: z.string(),
      note: z.string(),
      ownerTeamId: z.string().nullable(),
      ownerName: z.string(),
      attribution: z.string(),
      attributionLabel: z.string(),
      openedAt: z.string(),
      resolvedAt: z.string().nullable(),
      package: awaitedPackageSchema,
    }),
  ),
  readiness: z.array(z.object({ readyFrom: z.string(), readyOn: z.string(), readyTo: z.string().nullable(), endedBy: z.string().nullable(), pathway: z.number().nullable() })),
  events: z.array(
    z.object({
      kind: z.string(),
      at: z.string(),
      sourceSystem: z.string(),
      eventId: z.string(),
      drdBefore: z.string().nullable(),
      drdAfter: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const staysSchema = z.object({ stays: z.array(stayViewSchema) });

/** A row of the discharge board: a stay of someone no longer meeting the criteria to reside. */
export const boardRowSchema = z.object({
  stayId: z.string(),
  personId: z.string().nullable(),
  name: z.string().nullable(),
  age: z.number().nullable(),
  zone: z.object({ code: z.string(), name: z.string() }).nullable(),
  hospital: z.string(),
  ward: z.string(),
  pathway: z.number().nullable(),
  pathwayLabel: z.string().nullable(),
  dischargeReadyDate: z.string(),
  daysDelayed: z.number(),
  referralId: z.string().nullable(),
  awaiting: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      reasonLabel: z.string(),
      ownerName: z.string(),
      attribution: z.string(),
      attributionLabel: z.string(),
      since: z.string(),
      /** Days from the day it was first awaited to today. */
      daysAwaited: z.number(),
      package: awaitedPackageSchema,
    }),
  ),
});

export const boardSchema = z.object({
  asOf: z.string(),
  total: z.number(),
  zones: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  rows: z.array(boardRowSchema),
});

const month = z.string().describe('YYYY-MM');
const percentOrNone = z.number().nullable().describe('null when nobody was discharged in the month');

/** GET /api/flow/measures: aggregates by month, for the place or one zone; nobody is named. */
export const flowMeasuresSchema = z.object({
  from: month,
  to: month,
  asOf: z.string(),
  zone: z.object({ code: z.string(), name: z.string() }).nullable(),
  zones: boardSchema.shape.zones,
  occupiedBeds: z.array(z.object({ month, hospital: z.string(), ward: z.string(), bedDays: z.number(), meanOccupiedBeds: z.number() })),
  emergency: z.array(
    z.object({ month, ageBand: z.string(), population: z.number(), admissions: z.number(), bedDays: z.number(), admissionsPer1000: z.number(), bedDaysPer1000: z.number() }),
  ),
  delayedDays: z.array(z.object({ month, attribution: z.string(), attributionLabel: z.string(), reason: z.string(), reasonLabel: z.string(), days: z.number() })),
  dischargeReadyDate: z.array(
    z.object({ month, discharged: z.number(), onDischargeReadyDate: z.number(), percentOnDischargeReadyDate: percentOrNone, meanDelayOfOthers: z.number().nullable() }),
  ),
  longStays: z.array(z.object({ month, discharged: z.number(), days7Plus: z.number(), days14Plus: z.number(), days21Plus: z.number() })),
  atHome91Days: z.array(z.object({ month, discharged: z.number(), atHome: z.number(), percent: percentOrNone })),
});
