/** The coded lists as the API answers them (the web app reads these types). */
import { z } from 'zod';

/** A code and its words. */
export const codeSchema = z.object({ code: z.string(), label: z.string() });
const list = z.array(codeSchema);

export const codesSchema = z.object({
  routesOfAccess: list,
  eventOutcomes: list,
  frontDoorOutcomes: list,
  assessmentTypes: list,
  primarySupportReasons: list,
  serviceTypes: list,
  serviceComponents: list,
  deliveryMechanisms: list,
  costFrequencyUnitTypes: list,
  referralSources: list,
  urgencies: list,
  /** The client groups and needs a referral may name for routing. */
  clientGroups: list,
  referralNeeds: list,
  careActOutcomes: list,
  /** The shared assessment's sections, in the order the form shows them. */
  assessmentSections: list,
  units: z.array(codeSchema.extend({ plural: z.string() })),
  frequencies: z.array(codeSchema.extend({ phrase: z.string() })),
  lineStatuses: list,
  providerPartnerKinds: list,
  roles: list,
  professions: z.array(codeSchema.extend({ sector: z.enum(['health', 'social_care', 'integrated']) })),
  sectors: list,
  timelineKinds: list,
  timelineSubjects: list,
  delayReasons: z.array(codeSchema.extend({ short: z.string(), attributions: z.array(z.string()), defaultAttribution: z.string() })),
  delayAttributions: list,
  /** How a carer is related to the person they care for. */
  carerRelationships: list,
});
