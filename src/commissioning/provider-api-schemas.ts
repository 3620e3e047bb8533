/** What the provider, contract and rate endpoints answer (issue #15). Bank details are masked. */
import { z } from 'zod';

export const maskedBankSchema = z
  .object({
    accountName: z.string(),
    /** **-**-34: only the last two digits. */
    sortCode: z.string(),
    /** ****5678: only the last four digits. */
    accountNumber: z.string(),
  })
  .nullable();

export const providerSchema = z.object({
  partnerId: z.string(),
  name: z.string(),
  kind: z.string(),
  odsCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  cqcLocationIds: z.array(z.string()),
  services: z.array(z.string()),
  areas: z.array(z.string()),
  inHouse: z.boolean(),
  description: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  bank: maskedBankSchema,
  version: z.number(),
});
export const providersSchema = z.object({ providers: z.array(providerSchema) });

export const rateSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  serviceType: z.string(),
  unit: z.string(),
  enhancement: z.string(),
  ratePence: z.number(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  reason: z.string(),
});

export const contractSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  kind: z.string(),
  frameworkId: z.string().nullable(),
  provider: z.object({ id: z.string(), name: z.string() }),
  commissioningPartner: z.object({ id: z.string(), name: z.string() }),
  budgetLineCode: z.string(),
  clientGroups: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  blockAnnualPence: z.number().nullable(),
  blockWeeklyUnits: z.number().nullable(),
  annualUpliftBp: z.number(),
  status: z.string(),
  version: z.number(),
});
export const contractsSchema = z.object({ contracts: z.array(contractSchema) });
export const contractWithRatesSchema = contractSchema.extend({ rates: z.array(rateSchema) });

export const rateChangeSchema = z.object({
  rate: rateSchema,
  /** The rate the new one ended (the day before it), if any. */
  ended: rateSchema.nullable(),
  /** Approved or in-place lines re-priced from the new rate's day as a new version. */
  repricedLines: z.number(),
});

export const upliftSchema = z.object({ contract: contractWithRatesSchema, added: z.array(rateChangeSchema), repricedLines: z.number() });

export const ifMatchHeaders = z.object({ 'if-match': z.string().optional() });
