/** Care and support plans and their service lines as the API answers them (the web app reads these types). */
import { z } from 'zod';
import { personRefSchema, refSchema } from '../api-schemas.js';

/** What a plan costs in pence: a week for its live lines, those agreed (approved or in place), those in place; one-off. */
export const planCostSchema = z.object({ weeklyPence: z.number(), committedWeeklyPence: z.number(), inPlaceWeeklyPence: z.number(), oneOffPence: z.number() });

export const lineSchema = z.object({
  id: z.string(),
  planId: z.string(),
  personId: z.string(),
  serviceType: z.string(),
  component: z.string(),
  provider: z.object({ id: z.string(), name: z.string(), kind: z.string(), odsCode: z.string().nullable() }),
  deliveryMechanism: z.string(),
  unit: z.string(),
  quantity: z.number(),
  frequency: z.string(),
  unitCostPence: z.number(),
  weeklyCostPence: z.number(),
  oneOffCostPence: z.number(),
  plannedStart: z.string(),
  plannedEnd: z.string().nullable(),
  status: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** The day the present quantity and unit cost apply from, once the line has been re-priced. */
  priceFrom: z.string().nullable(),
  version: z.number(),
});

/** A line after a step (approve, start, end, cancel): with its plan's cost, and the review a first start scheduled. */
/** A proposed line's answer: where its price came from (a contract rate, or a spot price with no contract). */
export const proposedLineSchema = lineSchema.extend({
  pricing: z.object({
    source: z.enum(['contract', 'spot']),
    contractId: z.string().nullable(),
    contractReference: z.string().nullable(),
    rateCardId: z.string().nullable(),
    ratePence: z.number(),
    message: z.string(),
  }),
});

export const lineChangeSchema = lineSchema.extend({
  planCost: planCostSchema,
  reviewScheduled: z.object({ id: z.string(), dueOn: z.string() }).nullable().optional(),
});

export const planNeedSchema = z.object({ need: z.string(), outcome: z.string(), careActOutcome: z.string().optional() });

export const planSchema = z.object({
  id: z.string(),
  personId: z.string(),
  person: personRefSchema,
  assessmentId: z.string(),
  assessment: z.object({ id: z.string(), kind: z.string(), completedOn: z.string().nullable() }),
  needs: z.array(planNeedSchema),
  status: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  version: z.number(),
  lines: z.array(lineSchema),
  cost: planCostSchema,
  inPlaceOn: z.string().nullable(),
});

export const plansSchema = z.object({ plans: z.array(planSchema) });

/** Whether this user may approve a proposed line, and the rule that says so. */
export const lineApprovalSchema = z.object({
  mayApprove: z.boolean(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  limitPence: z.number(),
  planCommittedWeeklyPence: z.number(),
  weeklyAfterApprovalPence: z.number(),
});

export const listedLineSchema = lineSchema.extend({
  person: personRefSchema.nullable(),
  team: refSchema.nullable(),
  approval: lineApprovalSchema.nullable(),
});

export const lineListSchema = z.object({
  lines: z.array(listedLineSchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  nextOffset: z.number().nullable(),
  withheld: z.number(),
  approvalLimit: z.object({ role: z.string(), roleLabel: z.string(), weeklyPence: z.number() }),
});

export const lineVersionsSchema = z.object({
  versions: z.array(z.object({ version: z.number(), change: z.string(), changedBy: z.string().nullable(), changedAt: z.string(), status: z.string() })),
});

export const approvalLimitsSchema = z.object({
  limits: z.array(z.object({ role: z.string(), roleLabel: z.string(), weeklyPence: z.number(), source: z.enum(['place', 'default']) })),
});
