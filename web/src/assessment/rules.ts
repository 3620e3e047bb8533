/**
 * The shared assessment's form as the server defines it (src/pathway/assessments/sections.ts) and
 * its eligibility rule (eligibility.ts), repeated here so the page shows the rule live while the
 * practitioner types, before anything is saved. The server's answer stays the record.
 */

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

export const unableWays = ['needs_assistance', 'significant_pain_distress_anxiety', 'endangers_health_safety', 'takes_significantly_longer'] as const;
export const unableWayLabels: Record<(typeof unableWays)[number], string> = {
  needs_assistance: 'Needs help',
  significant_pain_distress_anxiety: 'Significant pain, distress or anxiety',
  endangers_health_safety: 'Endangers health or safety',
  takes_significantly_longer: 'Takes significantly longer',
};

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

export type Content = Record<string, unknown>;
export type OutcomeAnswer = { canAchieve: boolean; ways?: string[]; note?: string };

export type LiveEligibility = {
  rule: 'adult' | 'carer';
  eligible: boolean;
  complete: boolean;
  missing: string[];
  conditions: { first: boolean; second: boolean; significantImpactOnWellbeing: boolean };
  unableToAchieve: string[];
};

const asObject = (v: unknown): Content => (v && typeof v === 'object' ? (v as Content) : {});

/** The three conditions (adults, reg 2) or the carers' rule (reg 3), from the sections as typed. */
export function computeEligibility(kind: string, sections: Record<string, Content | undefined>): LiveEligibility {
  const impairment = asObject(sections.impairment);
  const outcomes = asObject(sections.outcomes);
  const wellbeing = asObject(sections.wellbeing);
  const carers = asObject(sections.carers);
  const missing: string[] = [];
  if (typeof wellbeing.significantImpact !== 'boolean') missing.push('wellbeing.significantImpact');
  const third = wellbeing.significantImpact === true;
  if (kind === 'carer') {
    if (typeof carers.needsArisingFromCaring !== 'boolean') missing.unshift('carers.needsArisingFromCaring');
    if (typeof carers.carerHealthAtRisk !== 'boolean') missing.unshift('carers.carerHealthAtRisk');
    const unable = Array.isArray(carers.carerUnableToAchieve) ? (carers.carerUnableToAchieve as string[]) : [];
    const conditions = {
      first: carers.needsArisingFromCaring === true,
      second: carers.carerHealthAtRisk === true || unable.length >= 1,
      significantImpactOnWellbeing: third,
    };
    return { rule: 'carer', eligible: conditions.first && conditions.second && third, complete: missing.length === 0, missing, conditions, unableToAchieve: unable };
  }
  const before: string[] = [];
  if (typeof impairment.hasImpairmentOrIllness !== 'boolean') before.push('impairment.hasImpairmentOrIllness');
  const unable: string[] = [];
  for (const key of careActOutcomes) {
    const answer = outcomes[key] as OutcomeAnswer | undefined;
    if (!answer || typeof answer.canAchieve !== 'boolean') before.push(`outcomes.${key}`);
    else if (!answer.canAchieve) unable.push(key);
  }
  missing.unshift(...before);
  const conditions = {
    first: impairment.hasImpairmentOrIllness === true,
    second: unable.length >= 2,
    significantImpactOnWellbeing: third,
  };
  return { rule: 'adult', eligible: conditions.first && conditions.second && third, complete: missing.length === 0, missing, conditions, unableToAchieve: unable };
}

/** "outcomes.homeSafely" → "Being able to make use of the home safely". */
export function missingLabel(path: string): string {
  const [section, field] = path.split('.');
  if (section === 'outcomes' && field && field in careActOutcomeLabels) return careActOutcomeLabels[field as CareActOutcome];
  const words: Record<string, string> = {
    'impairment.hasImpairmentOrIllness': 'Whether the needs arise from an impairment or illness',
    'wellbeing.significantImpact': 'Whether there is a significant impact on wellbeing',
    'carers.needsArisingFromCaring': "Whether the carer's needs arise from caring",
    'carers.carerHealthAtRisk': "Whether the carer's health is at risk",
  };
  return words[path] ?? path;
}

/**
 * What the server would refuse in a section, said before sending it, so autosave waits for the
 * practitioner to finish the thought instead of failing on every keystroke.
 */
export function sectionProblem(section: string, content: Content): string | null {
  if (section === 'outcomes') {
    for (const key of careActOutcomes) {
      const a = content[key] as OutcomeAnswer | undefined;
      if (a && a.canAchieve === false && (!a.ways || a.ways.length === 0))
        return `Choose at least one way the person cannot achieve “${careActOutcomeLabels[key]}”.`;
    }
  }
  if (section === 'wellbeing' && content.significantImpact === true && (!Array.isArray(content.areas) || content.areas.length === 0))
    return 'Choose at least one area of wellbeing the impact falls on.';
  if (section === 'risks' && Array.isArray(content.items)) {
    const items = content.items as { description?: string }[];
    if (items.some((i) => !i.description || !i.description.trim())) return 'Describe each risk, or remove the empty one.';
  }
  return null;
}

/** Removes what the server's form does not take: empty goals, ways of an outcome that can be achieved. */
export function cleanContent(section: string, content: Content): Content {
  const out: Content = {};
  for (const [k, v] of Object.entries(content)) {
    if (v === undefined || v === null) continue;
    out[k] = v;
  }
  if (section === 'personsView' && Array.isArray(out.goals)) {
    out.goals = (out.goals as string[]).map((g) => g.trim()).filter(Boolean);
  }
  if (section === 'outcomes') {
    for (const key of careActOutcomes) {
      const a = out[key] as OutcomeAnswer | undefined;
      if (a && a.canAchieve) {
        const rest: OutcomeAnswer = { canAchieve: true };
        if (a.note) rest.note = a.note;
        out[key] = rest;
      }
    }
  }
  return out;
}
