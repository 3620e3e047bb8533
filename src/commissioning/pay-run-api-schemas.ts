import { z } from 'zod';

/** The answers of the pay-run, remittance and direct-payment endpoints (for the OpenAPI document). */

export const payRunSummarySchema = z.object({
  id: z.string(),
  cadence: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  payingPartner: z.object({ id: z.string(), name: z.string() }),
  status: z.string(),
  preparedBy: z.string(),
  preparedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  postedAt: z.string().nullable(),
  postedOn: z.string().nullable(),
  journalId: z.string().nullable(),
  totalPence: z.number(),
  version: z.number(),
});

export const payRunSchema = payRunSummarySchema.extend({
  lines: z.number(),
  payees: z.array(z.object({ providerPartnerId: z.string().nullable(), name: z.string(), lines: z.number(), totalPence: z.number() })),
  budgetLines: z.array(z.object({ code: z.string(), name: z.string(), lines: z.number(), totalPence: z.number() })),
  approvedLinesWithoutBudgetLine: z.number(),
  mayApprove: z.boolean(),
  approveRefusal: z.string().nullable(),
});

export const payRunListSchema = z.object({ payRuns: z.array(payRunSummarySchema) });

export const payRunLinesSchema = z.object({
  lines: z.array(
    z.object({
      id: z.string(),
      providerPartnerId: z.string().nullable(),
      invoiceReference: z.string().nullable(),
      lineNo: z.number().nullable(),
      packageReference: z.string().nullable(),
      periodFrom: z.string(),
      periodTo: z.string(),
      budgetLineCode: z.string(),
      amountPence: z.number(),
    }),
  ),
  nextAfter: z.string().nullable(),
});

const remittanceLine = z.object({
  invoiceReference: z.string(),
  lineNo: z.number(),
  packageReference: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  unit: z.string(),
  quantityHundredths: z.number(),
  amountPence: z.number(),
});

export const remittanceSchema = z.object({
  payRunId: z.string(),
  remittanceReference: z.string(),
  status: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  paidOn: z.string().nullable(),
  provider: z.object({ id: z.string(), name: z.string(), bankAccountName: z.string().nullable(), bankAccountMasked: z.string().nullable() }),
  payingPartner: z.object({ id: z.string(), name: z.string() }),
  lines: z.array(remittanceLine),
  totalPence: z.number(),
});

export const portalRemittanceListSchema = z.object({
  provider: z.object({ id: z.string(), name: z.string() }),
  remittances: z.array(
    z.object({ payRunId: z.string(), remittanceReference: z.string(), periodFrom: z.string(), periodTo: z.string(), paidOn: z.string().nullable(), lines: z.number(), totalPence: z.number() }),
  ),
});

export const directPaymentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  serviceLineId: z.string().nullable(),
  budgetLineCode: z.string(),
  fourWeeklyPence: z.number(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.string(),
  version: z.number(),
  periods: z.number(),
  paidPeriods: z.number(),
  paidPence: z.number(),
  returnedPence: z.number(),
  nextPeriodFrom: z.string().nullable(),
});

export const directPaymentListSchema = z.object({ directPayments: z.array(directPaymentSchema) });
export const periodsMadeSchema = z.object({ upTo: z.string(), periodsMade: z.number() });
export const directPaymentReturnSchema = z.object({ id: z.string(), journalId: z.string(), amountPence: z.number(), receivedOn: z.string(), reason: z.string(), directPayment: directPaymentSchema });
