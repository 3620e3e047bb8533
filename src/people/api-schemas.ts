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

export const peopleFoundSchema = z.object({ results: z.array(personSummarySchema) });

/** A person the user reaches through their own or their team's relationship, and that relationship. */
export const myPersonSchema = personSummarySchema.extend({ relationship: z.object({ kind: z.string(), teamName: z.string().nullable(), since: z.string() }) });

export const myPeopleSchema = z.object({ results: z.array(myPersonSchema) });

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
  /** Current carer relationships, both ways (GET /api/people/{id}/carers lists ended ones too). */
  carers: z.array(z.object({ id: z.string(), personId: z.string(), name: z.string(), relationship: z.string(), livesWith: z.boolean(), mainCarer: z.boolean(), validFrom: z.string() })),
  caresFor: z.array(z.object({ id: z.string(), personId: z.string(), name: z.string(), relationship: z.string(), livesWith: z.boolean(), mainCarer: z.boolean(), validFrom: z.string() })),
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

export const personVersionsSchema = z.object({ versions: z.array(z.object({ version: z.number(), changedBy: z.string().nullable(), changedAt: z.string(), change: z.string() })) });

/** The relationship breaking glass opened, and when it ends. */
export const brokenGlassSchema = z.object({ relationshipId: z.string(), validTo: z.string() });

const personNameRef = z.object({ id: z.string(), name: z.string() });

/** A carer relationship: who cares for whom, how, and over which period (ended ones are kept). */
export const carerRelationshipSchema = z.object({
  id: z.string(),
  carer: personNameRef,
  caredFor: personNameRef,
  relationship: z.string(),
  relationshipLabel: z.string(),
  livesWith: z.boolean(),
  mainCarer: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endReason: z.string(),
  current: z.boolean(),
});

export const carerRelationshipsSchema = z.object({ carers: z.array(carerRelationshipSchema), caresFor: z.array(carerRelationshipSchema) });
