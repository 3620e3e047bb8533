/** The answers of the Section 75 agreement endpoints (agreement-routes.ts), for validation and OpenAPI. */
import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { fundingStreams, riskRuleInput, riskShareRulesInput, scheduleInput } from './agreement-inputs.js';

const money = z.number().int();
const stream = z.enum(fundingStreams);

export const agreementSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  signedOn: z.string(),
  hostPartnerId: z.string(),
  hostPartnerName: z.string(),
  fundManagerPost: z.string(),
  functions: z.array(z.string()),
  clientGroups: z.array(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});

export const agreementWithYearsSchema = agreementSchema.extend({ financialYears: z.array(z.string()) });

export const scheduleSchema = z.object({
  id: z.string(),
  financialYear: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  supersedesId: z.string().nullable(),
  reason: z.string(),
  boardDecisionRef: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  partners: z.array(
    z.object({ partnerId: z.string(), partnerName: z.string(), plannedPence: money, contributions: z.array(z.object({ stream, plannedPence: money })) }),
  ),
  budgets: z.array(z.object({ code: z.string(), name: z.string(), budgetPence: money })),
  plannedTotalPence: money,
  budgetTotalPence: money,
  riskShare: riskShareRulesInput,
});

export const scheduleVersionsSchema = z.object({ financialYear: z.string(), versions: z.array(scheduleSchema) });

export const agreementOnSchema = z.object({ day: z.string(), agreement: agreementSchema, schedule: scheduleSchema });

export const agreementOnQuery = z.strictObject({
  day: z.string({ message: 'must be a date written YYYY-MM-DD' }).refine(isIsoDate, 'must be a real date written YYYY-MM-DD'),
});

/** A new schedule version; `supersedesVersion` (or If-Match) names the version it replaces, 0 for a year's first. */
export const scheduleVersionBody = scheduleInput.extend({
  supersedesVersion: z.number({ message: 'must be the version number this one supersedes (0 for a year with none)' }).int('must be a whole version number').min(0, 'must not be negative').optional(),
});

export const ifMatchHeaders = z.object({ 'if-match': z.string().optional() });

const movementSchema = z.object({
  id: z.string(),
  kind: z.enum(['variation', 'receipt']),
  partnerId: z.string(),
  partnerName: z.string(),
  stream,
  amountPence: money,
  onDate: z.string(),
  reason: z.string(),
  boardDecisionRef: z.string(),
  reference: z.string().nullable(),
  journalId: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export const variationSchema = movementSchema;
export const receiptSchema = movementSchema.extend({ alreadyRecorded: z.boolean() });

export const contributionsSchema = z.object({
  financialYear: z.string(),
  scheduleVersion: z.number().int(),
  lines: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), stream, plannedPence: money, receivedPence: money, variationsPence: money })),
  totals: z.object({ plannedPence: money, variationsPence: money, receivedPence: money }),
  movements: z.array(movementSchema),
});

export const riskSharePreviewSchema = z.object({
  financialYear: z.string(),
  scheduleVersion: z.number().int(),
  variancePence: money,
  applies: z.enum(['overspend', 'underspend']),
  rule: riskRuleInput,
  partners: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), contributionPence: money, sharePence: money })),
});

export const outturnSchema = z.object({
  financialYear: z.string(),
  scheduleVersion: z.number().int(),
  lines: z.array(z.object({ code: z.string(), name: z.string(), budgetPence: money, actualPence: money, variancePence: money })),
  budgetPence: money,
  actualPence: money,
  variancePence: money,
  ruleApplied: z.string(),
  partners: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), contributionPence: money, sharePence: money, outturnPence: money })),
});
