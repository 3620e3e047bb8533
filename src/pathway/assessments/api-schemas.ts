import { z } from 'zod';
import { personRefSchema } from '../api-schemas.js';

export const eligibilitySchema = z.object({
  rule: z.enum(['adult', 'carer']),
  eligible: z.boolean(),
  complete: z.boolean(),
  missing: z.array(z.string()),
  conditions: z.object({ first: z.boolean(), second: z.boolean(), significantImpactOnWellbeing: z.boolean() }),
  unableToAchieve: z.array(z.string()),
});

export const sectionViewSchema = z.object({
  section: z.string(),
  label: z.string(),
  content: z.record(z.string(), z.unknown()).nullable(),
  withheld: z.boolean(),
  author: z.object({ userId: z.string(), name: z.string(), role: z.string(), roleLabel: z.string() }),
  sector: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

/** A section as saved, with the assessment's version after the save. */
export const savedSectionSchema = sectionViewSchema.extend({ assessmentVersion: z.number() });

const summaryFields = {
  id: z.string(),
  personId: z.string(),
  kind: z.string(),
  caredForPersonId: z.string().nullable(),
  referralId: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  startedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedOn: z.string().nullable(),
  completedBy: z.string().nullable(),
  assessmentType: z.string().nullable(),
  outcome: z.string().nullable(),
  eligibilityDecision: z.string().nullable(),
  overrideReason: z.string().nullable(),
  version: z.number(),
};

export const assessmentSummarySchema = z.object({ ...summaryFields, sectionsStarted: z.number() });

export const assessmentViewSchema = z.object({
  ...summaryFields,
  person: personRefSchema,
  caredFor: personRefSchema.nullable(),
  eligibilityComputed: eligibilitySchema.nullable(),
  eligibility: eligibilitySchema,
  /** A completed carer's assessment: the CLD carer fields as at completion; null otherwise. */
  carerReturn: z
    .object({
      clientType: z.string(),
      primarySupportReason: z.string(),
      totalHoursCaringPerWeek: z.number().nullable(),
      adultsCaredFor: z.number(),
      linkedPersonIds: z.array(z.string()),
    })
    .nullable(),
  sections: z.array(sectionViewSchema),
  sectionsNotStarted: z.array(z.string()),
});

export const assessmentsSchema = z.object({ assessments: z.array(assessmentSummarySchema) });
