import { z } from 'zod';
import { careActOutcomes, carerOutcomes, unableWays, wellbeingAreas, type CareActOutcome } from './care-act.js';
import { freeText, parseOrInvalid, requiredText } from './fields.js';

export { careActOutcomeLabels, careActOutcomes, carerOutcomes, unableWays, wellbeingAreas, type CareActOutcome } from './care-act.js';

/**
 * The sections of the single shared assessment. Every field is optional so that a practitioner
 * can save as they type; completion then asks for what the eligibility decision needs.
 */

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `may list at most ${max}`)
    .refine((xs) => new Set(xs).size === xs.length, 'lists something twice');

const outcomeAnswer = z
  .strictObject({
    canAchieve: z.boolean({ message: 'must be true or false' }),
    ways: uniqueList(z.enum(unableWays, { message: `must be one of ${unableWays.join(', ')}` }), 4).optional(),
    note: freeText().optional(),
  })
  .superRefine((o, ctx) => {
    if (!o.canAchieve && (!o.ways || o.ways.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['ways'], message: 'must name at least one way the person cannot achieve this outcome when canAchieve is false' });
    }
    if (o.canAchieve && o.ways && o.ways.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['ways'], message: 'must be empty when the person can achieve this outcome' });
    }
  });

export const sectionSchemas = {
  personsView: z.strictObject({
    ownView: freeText().optional(),
    goals: z.array(requiredText(1000, 'must not be empty')).max(20, 'may list at most 20 goals').optional(),
  }),
  health: z.strictObject({
    conditions: freeText().optional(),
    medicinesSupport: freeText().optional(),
    mobilityAndFalls: freeText().optional(),
    skin: freeText().optional(),
    continence: freeText().optional(),
    cognition: freeText().optional(),
    mood: freeText().optional(),
  }),
  outcomes: z.strictObject(Object.fromEntries(careActOutcomes.map((k) => [k, outcomeAnswer.optional()])) as Record<CareActOutcome, z.ZodOptional<typeof outcomeAnswer>>),
  impairment: z.strictObject({
    hasImpairmentOrIllness: z.boolean({ message: 'must be true or false' }).optional(),
    description: freeText().optional(),
  }),
  wellbeing: z
    .strictObject({
      significantImpact: z.boolean({ message: 'must be true or false' }).optional(),
      areas: uniqueList(z.enum(wellbeingAreas, { message: `must be one of ${wellbeingAreas.join(', ')}` }), wellbeingAreas.length).optional(),
      note: freeText().optional(),
    })
    .superRefine((w, ctx) => {
      if (w.significantImpact === true && (!w.areas || w.areas.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['areas'], message: 'must name at least one area of wellbeing when the impact is significant' });
      }
    }),
  risks: z.strictObject({
    summary: freeText().optional(),
    items: z
      .array(
        z.strictObject({
          description: requiredText(1000, 'must describe the risk'),
          level: z.enum(['low', 'medium', 'high'], { message: 'must be low, medium or high' }),
          mitigation: freeText(2000).optional(),
        }),
      )
      .max(30, 'may list at most 30 risks')
      .optional(),
  }),
  strengths: z.strictObject({
    personalStrengths: freeText().optional(),
    networkSupport: freeText().optional(),
    communityResources: freeText().optional(),
  }),
  fluctuatingNeeds: z.strictObject({
    hasFluctuatingNeeds: z.boolean({ message: 'must be true or false' }).optional(),
    description: freeText().optional(),
    periodConsidered: freeText(500).optional(),
  }),
  /**
   * In a needs assessment: the person's carer and the carer's own needs. In a carer's
   * assessment: the carer's caring role and the facts of the carers' eligibility rule (reg 3).
   */
  carers: z.strictObject({
    hasCarer: z.boolean({ message: 'must be true or false' }).optional(),
    carerName: freeText(200).optional(),
    relationship: freeText(200).optional(),
    hoursCaringPerWeek: z.number({ message: 'must be a number of hours' }).min(0, 'must not be negative').max(168, 'cannot exceed the 168 hours of a week').optional(),
    willingAndAble: z.boolean({ message: 'must be true or false' }).optional(),
    carersOwnNeeds: freeText().optional(),
    carerAssessmentOffered: z.boolean({ message: 'must be true or false' }).optional(),
    needsArisingFromCaring: z.boolean({ message: 'must be true or false' }).optional(),
    carerHealthAtRisk: z.boolean({ message: 'must be true or false' }).optional(),
    carerUnableToAchieve: uniqueList(z.enum(carerOutcomes, { message: `must be one of ${carerOutcomes.join(', ')}` }), carerOutcomes.length).optional(),
  }),
} as const;

export type SectionName = keyof typeof sectionSchemas;
export const sectionNames = Object.keys(sectionSchemas) as SectionName[];
export type SectionContent<S extends SectionName> = z.output<(typeof sectionSchemas)[S]>;

export const sectionLabels: Record<SectionName, string> = {
  personsView: "The person's own view and goals",
  health: 'Health needs',
  outcomes: 'Care Act outcomes',
  impairment: 'Impairment or illness',
  wellbeing: 'Impact on wellbeing',
  risks: 'Risks',
  strengths: 'Strengths and community resources',
  fluctuatingNeeds: 'Fluctuating needs',
  carers: "Carers and the carer's own needs",
};

/** Checks what a practitioner saved against the section's form; 400 naming each field otherwise. */
export function parseSectionContent(section: SectionName, content: unknown): Record<string, unknown> {
  return parseOrInvalid(sectionSchemas[section], content, 'content', `The ${sectionLabels[section]} section is not valid`) as Record<string, unknown>;
}
