/** Response schemas of placements and the provider portal (zod only). */
import { z } from 'zod';

const service = z.strictObject({
  serviceType: z.string(),
  component: z.string(),
  unit: z.string(),
  quantity: z.number(),
  frequency: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
});

export const portalPlacementItemSchema = z.strictObject({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  offeredAt: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  service,
  person: z.strictObject({ name: z.string(), postcode: z.string() }),
});

export const portalPlacementListSchema = z.strictObject({ placements: z.array(portalPlacementItemSchema), total: z.number() });

/** What a provider sees of one placement: what to deliver, and to whom the least needed. */
export const portalPlacementSchema = z.strictObject({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  offeredAt: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  service,
  person: z.strictObject({ name: z.string(), addressLine: z.string(), postcode: z.string(), phone: z.string().nullable() }),
  deliveries: z.array(z.strictObject({ deliveredOn: z.string(), quantity: z.number(), source: z.string() })),
});

export const ecmImportSchema = z.strictObject({
  rowsRead: z.number(),
  recorded: z.number(),
  alreadyRecorded: z.number(),
  rejected: z.array(z.strictObject({ line: z.number(), field: z.string(), problem: z.string() })),
});

export const staffPlacementSchema = z.strictObject({
  id: z.string(),
  serviceLineId: z.string(),
  planId: z.string(),
  provider: z.strictObject({ id: z.string(), name: z.string() }),
  status: z.string(),
  version: z.number(),
  offeredAt: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  serviceType: z.string(),
  component: z.string(),
  plannedStart: z.string(),
});

export const staffPlacementListSchema = z.strictObject({ placements: z.array(staffPlacementSchema), total: z.number() });
