import { z } from 'zod';
import { isIsoDate } from '../platform/dates.js';
import { nhsNumberProblem, normaliseNhsNumber } from './nhs-number.js';

// Names: letters (any alphabet), spaces, hyphens, apostrophes and full stops. Anything else
// (angle brackets, semicolons, quotes used for SQL) is refused with the field named.
const nameText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\p{L}\p{M}' .-]*$/u, 'may contain only letters, spaces, hyphens, apostrophes and full stops');

const requiredName = (max: number) => nameText(max).min(1, 'is required');

const plainText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    // Control characters other than line breaks never belong in a record.
    .refine((s) => ![...s].some(isControlCharacter), 'contains control characters');

function isControlCharacter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
}

export const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

export const nhsNumberInput = z
  .string()
  .max(20, 'must be ten digits')
  .transform((s) => normaliseNhsNumber(s))
  .superRefine((s, ctx) => {
    const problem = nhsNumberProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid NHS number (${problem})` });
  });

const postcode = z
  .string()
  .trim()
  .max(10, 'must be at most 10 characters')
  .transform((s) => s.toUpperCase().replace(/\s+/g, ' '))
  .refine((s) => s === '' || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(s), 'is not a UK postcode (for example TQ1 1AA)');

export const genders = ['1', '2', '9', 'X'] as const;
export const genderLabels: Record<(typeof genders)[number], string> = {
  '1': 'Male',
  '2': 'Female',
  '9': 'Indeterminate',
  X: 'Not known',
};
/** NHS Data Dictionary ethnic category (England). */
export const ethnicCategories = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99'] as const;

export const consentInput = z.strictObject({
  consentToShare: z.boolean(),
  objectsToHealthSocialCareSharing: z.boolean(),
  sharingNote: plainText(2000).default(''),
  recordedOn: isoDate.nullable().default(null),
});

const personFields = {
  nhsNumber: nhsNumberInput.nullable(),
  title: nameText(35),
  givenName: requiredName(100),
  familyName: requiredName(100),
  otherNames: nameText(200),
  preferredName: nameText(100),
  birthDate: isoDate,
  deathDate: isoDate.nullable(),
  gender: z.enum(genders, { message: "must be one of '1' (male), '2' (female), '9' (indeterminate), 'X' (not known)" }),
  ethnicity: z.enum(ethnicCategories).nullable(),
  addressLines: z
    .array(plainText(100).refine((s) => !/[<>]/.test(s), 'may not contain < or >'))
    .max(5, 'may have at most 5 lines'),
  postcode,
  phone: z
    .string()
    .trim()
    .max(30, 'must be at most 30 characters')
    .regex(/^[0-9 +()-]*$/, 'may contain only digits, spaces, +, ( ) and -'),
  email: z.union([z.literal(''), z.string().trim().max(254).email('is not an email address')]),
  gpPracticeOds: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{5}$/, 'must be a GP practice ODS code: a letter and five digits')
    .nullable(),
  livesAlone: z.boolean().nullable(),
  interpreterLanguage: nameText(50),
  consent: consentInput,
};

export const newPersonInput = z
  .strictObject({
    ...personFields,
    nhsNumber: personFields.nhsNumber.default(null),
    title: personFields.title.default(''),
    otherNames: personFields.otherNames.default(''),
    preferredName: personFields.preferredName.default(''),
    deathDate: personFields.deathDate.default(null),
    gender: personFields.gender.default('X'),
    ethnicity: personFields.ethnicity.default(null),
    addressLines: personFields.addressLines.default([]),
    postcode: personFields.postcode.default(''),
    phone: personFields.phone.default(''),
    email: personFields.email.default(''),
    gpPracticeOds: personFields.gpPracticeOds.default(null),
    livesAlone: personFields.livesAlone.default(null),
    interpreterLanguage: personFields.interpreterLanguage.default(''),
    consent: consentInput.optional(),
    /** Set after the user has looked at the proposed duplicates and is sure this is someone else. */
    allowPossibleDuplicate: z.boolean().default(false),
  })
  .refine((p) => !p.deathDate || p.deathDate >= p.birthDate, { message: 'must not be before the date of birth', path: ['deathDate'] });
export type NewPersonInput = z.output<typeof newPersonInput>;

export const personPatch = z
  .strictObject({
    nhsNumber: personFields.nhsNumber.optional(),
    title: personFields.title.optional(),
    givenName: personFields.givenName.optional(),
    familyName: personFields.familyName.optional(),
    otherNames: personFields.otherNames.optional(),
    preferredName: personFields.preferredName.optional(),
    birthDate: personFields.birthDate.optional(),
    deathDate: personFields.deathDate.optional(),
    gender: personFields.gender.optional(),
    ethnicity: personFields.ethnicity.optional(),
    addressLines: personFields.addressLines.optional(),
    postcode: personFields.postcode.optional(),
    phone: personFields.phone.optional(),
    email: personFields.email.optional(),
    gpPracticeOds: personFields.gpPracticeOds.optional(),
    livesAlone: personFields.livesAlone.optional(),
    interpreterLanguage: personFields.interpreterLanguage.optional(),
    consent: consentInput.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field', path: ['body'] });
export type PersonPatch = z.output<typeof personPatch>;

export const breakGlassInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'must say why you need the record, in at least 10 characters')
    .max(1000, 'must be at most 1000 characters'),
});

export const mergeInput = z.strictObject({
  mergeId: z.uuid('must be the id of the record to merge into this one'),
  reason: z.string().trim().min(5, 'must say why the records are the same person').max(1000),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(2, 'type at least 2 characters').max(100, 'must be at most 100 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
