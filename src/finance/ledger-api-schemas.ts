import { z } from 'zod';
import { financialYear, monthText } from '../platform/financial-year.js';
import { pence } from '../platform/money.js';
import { accountKinds } from './ledger.js';

const day = z.iso.date('must be a day, YYYY-MM-DD');
const int = z.number().int();

export const trialBalanceQuery = z.strictObject({ to: day.optional() });

/** A trace without the person: the open book shows package lines, never whose they are. */
const traceSchema = z.object({
  packageId: z.string().optional(),
  serviceLineId: z.string().optional(),
  invoiceLineRef: z.string().optional(),
  glLineRef: z.string().optional(),
  contributionId: z.string().optional(),
});

const balanceSchema = z.object({
  accountId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(accountKinds),
  debitPence: int,
  creditPence: int,
  balancePence: int,
});

export const trialBalanceSchema = z.object({
  to: z.string().nullable(),
  accounts: z.array(balanceSchema),
  totals: z.object({ debitPence: int, creditPence: int, balancePence: int }),
});

export const accountsSchema = z.object({
  accounts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(accountKinds),
      serviceArea: z.string().nullable(),
      clientGroup: z.string().nullable(),
      zoneCode: z.string().nullable(),
      partnerId: z.string().nullable(),
      fundingStream: z.string().nullable(),
      entries: int,
      balancePence: int,
    }),
  ),
});

export const accountParams = z.strictObject({ code: z.string().min(1, 'give an account code') });

export const entriesQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
  after: z.uuid('must be the nextAfter of the page before').optional(),
});

export const entriesSchema = z.object({
  accountCode: z.string(),
  entries: z.array(
    z.object({ entryId: z.string(), journalId: z.string(), postedOn: z.string(), description: z.string(), amountPence: int, memo: z.string().nullable(), sourceKind: z.string(), trace: traceSchema }),
  ),
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: z.string().nullable(),
});

export const journalParams = z.strictObject({ id: z.uuid('must be a journal id (a UUID)') });

export const journalSchema = z.object({
  id: z.string(),
  postedOn: z.string(),
  financialYear: z.string(),
  description: z.string(),
  sourceKind: z.string(),
  sourceRef: z.string().nullable(),
  reason: z.string().nullable(),
  postedBy: z.string().nullable(),
  createdAt: z.string(),
  reversesJournalId: z.string().nullable(),
  reversedByJournalId: z.string().nullable(),
  entries: z.array(z.object({ entryId: z.string(), accountCode: z.string(), accountName: z.string(), amountPence: int, memo: z.string().nullable(), trace: traceSchema })),
});

/** £10bn: no line of a manual journal is larger (the pool's whole year is a few hundred million). */
const linePence = pence.refine((n) => n !== 0, { error: 'A line cannot be zero pence.' }).refine((n) => Math.abs(n) <= 1_000_000_000_000, { error: 'The amount is more than £10bn, larger than a journal line can be.' });

export const manualJournalBody = z
  .strictObject({
    postedOn: day,
    description: z.string().trim().min(1, 'describe the journal').max(500, 'keep it under 500 characters'),
    reason: z.string().trim().min(1, 'give the reason for the journal').max(1000, 'keep it under 1000 characters'),
    idempotencyKey: z.string().trim().min(1).max(200, 'keep it under 200 characters').optional(),
    lines: z
      .array(z.strictObject({ accountCode: z.string().trim().min(1, 'give the account code'), amountPence: linePence, memo: z.string().max(500).optional() }))
      .min(2, 'a journal needs at least two lines')
      .max(200, 'a journal has at most 200 lines'),
  })
  .refine((b) => b.lines.reduce((s, l) => s + l.amountPence, 0) === 0, {
    error: 'The journal does not balance: its debits (positive pence) and credits (negative pence) must sum to zero.',
    path: ['lines'],
  });

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(1).max(200, 'keep it under 200 characters').optional() }).passthrough();

export const postedSchema = z.object({ journalId: z.string(), alreadyPosted: z.boolean() });

export const reversalBody = z.strictObject({
  reason: z.string().trim().min(1, 'give the reason for the reversal').max(1000, 'keep it under 1000 characters'),
  postedOn: day.optional(),
});

export const reversalSchema = z.object({ journalId: z.string(), reversesJournalId: z.string(), postedOn: z.string(), alreadyPosted: z.boolean() });

export const monthsQuery = z.strictObject({ fy: financialYear.optional() });

const monthSchema = z.object({
  month: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  journals: int,
  entriesTotalPence: int,
  heldGlLines: int,
});

export const monthsSchema = z.object({ financialYear: z.string(), nextToClose: z.string().nullable(), months: z.array(monthSchema) });

export const monthParams = z.strictObject({ month: monthText });

export const closedMonthSchema = monthSchema.extend({ financialYear: z.string() });
