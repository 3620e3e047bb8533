/** What the invoice endpoints answer (zod only, for the OpenAPI document). */
import { z } from 'zod';

export const invoiceLineSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  lineNo: z.number(),
  lineReference: z.string(),
  serviceLineId: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  unit: z.string(),
  quantity: z.number(),
  ratePence: z.number(),
  amountPence: z.number(),
  planned: z.number().nullable().describe('Units planned over the period, from the service line'),
  delivered: z.number().nullable().describe('Units the provider recorded as delivered over the period'),
  contractRatePence: z.number().nullable(),
  status: z.string().describe('matched | held | disputed | approved | paid'),
  holdReason: z.string().nullable().describe('no_such_package | ended_package | over_delivery | duplicate | rate_mismatch | not_delivered'),
  holdDetail: z.string().nullable(),
  disputeNote: z.string().nullable(),
  budgetLineCode: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number(),
  history: z.array(z.object({ action: z.string(), fromStatus: z.string(), toStatus: z.string(), holdReason: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
});

export const invoiceSchema = z.object({
  id: z.string(),
  providerPartnerId: z.string(),
  providerName: z.string(),
  reference: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  source: z.string(),
  submittedAt: z.string(),
  totalPence: z.number(),
  lines: z.number(),
  counts: z.object({ matched: z.number(), held: z.number(), disputed: z.number(), approved: z.number(), paid: z.number() }),
});

export const invoiceDetailSchema = invoiceSchema.extend({ invoiceLines: z.array(invoiceLineSchema) });
export const invoiceListSchema = z.object({ invoices: z.array(invoiceSchema) });
export const invoiceImportSchema = z.object({ alreadyImported: z.boolean(), sha256: z.string(), linesRead: z.number(), invoices: z.array(invoiceSchema) });
export const invoiceRulesSchema = z.object({
  tolerance: z.object({ quantityBp: z.number(), quantityHundredths: z.number(), amountPence: z.number() }),
  lineLimits: z.array(z.object({ role: z.string(), lineLimitPence: z.number().nullable() })),
});
