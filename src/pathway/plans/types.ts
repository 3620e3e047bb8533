import { z } from 'zod';
import { roles } from '../../access/roles.js';
import { deliveryMechanismCode, serviceComponentCode, serviceTypeCode } from '../codes.js';
import { isoDate, requiredText, versionField } from '../assessments/fields.js';
import { careActOutcomes } from '../assessments/sections.js';
import { frequencies, quantityToHundredths } from './cost.js';

export const units = ['hour', 'visit', 'day', 'week', 'item', 'session'] as const;
export type Unit = (typeof units)[number];

/** How a unit and a frequency read: "7.5 hours a week", "1 item once". */
export const unitWords: Record<Unit, { label: string; plural: string }> = {
  hour: { label: 'Hour', plural: 'hours' },
  visit: { label: 'Visit', plural: 'visits' },
  day: { label: 'Day', plural: 'days' },
  week: { label: 'Week', plural: 'weeks' },
  item: { label: 'Item', plural: 'items' },
  session: { label: 'Session', plural: 'sessions' },
};
export const frequencyWords: Record<(typeof frequencies)[number], { label: string; phrase: string }> = {
  per_week: { label: 'A week', phrase: 'a week' },
  per_day: { label: 'A day', phrase: 'a day' },
  one_off: { label: 'Once (one-off)', phrase: 'once' },
};

/** £50,000 for one unit: above it is a typing slip, not a price. */
export const MAX_UNIT_COST_PENCE = 5_000_000;
/** No line costs more than £20,000 a week (one-to-one nursing care is well below it). */
export const MAX_LINE_WEEKLY_PENCE = 2_000_000;

export const newPlanInput = z.strictObject({
  assessmentId: z.uuid('must be the id of the completed assessment (a UUID)'),
  needs: z
    .array(
      z.strictObject({
        need: requiredText(1000, 'must describe the eligible need'),
        outcome: requiredText(1000, 'must say what the person wants to achieve'),
        careActOutcome: z.enum(careActOutcomes, { message: `must be one of ${careActOutcomes.join(', ')}` }).optional(),
      }),
    )
    .min(1, 'must list at least one need and the outcome it serves')
    .max(50, 'may list at most 50 needs'),
});
export type NewPlanInput = z.output<typeof newPlanInput>;

/** Enhanced contract rates (issue #15): two carers, rural, night, weekend; standard otherwise. */
export const lineEnhancements = ['standard', 'two_carers', 'rural', 'night', 'weekend'] as const;

export const newLineInput = z
  .strictObject({
    serviceType: serviceTypeCode,
    component: serviceComponentCode,
    providerPartnerId: z.uuid('must be a partner id (a UUID)').optional(),
    providerOds: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,6}$/, 'must be an ODS code (3 to 6 letters and digits)').optional(),
    deliveryMechanism: deliveryMechanismCode,
    unit: z.enum(units, { message: `must be one of ${units.join(', ')}` }),
    quantity: z
      .number({ message: 'must be a number, for example 7.5' })
      .positive('must be more than 0')
      .max(1000, 'must be at most 1000 units')
      .refine((n) => quantityToHundredths(n) !== null, 'may have at most two decimal places'),
    frequency: z.enum(frequencies, { message: `must be one of ${frequencies.join(', ')}` }),
    unitCostPence: z
      .number({ message: 'must be a whole number of pence' })
      .int('must be a whole number of pence')
      .positive('must be more than 0')
      .max(MAX_UNIT_COST_PENCE, `must be at most ${MAX_UNIT_COST_PENCE} pence (£50,000) a unit`)
      .optional(),
    /** Which of the contract's rates applies; standard unless the care needs an enhanced rate. */
    enhancement: z.enum(lineEnhancements, { message: `must be one of ${lineEnhancements.join(', ')}` }).default('standard'),
    plannedStart: isoDate,
    plannedEnd: isoDate.optional(),
  })
  .superRefine((l, ctx) => {
    if (!l.providerPartnerId === !l.providerOds) {
      ctx.addIssue({ code: 'custom', path: ['providerPartnerId'], message: 'give the provider either as providerPartnerId or as providerOds (one of the two)' });
    }
    if (l.plannedEnd && l.plannedEnd < l.plannedStart) {
      ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'must not be before plannedStart' });
    }
    if (l.unit === 'hour' && l.frequency === 'per_day' && l.quantity > 24) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'cannot be more than 24 hours a day' });
    }
    if (l.unit === 'hour' && l.frequency === 'per_week' && l.quantity > 168) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'cannot be more than 168 hours a week' });
    }
  });
export type NewLineInput = z.output<typeof newLineInput>;

export const approveInput = z.strictObject({ version: versionField });
export const startInput = z.strictObject({ startedOn: isoDate, version: versionField });
export const endInput = z.strictObject({ endedOn: isoDate, reason: requiredText(1000, 'must say why the service ended'), version: versionField });
export const cancelInput = z.strictObject({ reason: requiredText(1000, 'must say why the line is cancelled'), version: versionField });

export const approvalLimitInput = z.strictObject({
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  weeklyPence: z
    .number({ message: 'must be a whole number of pence' })
    .int('must be a whole number of pence')
    .min(0, 'must not be negative')
    .max(100_000_000, 'must be at most 100000000 pence (£1,000,000) a week'),
});
