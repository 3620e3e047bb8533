import { z } from 'zod';

const day = z.iso.date('must be a day, YYYY-MM-DD');

export const glImportQuery = z.strictObject({
  partnerId: z.uuid('must be the partner’s id (a UUID), from GET /api/place'),
  fileName: z.string().trim().min(1, 'give the file’s name').max(255, 'must be at most 255 characters'),
});

export const glImportsQuery = z.strictObject({
  partnerId: z.uuid('must be a partner id').optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const glIdParams = z.object({ id: z.uuid('must be an id (a UUID)') });

export const glMappingsQuery = z.strictObject({ partnerId: z.uuid('must be a partner id').optional() });

export const glMappingInput = z.strictObject({
  partnerId: z.uuid('must be a partner id'),
  costCentre: z.string().trim().min(1, 'give the cost centre').max(64),
  subjective: z.string().trim().min(1, 'give the subjective code').max(64),
  budgetLineCode: z.string().trim().min(1, 'give the budget line, e.g. BL/home_care/older_people/ALL').max(200),
  validFrom: day,
  validTo: day.nullable().optional(),
});

export const glEndMappingInput = z.strictObject({ validTo: day });

export const glHeldQuery = z.strictObject({
  partnerId: z.uuid('must be a partner id').optional(),
  status: z.enum(['held', 'released', 'all']).optional(),
});

export const glReleaseInput = z.strictObject({ partnerId: z.uuid('must be a partner id').optional() });

export const glRejectedRowSchema = z.object({ line: z.number().int(), field: z.string(), problem: z.string() });

export const glHeldSchema = z.object({
  id: z.string(),
  importId: z.string(),
  lineNo: z.number().int(),
  partnerId: z.string(),
  partnerName: z.string(),
  transactionDate: z.string(),
  costCentre: z.string(),
  subjective: z.string(),
  description: z.string(),
  reference: z.string(),
  amountPence: z.number().int(),
  reason: z.string(),
  releasedJournalId: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

export const glImportSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  status: z.enum(['posted', 'held', 'rejected']),
  rowsRead: z.number().int(),
  rowsPosted: z.number().int(),
  rowsAlreadyReceived: z.number().int(),
  rowsHeld: z.number().int(),
  rowsRejected: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
});

export const glImportDetailSchema = glImportSchema.extend({ rejected: z.array(glRejectedRowSchema), held: z.array(glHeldSchema) });
export const glImportResultSchema = glImportDetailSchema.extend({ alreadyImported: z.boolean() });

export const glMappingSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  costCentre: z.string(),
  subjective: z.string(),
  budgetLineCode: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});

export const glReleaseSchema = z.object({
  released: z.array(glHeldSchema),
  stillHeld: z.array(glHeldSchema.extend({ why: z.string() })),
});
