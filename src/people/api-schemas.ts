import { z } from 'zod';

const practiceRef = z.object({ ods: z.string(), name: z.string() }).nullable();
const zoneRef = z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable();

export const personSummarySchema = z.object({
  id: z.string(),
  nhsNumber: z.string().nullable(),
  title: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  gender: z.string(),
  postcode: z.string(),
  gpPractice: practiceRef,
  zone: zoneRef,
  access: z.enum(['relationship', 'none']),
});

export const personRecordSchema = z.object({
  id: z.string(),
  version: z.number(),
  nhsNumber: z.string().nullable(),
  title: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  otherNames: z.string(),
  preferredName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  deathDate: z.string().nullable(),
  gender: z.string(),
  genderLabel: z.string(),
  ethnicity: z.string().nullable(),
  addressLines: z.array(z.string()),
  postcode: z.string(),
  phone: z.string(),
  email: z.string(),
  livesAlone: z.boolean().nullable(),
  interpreterLanguage: z.string(),
  gpPractice: practiceRef,
  zone: zoneRef,
  teams: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), relationshipKind: z.string(), since: z.string() })),
  carers: z.array(z.object({ personId: z.string(), name: z.string(), relationship: z.string(), mainCarer: z.boolean() })),
  caresFor: z.array(z.object({ personId: z.string(), name: z.string(), relationship: z.string() })),
  contacts: z.array(
    z.object({ id: z.string(), name: z.string(), relationship: z.string(), phone: z.string(), nextOfKin: z.boolean(), powerOfAttorney: z.boolean() }),
  ),
  consent: z.object({
    consentToShare: z.boolean(),
    objectsToHealthSocialCareSharing: z.boolean(),
    sharingNote: z.string(),
    recordedOn: z.string().nullable(),
  }),
  access: z.object({ kind: z.string(), validTo: z.string().nullable(), sector: z.string() }),
  mergedInto: z.string().nullable(),
  aliases: z.array(z.object({ personId: z.string(), givenName: z.string(), familyName: z.string(), nhsNumber: z.string().nullable(), mergedAt: z.string() })),
  timeline: z.array(z.unknown()),
});
