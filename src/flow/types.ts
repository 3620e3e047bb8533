import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { admissionMethodCodes, attributions, delayReasonCodes, dischargeDestinationCodes } from './codes.js';

const instant = z.iso.datetime({ offset: true, message: 'must be an instant like 2026-11-02T09:30:00Z' });
const isoDay = z.string().refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD' });
const text = (max: number, what: string) => z.string().trim().min(1, `must not be empty (${what})`).max(max, `must be at most ${max} characters`);

/** The sender's idempotency key: the same source system and event id again changes nothing. */
const eventKey = {
  sourceSystem: text(50, 'the sending system, e.g. the trust’s PAS').optional(),
  eventId: text(100, 'the sending system’s id of this event').optional(),
  at: instant,
};

export const pathwaySchema = z.number({ message: 'must be a discharge pathway 0, 1, 2 or 3' }).int().min(0, 'must be 0, 1, 2 or 3').max(3, 'must be 0, 1, 2 or 3');

export const awaitingSchema = z.strictObject({
  reason: z.enum(delayReasonCodes, { message: `must be a DToC reason code: ${delayReasonCodes.join(', ')}` }),
  note: z.string().trim().max(500).optional(),
  ownerTeamId: z.uuid('must be a team id').optional(),
  ownerName: z.string().trim().max(200).optional(),
  attribution: z.enum(attributions, { message: 'must be nhs, social_care or both' }).optional(),
});

export const admitInput = z.strictObject({
  ...eventKey,
  /** The sending system's id of the spell; the same id again is the same stay. */
  sourceStayId: text(100, 'the sending system’s id of the stay').optional(),
  person: z.union([
    z.strictObject({ id: z.uuid('must be a person id') }),
    z.strictObject({ nhsNumber: z.string().regex(/^\d{10}$/, 'must be 10 digits') }),
  ]),
  /** ODS code of the hospital (or its partner id). */
  hospital: text(40, 'the hospital’s ODS code'),
  ward: text(100, 'the ward'),
  admissionMethod: z.enum(admissionMethodCodes, { message: `must be an NHS Data Dictionary admission method: ${admissionMethodCodes.join(', ')}` }),
});
export type AdmitInput = z.output<typeof admitInput>;

export const wardMoveInput = z.strictObject({ ...eventKey, ward: text(100, 'the ward') });
export const readyInput = z.strictObject({ ...eventKey, pathway: pathwaySchema, awaiting: z.array(awaitingSchema).max(11).optional() });
export const notReadyInput = z.strictObject({ ...eventKey });
export const awaitingInput = z.strictObject({ ...eventKey, item: awaitingSchema });
export const resolveAwaitingInput = z.strictObject({ ...eventKey });
export const dischargeInput = z.strictObject({
  ...eventKey,
  destination: z.enum(dischargeDestinationCodes, { message: `must be an NHS Data Dictionary discharge destination: ${dischargeDestinationCodes.join(', ')}` }),
  pathway: pathwaySchema.optional(),
  /** Pathway 1: the day reablement at home is expected to start. */
  reablementStart: isoDay.optional(),
});

export const boardQuery = z.strictObject({
  zone: z.string().trim().max(20).optional(),
  pathway: z.coerce.number().int().min(0).max(3).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
export const measuresQuery = z.strictObject({
  from: month.optional(),
  to: month.optional(),
  zone: z.string().trim().max(20).optional(),
});
export const measureNames = ['occupied-beds', 'emergency', 'delayed-days', 'drd', 'long-stays', 'at-home-91'] as const;
export const measureCsvQuery = measuresQuery.extend({ measure: z.enum(measureNames, { message: `must be one of ${measureNames.join(', ')}` }) });
