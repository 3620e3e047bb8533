import type { PackageKind } from './pathway-activity-lines.js';
import type { Need, Source } from './pathway-activity-texts.js';
import type { Weighted } from './random.js';

/**
 * The shares the pathway runs on: who refers, for what, who is allocated for which need, what
 * the front door resolves, what support follows. Round figures in the spirit of the published
 * returns (GPs and hospitals refer most; a third or more resolved at the front door; home care
 * the commonest package, residential and nursing care for some of the oldest).
 */

export const sourcesOlder: Weighted<Source> = [
  { value: 'gp', weight: 34 },
  { value: 'hospital', weight: 24 },
  { value: 'community_nurse', weight: 12 },
  { value: 'family_carer', weight: 13 },
  { value: 'self', weight: 8 },
  { value: 'police', weight: 3 },
  { value: 'other', weight: 6 },
];

export const sourcesYounger: Weighted<Source> = [
  { value: 'gp', weight: 36 },
  { value: 'hospital', weight: 14 },
  { value: 'community_nurse', weight: 6 },
  { value: 'family_carer', weight: 10 },
  { value: 'self', weight: 18 },
  { value: 'police', weight: 7 },
  { value: 'other', weight: 9 },
];

export const needsBySource: Record<Source, Weighted<Need>> = {
  gp: [
    { value: 'falls', weight: 20 },
    { value: 'personal_care', weight: 20 },
    { value: 'nursing', weight: 18 },
    { value: 'memory', weight: 15 },
    { value: 'mental_health', weight: 9 },
    { value: 'isolation', weight: 6 },
    { value: 'disability', weight: 6 },
    { value: 'carer_strain', weight: 6 },
  ],
  hospital: [
    { value: 'discharge', weight: 72 },
    { value: 'falls', weight: 14 },
    { value: 'nursing', weight: 14 },
  ],
  community_nurse: [
    { value: 'nursing', weight: 50 },
    { value: 'personal_care', weight: 25 },
    { value: 'falls', weight: 15 },
    { value: 'memory', weight: 10 },
  ],
  family_carer: [
    { value: 'carer_strain', weight: 30 },
    { value: 'personal_care', weight: 25 },
    { value: 'memory', weight: 25 },
    { value: 'falls', weight: 20 },
  ],
  self: [
    { value: 'personal_care', weight: 30 },
    { value: 'isolation', weight: 20 },
    { value: 'disability', weight: 20 },
    { value: 'falls', weight: 15 },
    { value: 'mental_health', weight: 15 },
  ],
  police: [
    { value: 'mental_health', weight: 40 },
    { value: 'memory', weight: 30 },
    { value: 'isolation', weight: 30 },
  ],
  other: [
    { value: 'isolation', weight: 30 },
    { value: 'personal_care', weight: 30 },
    { value: 'disability', weight: 20 },
    { value: 'falls', weight: 20 },
  ],
};

export const professionsForNeed: Record<Need, Weighted<string>> = {
  falls: [
    { value: 'occupational_therapist', weight: 3 },
    { value: 'physiotherapist', weight: 3 },
    { value: 'social_worker', weight: 2 },
    { value: 'community_care_worker', weight: 1 },
  ],
  personal_care: [
    { value: 'social_worker', weight: 4 },
    { value: 'community_care_worker', weight: 3 },
    { value: 'senior_practitioner', weight: 1 },
    { value: 'occupational_therapist', weight: 1 },
  ],
  nursing: [
    { value: 'district_nurse', weight: 6 },
    { value: 'community_matron', weight: 2 },
    { value: 'nurse', weight: 1 },
    { value: 'community_psychiatric_nurse', weight: 1 },
  ],
  memory: [
    { value: 'social_worker', weight: 3 },
    { value: 'mental_health_worker', weight: 2 },
    { value: 'community_psychiatric_nurse', weight: 2 },
    { value: 'community_matron', weight: 1 },
  ],
  mental_health: [
    { value: 'mental_health_worker', weight: 3 },
    { value: 'community_psychiatric_nurse', weight: 3 },
    { value: 'approved_social_worker', weight: 2 },
    { value: 'social_worker', weight: 1 },
  ],
  discharge: [
    { value: 'social_worker', weight: 3 },
    { value: 'occupational_therapist', weight: 2 },
    { value: 'community_care_worker', weight: 2 },
    { value: 'district_nurse', weight: 1 },
  ],
  carer_strain: [
    { value: 'social_worker', weight: 3 },
    { value: 'community_care_worker', weight: 2 },
  ],
  disability: [
    { value: 'social_worker', weight: 3 },
    { value: 'occupational_therapist', weight: 2 },
    { value: 'community_care_worker', weight: 1 },
  ],
  isolation: [
    { value: 'community_care_worker', weight: 3 },
    { value: 'social_worker', weight: 1 },
  ],
};

export const packagesForNeed: Record<Need, Weighted<PackageKind>> = {
  discharge: [
    { value: 'reablement', weight: 5 },
    { value: 'homeCare', weight: 3 },
    { value: 'residential', weight: 1 },
    { value: 'nursingHome', weight: 1 },
    { value: 'equipmentOnly', weight: 1 },
  ],
  falls: [
    { value: 'equipmentOnly', weight: 4 },
    { value: 'reablement', weight: 2 },
    { value: 'homeCare', weight: 3 },
  ],
  personal_care: [
    { value: 'homeCare', weight: 6 },
    { value: 'directPayment', weight: 2 },
    { value: 'reablement', weight: 1 },
    { value: 'dayMeals', weight: 1 },
  ],
  nursing: [
    { value: 'homeCare', weight: 3 },
    { value: 'equipmentOnly', weight: 2 },
    { value: 'nursingHome', weight: 1 },
  ],
  memory: [
    { value: 'homeCare', weight: 4 },
    { value: 'dayMeals', weight: 3 },
    { value: 'residential', weight: 2 },
    { value: 'directPayment', weight: 1 },
  ],
  mental_health: [
    { value: 'directPayment', weight: 3 },
    { value: 'dayMeals', weight: 2 },
    { value: 'homeCare', weight: 2 },
  ],
  carer_strain: [
    { value: 'homeCare', weight: 3 },
    { value: 'dayMeals', weight: 3 },
    { value: 'residential', weight: 1 },
  ],
  disability: [
    { value: 'directPayment', weight: 4 },
    { value: 'homeCare', weight: 3 },
    { value: 'equipmentOnly', weight: 2 },
    { value: 'dayMeals', weight: 1 },
  ],
  isolation: [
    { value: 'dayMeals', weight: 5 },
    { value: 'homeCare', weight: 2 },
  ],
};

export const resolveShare: Record<Source, number> = { gp: 0.66, hospital: 0.2, community_nurse: 0.5, family_carer: 0.66, self: 0.78, police: 0.7, other: 0.76 };

export const notEligibleOutcomes: Weighted<string> = [
  { value: 'NFA: Information and advice or signposting', weight: 50 },
  { value: 'NFA: No services offered for other reason', weight: 20 },
  { value: 'NFA: Self-funded client or under 12wk disregard', weight: 15 },
  { value: 'NFA: Support declined', weight: 15 },
];
export const shortTermOutcomes: Weighted<string> = [
  { value: 'NFA: Information and advice or signposting', weight: 40 },
  { value: 'NFA: Referral to NHS services or NHS funded social care', weight: 30 },
  { value: 'NFA: Support declined', weight: 15 },
  { value: 'NFA: Other', weight: 15 },
];
