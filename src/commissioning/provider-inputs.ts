/** What a commissioner sends to keep providers, contracts and rate cards (issue #15). */
import { z } from 'zod';
import { serviceComponentCode, serviceTypeCode } from '../pathway/codes.js';
import { lineEnhancements } from '../pathway/plans/types.js';

const isoDate = z.string({ message: 'must be a date written YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const text = (max: number, message: string) => z.string({ message }).trim().min(1, message).max(max, `must be at most ${max} characters`);

export const rateUnits = ['hour', 'visit', 'week', 'night', 'day', 'session'] as const;
export const enhancements = lineEnhancements;
export const contractKinds = ['block', 'spot', 'framework', 'call_off'] as const;
export const providerKinds = ['provider', 'voluntary', 'nhs_trust'] as const;

export const enhancementLabels: Record<(typeof enhancements)[number], string> = {
  standard: 'Standard',
  two_carers: 'Two carers',
  rural: 'Rural',
  night: 'Night',
  weekend: 'Weekend',
};

const cqcLocationId = z.string({ message: 'must be a CQC location id such as 1-123456789' }).trim().regex(/^1-\d{3,12}$/, 'must be a CQC location id: 1- then digits (1-123456789)');
const zoneCode = z.string({ message: 'must be a zone code' }).trim().min(1, 'must be a zone code').max(40, 'must be a zone code');
const bank = z
  .strictObject({
    accountName: text(140, 'must name the account'),
    sortCode: z
      .string({ message: 'must be a sort code of six digits' })
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{6}$/, 'must be a sort code of six digits (12-34-56)')),
    accountNumber: z
      .string({ message: 'must be an account number of eight digits' })
      .transform((s) => s.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{8}$/, 'must be an account number of eight digits')),
  })
  .nullable();

const profileFields = {
  cqcLocationIds: z.array(cqcLocationId).max(50, 'may list at most 50 CQC locations'),
  services: z.array(serviceComponentCode).max(40, 'may list at most 40 services'),
  areas: z.array(zoneCode).max(100, 'may list at most 100 zones'),
  inHouse: z.boolean({ message: 'must be true or false' }),
  description: z.string({ message: 'must be text' }).trim().max(2000, 'must be at most 2000 characters'),
  email: z.email('must be an email address').nullable(),
  phone: z.string({ message: 'must be a telephone number' }).trim().regex(/^[0-9 +()-]{6,20}$/, 'must be a telephone number').nullable(),
  website: z.url('must be a web address (https://…)').nullable(),
  bank,
};

export const newProviderInput = z.strictObject({
  name: text(200, 'must give the provider’s name'),
  kind: z.enum(providerKinds, { message: `must be one of ${providerKinds.join(', ')}` }).default('provider'),
  odsCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,6}$/, 'must be an ODS code (3 to 6 letters and digits)').nullable().default(null),
  validFrom: isoDate.nullable().default(null),
  cqcLocationIds: profileFields.cqcLocationIds.default([]),
  services: profileFields.services.default([]),
  areas: profileFields.areas.default([]),
  inHouse: profileFields.inHouse.default(false),
  description: profileFields.description.default(''),
  email: profileFields.email.default(null),
  phone: profileFields.phone.default(null),
  website: profileFields.website.default(null),
  bank: profileFields.bank.default(null),
});
export type NewProviderInput = z.output<typeof newProviderInput>;

/** A profile change: the fields given replace what is held; `version` (or If-Match) the version it changes. */
export const profileChangeInput = z.strictObject({
  cqcLocationIds: profileFields.cqcLocationIds.optional(),
  services: profileFields.services.optional(),
  areas: profileFields.areas.optional(),
  inHouse: profileFields.inHouse.optional(),
  description: profileFields.description.optional(),
  email: profileFields.email.optional(),
  phone: profileFields.phone.optional(),
  website: profileFields.website.optional(),
  bank: profileFields.bank.optional(),
  version: z.number({ message: 'must be the version you read (a whole number)' }).int('must be a whole number').positive('must be 1 or more').optional(),
});
export type ProfileChangeInput = z.output<typeof profileChangeInput>;

export const providerListQuery = z.strictObject({
  service: serviceComponentCode.optional(),
  zone: zoneCode.optional(),
});

export const newContractInput = z
  .strictObject({
    reference: text(60, 'must give the contract’s reference'),
    title: text(200, 'must give the contract a title'),
    kind: z.enum(contractKinds, { message: `must be one of ${contractKinds.join(', ')}` }),
    frameworkId: z.uuid('must be the id of the framework contract (a UUID)').optional(),
    providerPartnerId: z.uuid('must be the provider’s partner id (a UUID)'),
    commissioningPartnerId: z.uuid('must be the commissioning partner’s id (a UUID)'),
    budgetLineCode: z.string({ message: 'must be a budget line code BL/<area>/<client group>/<zone|ALL>' }).trim(),
    clientGroups: z.array(z.string().trim().min(1)).min(1, 'must list at least one client group'),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    blockAnnualPence: z.number({ message: 'must be a whole number of pence' }).int('must be a whole number of pence').positive('must be more than 0').optional(),
    blockWeeklyUnits: z.number({ message: 'must be a number of units a week' }).positive('must be more than 0').max(100_000, 'must be at most 100000').optional(),
    annualUpliftBp: z.number({ message: 'must be basis points (250 is 2.5%)' }).int('must be a whole number of basis points').min(0, 'must not be negative').max(5000, 'must be at most 5000 (50%)').default(0),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'call_off' && !c.frameworkId) ctx.addIssue({ code: 'custom', path: ['frameworkId'], message: 'a call-off must name the framework contract it is called off from' });
    if (c.kind !== 'call_off' && c.frameworkId) ctx.addIssue({ code: 'custom', path: ['frameworkId'], message: 'only a call-off names a framework' });
    if (c.endsOn && c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    if (c.kind === 'block' && c.blockAnnualPence === undefined) ctx.addIssue({ code: 'custom', path: ['blockAnnualPence'], message: 'a block contract must give its annual sum' });
    if (c.kind !== 'block' && (c.blockAnnualPence !== undefined || c.blockWeeklyUnits !== undefined)) ctx.addIssue({ code: 'custom', path: ['blockAnnualPence'], message: 'only a block contract has an annual sum and weekly units' });
  });
export type NewContractInput = z.output<typeof newContractInput>;

export const contractListQuery = z.strictObject({ providerPartnerId: z.uuid('must be a partner id (a UUID)').optional() });

export const endContractInput = z.strictObject({
  endsOn: isoDate,
  version: z.number({ message: 'must be the version you read (a whole number)' }).int('must be a whole number').positive('must be 1 or more'),
});

const ratePence = z.number({ message: 'must be a whole number of pence' }).int('must be a whole number of pence').positive('must be more than 0').max(5_000_000, 'must be at most 5000000 pence (£50,000) a unit');

export const newRateInput = z.strictObject({
  serviceType: serviceTypeCode,
  unit: z.enum(rateUnits, { message: `must be one of ${rateUnits.join(', ')}` }),
  enhancement: z.enum(enhancements, { message: `must be one of ${enhancements.join(', ')}` }).default('standard'),
  ratePence,
  /** Required: a rate without the day it applies from could not be told from the rate before it. */
  effectiveFrom: z
    .string({ error: (i) => (i.input === undefined ? 'is required: give the day the rate applies from (YYYY-MM-DD); a rate without one cannot be priced' : 'must be a date written YYYY-MM-DD') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  reason: z.enum(['new', 'correction'], { message: 'must be new or correction' }).default('new'),
});
export type NewRateInput = z.output<typeof newRateInput>;

export const upliftInput = z.strictObject({
  /** The anniversary: the uplifted rates apply from this day. */
  from: isoDate,
});

export const idParams = z.strictObject({ id: z.uuid('must be an id (a UUID)') });
