import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { financialYear } from '../platform/financial-year.js';
import { nonNegativePence, pence } from '../platform/money.js';
import { clientGroups, delegableFunctions } from '../partnership/functions.js';

/** The bodies and parameters of the agreement endpoints (and the presets' pool data). */

export const fundingStreams = ['nhs_minimum', 'council', 'ibcf', 'disabled_facilities_grant', 'client_charges', 'additional'] as const;
export type FundingStream = (typeof fundingStreams)[number];
export const fundingStreamLabels: Record<FundingStream, string> = {
  nhs_minimum: 'NHS (ICB/PCT) minimum contribution',
  council: 'Council contribution',
  ibcf: 'Improved Better Care Fund (iBCF)',
  disabled_facilities_grant: 'Disabled Facilities Grant',
  client_charges: 'Client charges',
  additional: 'Additional contribution',
};

const day = z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
const partnerId = z.uuid('must be a partner id (a UUID)');
const text = (what: string, max: number) =>
  z.string({ message: `must say ${what}` }).trim().min(1, `must say ${what}`).max(max, `must be at most ${max} characters`);
const stream = z.enum(fundingStreams, { message: `must be one of the funding streams: ${fundingStreams.join(', ')}` });

export const newAgreementInput = z.strictObject({
  reference: text('the agreement reference', 100),
  title: text('the agreement title', 300),
  signedOn: day,
  hostPartnerId: partnerId,
  fundManagerPost: text('the post of the pooled fund manager', 300),
  functions: z.array(z.enum(delegableFunctions, { message: `must be one of the functions: ${delegableFunctions.join(', ')}` })).min(1, 'must name at least one function'),
  clientGroups: z.array(z.enum(clientGroups, { message: `must be one of the client groups: ${clientGroups.join(', ')}` })).min(1, 'must name at least one client group'),
});
export type NewAgreement = z.infer<typeof newAgreementInput>;

const basisPoints = z.number({ message: 'must be basis points, a whole number (2500 is 25%)' }).int('must be whole basis points').min(0).max(10000);
export const riskRuleInput = z.discriminatedUnion(
  'method',
  [
    z.strictObject({ method: z.literal('pro_rata') }),
    z.strictObject({ method: z.literal('fixed'), shares: z.array(z.strictObject({ partnerId, basisPoints })).min(1, 'must give each partner its share') }),
    z.strictObject({
      method: z.literal('capped'),
      caps: z.array(z.strictObject({ partnerId, capPence: nonNegativePence })).min(1, 'must cap at least one partner'),
      bearerPartnerId: partnerId,
    }),
  ],
  { message: 'method must be pro_rata, fixed or capped' },
);
export const riskShareRulesInput = z.strictObject({ overspend: riskRuleInput, underspend: riskRuleInput });

export const scheduleInput = z.strictObject({
  partners: z
    .array(
      z.strictObject({
        partnerId,
        contributions: z.array(z.strictObject({ stream, plannedPence: nonNegativePence })).min(1, 'must give at least one funding stream'),
      }),
    )
    .min(1, 'must name at least one partner in the pool'),
  budgets: z.array(z.strictObject({ budgetLineCode: text('the budget line code, e.g. BL/home_care/older_people/ALL', 200), budgetPence: nonNegativePence })).min(1, 'must give at least one budget line'),
  riskShare: riskShareRulesInput,
  /** Required for a version that supersedes another. */
  reason: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  boardDecisionRef: text('the board decision reference (minute)', 200),
});
export type ScheduleInput = z.infer<typeof scheduleInput>;

export const yearParams = z.strictObject({ fy: financialYear });

export const variationInput = z.strictObject({
  partnerId,
  stream,
  amountPence: pence.refine((n) => n !== 0, 'must not be zero: a variation changes the planned contribution'),
  onDate: day,
  reason: text('why the contribution varies', 1000),
  boardDecisionRef: text('the board decision reference (minute)', 200),
});
export type VariationInput = z.infer<typeof variationInput>;

export const receiptInput = z.strictObject({
  partnerId,
  stream,
  amountPence: pence.refine((n) => n > 0, 'must be more than nothing: a receipt is money received'),
  receivedOn: day,
  reference: text("the receipt's remittance reference", 100),
  note: z.string().trim().max(1000).optional(),
});
export type ReceiptInput = z.infer<typeof receiptInput>;

export const riskPreviewQuery = z.strictObject({
  variancePence: z.coerce.number({ message: 'must be whole pence' }).pipe(pence),
});
