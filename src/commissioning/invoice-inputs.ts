/** What invoice endpoints accept (zod): a portal submission, the queue's filters, a line's change. */
import { z } from 'zod';
import { isoDate, versionField } from '../pathway/assessments/fields.js';
import { quantityToHundredths } from '../pathway/plans/cost.js';
import { amountOf, holdReasons, invoiceUnits } from './matching-rules.js';

export const invoiceStatuses = ['matched', 'held', 'disputed', 'approved', 'paid'] as const;
export const MAX_INVOICE_LINES = 500;
const text = (max: number, problem: string) => z.string({ message: problem }).trim().min(1, problem).max(max, `must be at most ${max} characters`);

export const invoiceLineInput = z
  .strictObject({
    serviceLine: text(100, 'must name the service line (its reference on the placement)'),
    periodFrom: isoDate,
    periodTo: isoDate,
    unit: z.enum(invoiceUnits, { message: `must be one of ${invoiceUnits.join(', ')}` }),
    quantity: z
      .number({ message: 'must be a number, for example 7.5' })
      .positive('must be more than 0 (send a corrected invoice rather than negative hours)')
      .max(10_000, 'must be at most 10000 units')
      .refine((n) => quantityToHundredths(n) !== null, 'may have at most two decimal places'),
    ratePence: z.number({ message: 'must be a whole number of pence' }).int('must be a whole number of pence').min(0, 'must not be negative').max(5_000_000, 'must be at most 5000000 pence (£50,000)'),
    amountPence: z.number({ message: 'must be a whole number of pence' }).int('must be a whole number of pence').min(0, 'must not be negative'),
  })
  .superRefine((l, ctx) => {
    if (l.periodTo < l.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'must not be before periodFrom' });
    const h = quantityToHundredths(l.quantity);
    if (h !== null && h > 0) {
      const expected = amountOf(h, l.ratePence);
      if (expected !== l.amountPence) ctx.addIssue({ code: 'custom', path: ['amountPence'], message: `must be quantity × rate rounded to the penny: ${expected}` });
    }
  });

export const portalInvoiceInput = z
  .strictObject({
    reference: text(60, 'must be your invoice number'),
    periodFrom: isoDate,
    periodTo: isoDate,
    lines: z.array(invoiceLineInput).min(1, 'must have at least one line').max(MAX_INVOICE_LINES, `may have at most ${MAX_INVOICE_LINES} lines; send a CSV file for more`),
  })
  .superRefine((i, ctx) => {
    if (i.periodTo < i.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'must not be before periodFrom' });
    i.lines.forEach((l, n) => {
      if (l.periodFrom < i.periodFrom || l.periodTo > i.periodTo) ctx.addIssue({ code: 'custom', path: ['lines', n, 'periodFrom'], message: `must lie within the invoice’s period ${i.periodFrom} to ${i.periodTo}` });
    });
  });
export type PortalInvoiceInput = z.output<typeof portalInvoiceInput>;

export const invoiceQueueQuery = z.strictObject({
  status: z.enum(invoiceStatuses, { message: `must be one of ${invoiceStatuses.join(', ')}` }).optional(),
  reason: z.enum(holdReasons, { message: `must be one of ${holdReasons.join(', ')}` }).optional(),
  providerPartnerId: z.uuid('must be a provider’s partner id (a UUID)').optional(),
  periodFrom: isoDate.optional(),
  periodTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type InvoiceQueueQuery = z.output<typeof invoiceQueueQuery>;

export const invoiceIdParams = z.strictObject({ id: z.uuid('must be an invoice id (a UUID)') });
export const invoiceLineIdParams = z.strictObject({ id: z.uuid('must be an invoice line id (a UUID)') });

export const releaseInput = z.strictObject({ version: versionField, reason: text(1000, 'must say why the hold is released') });
export const disputeInput = z.strictObject({ version: versionField, note: text(1000, 'must say what the provider should correct') });
export const approveInput = z.strictObject({ version: versionField });

export const commissioningImportQuery = z.strictObject({ providerPartnerId: z.uuid('must be the provider’s partner id (a UUID)'), fileName: z.string().max(200).optional() });
export const portalImportQuery = z.strictObject({ fileName: z.string().max(200).optional() });

export const approvalLimitInput = z.strictObject({
  role: z.enum(['finance_officer', 'pooled_fund_manager'], { message: 'must be finance_officer or pooled_fund_manager' }),
  lineLimitPence: z.number({ message: 'must be a whole number of pence, or null for no limit' }).int('must be a whole number of pence').min(0, 'must not be negative').nullable(),
});
export const toleranceInput = z.strictObject({
  quantityBp: z.number().int().min(0).max(5000, 'must be at most 5000 (50%)'),
  quantityHundredths: z.number().int().min(0).max(10_000),
  amountPence: z.number().int().min(0).max(100_000),
});
