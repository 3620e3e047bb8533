import type { AccessGrant } from '../access/policy.js';
import { ageOn, londonDateOf } from '../platform/dates.js';
import type { PracticeRef } from '../partnership/directory.js';
import type { PersonRow } from './queries.js';
import { genderLabels } from './types.js';

export type PersonSummary = ReturnType<typeof personSummary>;

/** What a register look-up shows: enough to tell people apart, nothing about their care. */
export function personSummary(p: PersonRow, practice: PracticeRef | undefined, access: 'relationship' | 'none', now: Date) {
  return {
    id: p.id,
    nhsNumber: p.nhsNumber,
    title: p.title,
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, p.deathDate ?? londonDateOf(now)),
    gender: p.gender,
    postcode: p.postcode,
    gpPractice: practice ? { ods: practice.ods, name: practice.name } : null,
    zone: practice?.zone ?? null,
    access,
  };
}

type CarerPart = { id: string; personId: string; name: string; relationship: string; livesWith: boolean; mainCarer: boolean; validFrom: string };

export type PersonExtras = {
  practice: PracticeRef | undefined;
  teams: { id: string; name: string; kind: string; relationshipKind: string; since: string }[];
  carers: CarerPart[];
  caresFor: CarerPart[];
  contacts: { id: string; name: string; relationship: string; phone: string; nextOfKin: boolean; powerOfAttorney: boolean }[];
  aliases: { personId: string; givenName: string; familyName: string; nhsNumber: string | null; mergedAt: string }[];
};

/** The whole record, as a practitioner with a relationship sees it. */
export function personRecord(p: PersonRow, extras: PersonExtras, grant: AccessGrant, now: Date) {
  return {
    id: p.id,
    version: p.version,
    nhsNumber: p.nhsNumber,
    title: p.title,
    givenName: p.givenName,
    familyName: p.familyName,
    otherNames: p.otherNames,
    preferredName: p.preferredName,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, p.deathDate ?? londonDateOf(now)),
    deathDate: p.deathDate,
    gender: p.gender,
    genderLabel: genderLabels[p.gender as keyof typeof genderLabels] ?? 'Not known',
    ethnicity: p.ethnicity,
    addressLines: p.addressLines,
    postcode: p.postcode,
    phone: p.phone,
    email: p.email,
    livesAlone: p.livesAlone,
    interpreterLanguage: p.interpreterLanguage,
    gpPractice: extras.practice ? { ods: extras.practice.ods, name: extras.practice.name } : null,
    zone: extras.practice?.zone ?? null,
    teams: extras.teams,
    carers: extras.carers,
    caresFor: extras.caresFor,
    contacts: extras.contacts,
    consent: {
      consentToShare: p.consentToShare,
      objectsToHealthSocialCareSharing: p.objectsToHealthSocialCareSharing,
      sharingNote: p.sharingNote,
      recordedOn: p.consentRecordedOn,
    },
    access: { kind: grant.kind, validTo: grant.validTo ? grant.validTo.toISOString() : null, sector: grant.sector },
    mergedInto: p.mergedIntoId,
    aliases: extras.aliases,
    /** Filled by later capabilities (referrals, assessments, packages, stays). */
    timeline: [] as unknown[],
  };
}
export type PersonRecord = ReturnType<typeof personRecord>;
