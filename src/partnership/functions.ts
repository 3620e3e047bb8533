/** The client groups and delegable functions of a place (DESIGN.md §1), shared by presets and the service. */
export const clientGroups = [
  'older_people',
  'physical_disability',
  'learning_disability',
  'mental_health',
  'sensory_impairment',
  'substance_misuse',
  'carers',
  'children',
] as const;
export type ClientGroup = (typeof clientGroups)[number];

/** The functions a partner may hand to another. */
export const delegableFunctions = [
  'asc_assessment',
  'asc_provision',
  'asc_commissioning',
  'health_commissioning',
  'community_health_provision',
  'mental_health_provision',
  'public_health',
  'children_community_health',
  'children_commissioning',
] as const;
export type DelegableFunction = (typeof delegableFunctions)[number];

/** What a period rests on in law. */
export const legalBases = ['section_75', 'section_31_hsa_1999', 'care_trust_order', 'other'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const legalBasisLabels: Record<LegalBasis, string> = {
  section_75: 'Section 75 agreement (NHS Act 2006)',
  section_31_hsa_1999: 'Section 31 partnership arrangement (Health Act 1999)',
  care_trust_order: 'Care trust establishment order (Health and Social Care Act 2001, s.45)',
  other: 'Other',
};

/** Public health moved from the NHS to councils on this day (Health and Social Care Act 2012). */
export const PUBLIC_HEALTH_TO_COUNCILS = '2013-04-01';

/**
 * Who holds a function by statute when no period hands it on: councils hold social care and
 * children's commissioning (and public health from April 2013); the NHS commissioner holds the
 * health functions.
 */
export function statutoryOwnerKind(fn: DelegableFunction, on: string): 'council' | 'nhs_commissioner' {
  if (fn.startsWith('asc_') || fn === 'children_commissioning') return 'council';
  if (fn === 'public_health') return on >= PUBLIC_HEALTH_TO_COUNCILS ? 'council' : 'nhs_commissioner';
  return 'nhs_commissioner';
}
