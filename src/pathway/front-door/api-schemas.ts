import { z } from 'zod';
import { personRefSchema, refSchema } from '../api-schemas.js';

export const referralSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.string(),
  person: refSchema,
  source: z.string(),
  sourceLabel: z.string(),
  sourceName: z.string(),
  routeOfAccess: z.string(),
  reason: z.string(),
  urgency: z.string(),
  receivedAt: z.string(),
  receivedOn: z.string(),
  channel: z.string(),
  externalRef: z.string().nullable(),
  proposedTeam: refSchema.nullable(),
  clientGroup: z.string().nullable(),
  need: z.string().nullable(),
  /** The place's routing rules' answer: a team and why, or that no team covers the referral and where to signpost. */
  routing: z.object({
    outcome: z.enum(['team', 'not_covered', 'unrouted']),
    ruleId: z.string().nullable(),
    reason: z.string(),
    signpost: z.string().nullable(),
  }),
  team: refSchema.nullable(),
  outcome: z.string().nullable(),
  outcomeNote: z.string(),
  resolvedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  worker: refSchema.nullable(),
  allocatedAt: z.string().nullable(),
  triageSteps: z.number(),
  minutesToAllocation: z.number().nullable(),
});

export const referralsSchema = z.object({ referrals: z.array(referralSchema) });

export const caseloadSchema = z.object({
  counts: z.object({ open: z.number(), waiting: z.number(), unallocatedCases: z.number() }),
  page: z.object({ limit: z.number(), from: z.number(), to: z.number(), nextAfter: z.string().nullable(), previousBefore: z.string().nullable() }),
  cases: z.array(
    z.object({ id: z.string(), version: z.number(), person: refSchema, team: refSchema, worker: refSchema.nullable(), sector: z.string(), openedAt: z.string(), referralId: z.string().nullable() }),
  ),
  waiting: z.array(
    z.object({ referralId: z.string(), version: z.number(), person: refSchema, urgency: z.string(), receivedAt: z.string(), acceptedAt: z.string().nullable(), reason: z.string() }),
  ),
  members: z.array(z.object({ id: z.string(), name: z.string(), profession: z.string(), roleInTeam: z.string(), openCases: z.number() })),
});

export const staffRefSchema = z.object({ id: z.string(), name: z.string(), profession: z.string(), professionLabel: z.string() });

export const caseSchema = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(['open', 'closed', 'transferred']),
  person: personRefSchema,
  team: refSchema,
  worker: staffRefSchema.nullable(),
  sector: z.string(),
  referralId: z.string().nullable(),
  openedAt: z.string(),
  openedBy: refSchema.nullable(),
  closedAt: z.string().nullable(),
  closedBy: refSchema.nullable(),
  closeReason: z.string().nullable(),
  transferredFromCaseId: z.string().nullable(),
  transferredToCaseId: z.string().nullable(),
  mayChange: z.boolean(),
  members: z.array(staffRefSchema.extend({ roleInTeam: z.string() })),
  history: z.array(z.object({ at: z.string(), action: z.string(), summary: z.string(), by: z.string(), sector: z.string() })),
  withheld: z.number(),
});

export const transferredCaseSchema = z.object({ caseId: z.string() });
export const closedCaseSchema = z.object({ caseId: z.string(), closedAt: z.string() });
