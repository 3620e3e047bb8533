import { z } from 'zod';

const int = z.number().int();
const figures = {
  committedPence: int,
  paidPence: int,
  plannedHoursHundredths: int,
  deliveredHoursHundredths: int,
  pricePerHourPence: int.nullable(),
  paidPerDeliveredHourPence: int.nullable(),
  packages: int,
  people: int,
};

export const marketViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['provider', 'service', 'zone']),
  months: z.array(z.string()),
  groups: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.object({ month: z.string(), key: z.string(), label: z.string(), ...figures })),
  totals: z.array(z.object({ month: z.string(), ...figures })),
});

export const utilisationSchema = z.object({
  on: z.string(),
  contracts: z.array(
    z.object({
      contractId: z.string(),
      reference: z.string(),
      title: z.string(),
      kind: z.string(),
      status: z.string(),
      providerPartnerId: z.string(),
      providerName: z.string(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      budgetLineCode: z.string(),
      blockWeeklyUnitsHundredths: int.nullable(),
      blockAnnualPence: int.nullable(),
      placedLines: int,
      placedWeeklyUnitsHundredths: int,
      utilisationBp: int.nullable(),
      committedToDatePence: int,
      paidToDatePence: int,
    }),
  ),
});

export const inHouseComparisonSchema = z.object({
  from: z.string(),
  to: z.string(),
  basis: z.string().nullable(),
  inHouse: z.array(
    z.object({
      from: z.string(),
      label: z.string(),
      costPerHourPence: int,
      buildUp: z.array(z.object({ step: z.string(), label: z.string(), pence: int, basis: z.string() })),
    }),
  ),
  months: z.array(
    z.object({
      month: z.string(),
      on: z.string(),
      inHouseCostPerHourPence: int.nullable(),
      inHousePeriodFrom: z.string().nullable(),
      commissionedMeanPence: int.nullable(),
      commissionedLowestPence: int.nullable(),
      commissionedHighestPence: int.nullable(),
      commissionedRates: int,
      differencePence: int.nullable(),
      changed: z.boolean(),
    }),
  ),
});
