import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { pence } from '../platform/money.js';

/** The bodies and parameters of the pay-run, remittance and direct-payment endpoints. */

const day = z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
const uuid = (what: string) => z.uuid(`must be ${what} (a UUID)`);
const budgetLine = z
  .string({ message: 'must be a budget line code, BL/<service area>/<client group>/<zone or ALL>' })
  .regex(/^BL\/[a-z_]+\/[a-z_]+\/[A-Za-z0-9_-]+$/, 'must be a budget line code, BL/<service area>/<client group>/<zone or ALL>');

export const payRunCadences = ['weekly', 'four_weekly'] as const;

export const newPayRunInput = z.strictObject({
  cadence: z.enum(payRunCadences, { message: 'must be weekly or four_weekly' }),
  periodTo: day,
  payingPartnerId: uuid('the id of the partner whose finance system pays'),
});
export type NewPayRun = z.infer<typeof newPayRunInput>;

export const payRunParams = z.strictObject({ id: uuid('a pay run id') });
export const remittanceParams = z.strictObject({ id: uuid('a pay run id'), providerId: uuid('a provider id') });
export const portalRemittanceParams = z.strictObject({ payRunId: uuid('a pay run id') });
export const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const linesQuery = z.strictObject({
  /** Lines of one payee only: a provider id, or "direct_payments". */
  payee: z.union([z.uuid(), z.literal('direct_payments')], { message: 'must be a provider id or direct_payments' }).optional(),
  after: z.uuid('must be the id of the last line of the page before').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const newDirectPaymentInput = z.strictObject({
  personId: uuid('the id of the person'),
  serviceLineId: uuid('the id of the package’s direct-payment service line').optional(),
  fourWeeklyPence: pence.refine((n) => n > 0, 'must be more than 0 pence'),
  startsOn: day,
  budgetLineCode: budgetLine,
});
export type NewDirectPayment = z.infer<typeof newDirectPaymentInput>;

export const endDirectPaymentInput = z.strictObject({ endsOn: day, version: z.number().int().min(1) });
export const periodsUpToInput = z.strictObject({ upTo: day });

export const directPaymentReturnInput = z.strictObject({
  amountPence: pence.refine((n) => n > 0, 'must be more than 0 pence'),
  receivedOn: day,
  reason: z.string({ message: 'must say why the money came back' }).trim().min(1, 'must say why the money came back').max(500, 'must be at most 500 characters'),
});
export type DirectPaymentReturnInput = z.infer<typeof directPaymentReturnInput>;
