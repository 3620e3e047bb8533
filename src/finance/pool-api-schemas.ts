import { z } from 'zod';
import { financialYear, monthText } from '../platform/financial-year.js';

/** The parameters and answers of the pooled budget's dashboard, drill-down, history and commentary. */

const day = z.iso.date('must be a day, YYYY-MM-DD');
const code = z.string().min(1, 'give a budget line code, e.g. BL/home_care/older_people/ALL').max(200);
const int = z.number().int();

export const poolQuery = z.strictObject({ fy: financialYear.optional(), on: day.optional() });
export const lineParams = z.strictObject({ code });
export const lineQuery = z.strictObject({
  fy: financialYear.optional(),
  on: day.optional(),
  limit: z.coerce.number({ message: 'must be a whole number from 1 to 500' }).int('must be a whole number from 1 to 500').min(1).max(500).default(50),
  after: z.uuid('must be the entry id nextAfter gave').optional(),
});
export const historyQuery = z.strictObject({ fy: financialYear.optional(), code: code.optional() });
export const snapshotBody = z.strictObject({ month: monthText });
export const commentaryQuery = z.strictObject({ fy: financialYear.optional(), month: monthText.optional(), code: code.optional() });
export const commentBody = z.strictObject({
  month: monthText,
  code,
  text: z.string({ message: 'must say why the line varies' }).trim().min(3, 'must say why the line varies (at least 3 characters)').max(4000, 'must be at most 4000 characters'),
});

const figures = { budgetPence: int, actualsPence: int, commitmentPence: int, trendPence: int, forecastPence: int, variancePence: int };
const lineForecast = z.object({
  code: z.string(),
  name: z.string(),
  serviceArea: z.string().nullable(),
  clientGroup: z.string().nullable(),
  zoneCode: z.string().nullable(),
  commitmentLines: int,
  newWeeklyPencePerMonth: int,
  ...figures,
});
const series = z.object({ key: z.string().nullable(), label: z.string(), months: z.array(z.object({ month: z.string(), pence: int })), totalPence: int });

export const poolSchema = z.object({
  financialYear: z.string(),
  on: z.string(),
  totals: z.object(figures),
  lines: z.array(lineForecast),
  contributions: z.array(z.object({ partnerId: z.string(), partnerName: z.string(), plannedPence: int, variationsPence: int, receivedPence: int, streams: z.array(z.object({ stream: z.string(), plannedPence: int, variationsPence: int, receivedPence: int })) })),
  spend: z.object({ months: z.array(z.string()), byClientGroup: z.array(series), byZone: z.array(series) }),
  monthsTaken: z.array(z.object({ month: z.string(), takenAt: z.string() })),
});

export const snapshotSchema = z.object({ month: z.string(), code: z.string(), asAt: z.string(), ...figures, takenAt: z.string(), takenBy: z.string().nullable() });
export const historySchema = z.object({ financialYear: z.string(), code: z.string(), snapshots: z.array(snapshotSchema) });
export const snapshotTakenSchema = z.object({ month: z.string(), takenAt: z.string(), lines: int, totals: snapshotSchema });
export const commentSchema = z.object({
  id: z.string(),
  financialYear: z.string(),
  month: z.string(),
  code: z.string(),
  text: z.string(),
  supersedesId: z.string().nullable(),
  authorName: z.string(),
  at: z.string(),
  current: z.boolean(),
});
export const commentaryListSchema = z.object({ financialYear: z.string(), comments: z.array(commentSchema) });

const trace = z.object({ packageId: z.string(), serviceLineId: z.string(), invoiceLineRef: z.string(), glLineRef: z.string(), contributionId: z.string() }).partial();
export const lineSchema = z.object({
  financialYear: z.string(),
  on: z.string(),
  line: lineForecast,
  monthlyActuals: z.array(z.object({ month: z.string(), pence: int })),
  postings: z.object({
    entries: z.array(z.object({ entryId: z.string(), journalId: z.string(), postedOn: z.string(), description: z.string(), amountPence: int, memo: z.string().nullable(), sourceKind: z.string(), trace })),
    nextAfter: z.string().nullable(),
  }),
  packageLines: z.array(
    z.object({
      serviceLineId: z.string(),
      packageRef: z.string(),
      providerPartnerId: z.string(),
      providerName: z.string(),
      serviceType: z.string(),
      component: z.string(),
      clientGroup: z.string(),
      zoneCode: z.string().nullable(),
      weeklyPence: int,
      startOn: z.string(),
      endOn: z.string().nullable(),
      commitmentPence: int,
      person: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
  history: z.array(snapshotSchema),
  comments: z.array(commentSchema),
});

