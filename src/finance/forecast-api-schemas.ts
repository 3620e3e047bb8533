import { z } from 'zod';

export const commitmentsQuery = z.strictObject({
  on: z.iso.date('must be a day, YYYY-MM-DD').optional(),
});

export const commitmentsByLineSchema = z.object({
  on: z.string(),
  financialYear: z.string(),
  lines: z.array(z.object({ code: z.string(), lines: z.number().int(), weeklyPence: z.number().int(), commitmentPence: z.number().int() })),
  totalPence: z.number().int(),
});
