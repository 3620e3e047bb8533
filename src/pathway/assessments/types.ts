import { z } from 'zod';
import { eventOutcomeCode } from '../codes.js';
import { freeText, versionField } from './fields.js';
import { sectionNames } from './sections.js';

export const newAssessmentInput = z
  .strictObject({
    personId: z.uuid('must be a person id (a UUID)'),
    kind: z.enum(['needs', 'carer'], { message: "must be 'needs' (the person's needs) or 'carer' (a carer's assessment)" }),
    caredForPersonId: z.uuid('must be the id of the person cared for (a UUID)').optional(),
    referralId: z.uuid('must be a referral id (a UUID)').optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'carer' && !a.caredForPersonId) {
      ctx.addIssue({ code: 'custom', path: ['caredForPersonId'], message: "is required for a carer's assessment: the person the carer looks after" });
    }
    if (a.kind === 'carer' && a.caredForPersonId === a.personId) {
      ctx.addIssue({ code: 'custom', path: ['caredForPersonId'], message: 'must be someone other than the carer' });
    }
    if (a.kind === 'needs' && a.caredForPersonId) {
      ctx.addIssue({ code: 'custom', path: ['caredForPersonId'], message: "belongs only to a carer's assessment (kind 'carer')" });
    }
  });
export type NewAssessmentInput = z.output<typeof newAssessmentInput>;

export const sectionParams = z.strictObject({
  id: z.uuid('must be an assessment id (a UUID)'),
  section: z.enum(sectionNames as [string, ...string[]], { message: `must be one of the sections: ${sectionNames.join(', ')}` }),
});

export const saveSectionInput = z.strictObject({
  content: z.record(z.string(), z.unknown(), { message: 'must be an object with the section’s fields' }),
  /** 0 or absent: start the section; otherwise the version you read. */
  version: z.number({ message: 'must be the version you read, or 0 to start the section' }).int('must be a whole number').min(0, 'must not be negative').optional(),
});

export const completeInput = z.strictObject({
  eligibilityDecision: z.enum(['eligible', 'not_eligible'], { message: "must be 'eligible' or 'not_eligible'" }).optional(),
  overrideReason: freeText(2000).optional(),
  outcome: eventOutcomeCode,
  version: versionField,
});
export type CompleteInput = z.output<typeof completeInput>;
