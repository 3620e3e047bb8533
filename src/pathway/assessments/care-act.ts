/**
 * The Care Act's lists (outcomes, ways of being unable, wellbeing, carers' outcomes) and their
 * words. No imports: the server validates against them and the browser's assessment form shows
 * them, from this one file.
 */

/** The ten outcomes of the Care and Support (Eligibility Criteria) Regulations 2015, reg 2(2). */
export const careActOutcomes = [
  'nutrition',
  'personalHygiene',
  'toiletNeeds',
  'appropriatelyClothed',
  'homeSafely',
  'habitableHome',
  'relationships',
  'workTrainingEducationVolunteering',
  'communityFacilities',
  'caringForChild',
] as const;
export type CareActOutcome = (typeof careActOutcomes)[number];

export const careActOutcomeLabels: Record<CareActOutcome, string> = {
  nutrition: 'Managing and maintaining nutrition',
  personalHygiene: 'Maintaining personal hygiene',
  toiletNeeds: 'Managing toilet needs',
  appropriatelyClothed: 'Being appropriately clothed',
  homeSafely: 'Being able to make use of the home safely',
  habitableHome: 'Maintaining a habitable home environment',
  relationships: 'Developing and maintaining family or other personal relationships',
  workTrainingEducationVolunteering: 'Accessing and engaging in work, training, education or volunteering',
  communityFacilities:
    'Making use of necessary facilities or services in the local community including public transport and recreational facilities',
  caringForChild: 'Carrying out any caring responsibilities for a child',
};

/** The four ways of being "unable to achieve" an outcome (reg 2(3)). */
export const unableWays = ['needs_assistance', 'significant_pain_distress_anxiety', 'endangers_health_safety', 'takes_significantly_longer'] as const;
export const unableWayLabels: Record<(typeof unableWays)[number], string> = {
  needs_assistance: 'Needs help',
  significant_pain_distress_anxiety: 'Significant pain, distress or anxiety',
  endangers_health_safety: 'Endangers health or safety',
  takes_significantly_longer: 'Takes significantly longer',
};

/** Wellbeing (Care Act 2014 s.1(2)). */
export const wellbeingAreas = [
  'personal_dignity',
  'physical_mental_health_emotional_wellbeing',
  'protection_from_abuse_neglect',
  'control_over_day_to_day_life',
  'participation_work_education_training_recreation',
  'social_economic_wellbeing',
  'domestic_family_personal_relationships',
  'suitability_of_living_accommodation',
  'contribution_to_society',
] as const;
export const wellbeingAreaLabels: Record<(typeof wellbeingAreas)[number], string> = {
  personal_dignity: 'Personal dignity',
  physical_mental_health_emotional_wellbeing: 'Physical and mental health and emotional wellbeing',
  protection_from_abuse_neglect: 'Protection from abuse and neglect',
  control_over_day_to_day_life: 'Control over day-to-day life',
  participation_work_education_training_recreation: 'Participation in work, education, training or recreation',
  social_economic_wellbeing: 'Social and economic wellbeing',
  domestic_family_personal_relationships: 'Domestic, family and personal relationships',
  suitability_of_living_accommodation: 'Suitability of living accommodation',
  contribution_to_society: 'Contribution to society',
};

/** What a carer may be unable to achieve (reg 3(2)(b)(ii)). */
export const carerOutcomes = [
  'caring_for_child',
  'caring_for_others',
  'habitable_home',
  'nutrition',
  'relationships',
  'work_training_education_volunteering',
  'community_facilities',
  'recreation',
] as const;
export const carerOutcomeLabels: Record<(typeof carerOutcomes)[number], string> = {
  caring_for_child: 'Carrying out caring responsibilities for a child',
  caring_for_others: 'Providing care to other people',
  habitable_home: 'Maintaining a habitable home',
  nutrition: 'Managing and maintaining nutrition',
  relationships: 'Developing and maintaining family or other personal relationships',
  work_training_education_volunteering: 'Engaging in work, training, education or volunteering',
  community_facilities: 'Making use of necessary facilities or services in the local community',
  recreation: 'Engaging in recreational activities',
};
