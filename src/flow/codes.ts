/**
 * Code lists of hospital flow, as data: NHS Data Dictionary admission methods and discharge
 * destinations, the legacy DToC reasons for delay and who a delay may be attributed to.
 * Sources and the attribution rules: docs/decisions/0004-delay-attribution.md.
 */

export type AdmissionGroup = 'elective' | 'emergency' | 'maternity' | 'other';

/** NHS Data Dictionary ADMISSION METHOD (Hospital Provider Spell). */
export const admissionMethods: Record<string, { label: string; group: AdmissionGroup }> = {
  '11': { label: 'Elective: waiting list', group: 'elective' },
  '12': { label: 'Elective: booked', group: 'elective' },
  '13': { label: 'Elective: planned', group: 'elective' },
  '21': { label: 'Emergency: Accident and Emergency', group: 'emergency' },
  '22': { label: 'Emergency: GP', group: 'emergency' },
  '23': { label: 'Emergency: bed bureau', group: 'emergency' },
  '24': { label: 'Emergency: consultant outpatient clinic', group: 'emergency' },
  '25': { label: 'Emergency: mental health crisis resolution team', group: 'emergency' },
  '2A': { label: 'Emergency: A&E of another provider', group: 'emergency' },
  '2B': { label: 'Emergency: transfer from another hospital provider', group: 'emergency' },
  '2C': { label: 'Emergency: baby born at home', group: 'emergency' },
  '2D': { label: 'Emergency: other', group: 'emergency' },
  '28': { label: 'Emergency: other means', group: 'emergency' },
  '31': { label: 'Maternity: ante-partum', group: 'maternity' },
  '32': { label: 'Maternity: post-partum', group: 'maternity' },
  '81': { label: 'Other: transfer from another hospital provider', group: 'other' },
  '82': { label: 'Other: birth in this provider', group: 'other' },
  '83': { label: 'Other: birth outside this provider', group: 'other' },
};
export const admissionMethodCodes = Object.keys(admissionMethods) as [string, ...string[]];

/** NHS Data Dictionary DISCHARGE DESTINATION (UK Core DischargeDestinationEngland). */
export const dischargeDestinations: Record<string, string> = {
  '19': 'Usual place of residence',
  '29': 'Temporary place of residence',
  '30': 'Repatriation from high security psychiatric hospital',
  '37': 'Court',
  '38': 'Penal establishment or police station',
  '48': 'High security psychiatric hospital, Scotland',
  '49': 'NHS other hospital provider: high security psychiatric',
  '50': 'NHS other hospital provider: medium secure unit',
  '51': 'NHS other hospital provider: ward for general patients',
  '52': 'NHS other hospital provider: ward for maternity patients',
  '53': 'NHS other hospital provider: ward for mentally ill or learning disabilities',
  '54': 'NHS run care home',
  '65': 'Local authority residential accommodation',
  '66': 'Local authority foster care',
  '79': 'Not applicable: patient died or stillbirth',
  '84': 'Non-NHS run hospital: medium secure unit',
  '85': 'Non-NHS (other than local authority) run care home',
  '87': 'Non-NHS run hospital',
  '88': 'Non-NHS run hospice',
  '98': 'Not applicable: hospital provider spell not finished',
  '99': 'Not known',
};
export const dischargeDestinationCodes = Object.keys(dischargeDestinations) as [string, ...string[]];

export type Attribution = 'nhs' | 'social_care' | 'both';
export const attributions = ['nhs', 'social_care', 'both'] as const;
export const attributionLabels: Record<Attribution, string> = { nhs: 'NHS', social_care: 'Social care', both: 'Both' };

/**
 * DToC reasons for delay (Monthly Delayed Transfers of Care SitRep, A–I and O), what the board
 * calls each, whose delay it may be, and whose it is when the sender says nothing.
 */
export const delayReasons = {
  A: { label: 'Awaiting completion of assessment', short: 'Assessment', allowed: ['nhs', 'social_care', 'both'], default: 'social_care' },
  B: { label: 'Awaiting public funding', short: 'Funding', allowed: ['nhs', 'social_care', 'both'], default: 'social_care' },
  C: { label: 'Awaiting further non-acute NHS care (including intermediate care)', short: 'Non-acute NHS care', allowed: ['nhs'], default: 'nhs' },
  Di: { label: 'Awaiting residential home placement or availability', short: 'Care home place (residential)', allowed: ['nhs', 'social_care', 'both'], default: 'social_care' },
  Dii: { label: 'Awaiting nursing home placement or availability', short: 'Care home place (nursing)', allowed: ['nhs', 'social_care', 'both'], default: 'both' },
  E: { label: 'Awaiting care package in own home', short: 'Package of care at home', allowed: ['nhs', 'social_care', 'both'], default: 'social_care' },
  F: { label: 'Awaiting community equipment and adaptations', short: 'Equipment', allowed: ['nhs', 'social_care', 'both'], default: 'both' },
  G: { label: 'Patient or family choice', short: 'Family choice', allowed: ['nhs', 'social_care', 'both'], default: 'nhs' },
  H: { label: 'Disputes', short: 'Dispute', allowed: ['both'], default: 'both' },
  I: { label: 'Housing: patients not covered by the NHS and Community Care Act', short: 'Housing', allowed: ['nhs'], default: 'nhs' },
  O: { label: 'Other', short: 'Other', allowed: ['nhs', 'social_care', 'both'], default: 'nhs' },
} as const satisfies Record<string, { label: string; short: string; allowed: readonly Attribution[]; default: Attribution }>;
export type DelayReason = keyof typeof delayReasons;
export const delayReasonCodes = Object.keys(delayReasons) as [DelayReason, ...DelayReason[]];

/** The reason and attribution of a delayed day on which nothing awaited was recorded. */
export const unrecordedDelay = { reason: 'O' as DelayReason, attribution: 'nhs' as Attribution };

/**
 * Whose delay an awaited item is: the sender's word where the SitRep allows it for the reason,
 * otherwise the reason's default. Returns an error text when the sender's word is not allowed.
 */
export function attributionFor(reason: DelayReason, given: Attribution | undefined): { attribution: Attribution } | { problem: string } {
  const r = delayReasons[reason];
  if (given === undefined) return { attribution: r.default };
  if (!(r.allowed as readonly string[]).includes(given)) {
    return { problem: `cannot be ${given} for reason ${reason} (${r.short}): only ${r.allowed.join(' or ')}` };
  }
  return { attribution: given };
}

export const pathwayLabels: Record<number, string> = {
  0: 'Pathway 0: home, no new support',
  1: 'Pathway 1: home with new support',
  2: 'Pathway 2: community bed-based recovery',
  3: 'Pathway 3: care home placement',
};
