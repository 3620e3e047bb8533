import { z } from 'zod';
import { financialYear, monthText } from '../platform/financial-year.js';

/** The query strings and answer of the statement endpoints (statement-routes.ts). */
export const statementFormats = ['json', 'csv', 'xlsx'] as const;
export type StatementFormat = (typeof statementFormats)[number];

const format = z.enum(statementFormats, { message: `must be one of ${statementFormats.join(', ')} (json for the page, csv or xlsx to download)` }).default('json');

export const quarterlyQuery = z.strictObject({
  fy: financialYear,
  quarter: z.coerce
    .number({ message: 'must be the quarter of the financial year, 1 to 4 (1 is April to June)' })
    .int('must be a whole quarter, 1 to 4')
    .min(1, 'must be 1 to 4 (1 is April to June)')
    .max(4, 'must be 1 to 4 (4 is January to March)'),
  format,
});

export const annualReturnQuery = z.strictObject({ fy: financialYear, format });

export const boardMonitoringQuery = z.strictObject({ fy: financialYear, month: monthText, format });

const cell = z.union([z.string(), z.number().int(), z.null()]);

export const statementSchema = z.object({
  kind: z.enum(['quarterly', 'annual-return', 'board-monitoring']),
  title: z.string(),
  placeName: z.string(),
  financialYear: z.string(),
  period: z.object({ label: z.string(), from: z.string(), to: z.string() }),
  basis: z.array(z.string()),
  sections: z.array(
    z.object({
      heading: z.string(),
      columns: z.array(z.object({ header: z.string(), type: z.enum(['text', 'pence', 'percent']) })),
      rows: z.array(z.array(cell)),
      total: z.array(cell).nullable(),
      notes: z.array(z.string()),
    }),
  ),
  fileStem: z.string(),
});
