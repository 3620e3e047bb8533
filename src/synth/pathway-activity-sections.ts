import { careActOutcomes, carerOutcomes, unableWays, wellbeingAreas, type CareActOutcome, type SectionName } from '../pathway/assessments/sections.js';
import type { Need } from './pathway-activity-texts.js';
import type { Random } from './random.js';
import type { Verdict } from './pathway-activity-assessments.js';

/**
 * What the synthetic assessors write in each section of a shared assessment: the person's own
 * view, health, the Care Act outcomes they cannot achieve and how, wellbeing, and a carer's own
 * needs, drawn so that the three-condition rule gives the verdict the episode wants.
 */

const unablePools: Record<Need, CareActOutcome[]> = {
  falls: ['homeSafely', 'personalHygiene', 'toiletNeeds', 'communityFacilities'],
  personal_care: ['personalHygiene', 'appropriatelyClothed', 'nutrition', 'toiletNeeds', 'habitableHome'],
  nursing: ['personalHygiene', 'nutrition', 'homeSafely', 'toiletNeeds'],
  memory: ['nutrition', 'homeSafely', 'habitableHome', 'relationships', 'personalHygiene'],
  mental_health: ['nutrition', 'habitableHome', 'relationships', 'communityFacilities'],
  discharge: ['personalHygiene', 'appropriatelyClothed', 'toiletNeeds', 'homeSafely', 'nutrition'],
  carer_strain: ['personalHygiene', 'nutrition', 'homeSafely', 'relationships'],
  disability: ['personalHygiene', 'communityFacilities', 'workTrainingEducationVolunteering', 'homeSafely', 'appropriatelyClothed'],
  isolation: ['relationships', 'communityFacilities', 'nutrition', 'habitableHome'],
};

const conditions: Record<Need, readonly string[]> = {
  falls: ['Osteoarthritis of both knees; postural hypotension', 'Osteoporosis; previous wrist fracture'],
  personal_care: ['Rheumatoid arthritis', 'Parkinson’s disease, moderate', 'Stroke two years ago; weakness on the left'],
  nursing: ['Heart failure; type 2 diabetes', 'Venous leg ulcers; peripheral oedema', 'COPD; on home oxygen at night'],
  memory: ['Alzheimer’s disease, diagnosed this year', 'Mixed dementia; hypertension'],
  mental_health: ['Depression, recurrent', 'Bipolar disorder, stable on lithium', 'Generalised anxiety disorder'],
  discharge: ['Fractured neck of femur, repaired', 'Pneumonia; frailty', 'Stroke affecting the right side'],
  carer_strain: ['Dementia; incontinence at night', 'Parkinson’s disease; falls'],
  disability: ['Multiple sclerosis', 'Learning disability; epilepsy', 'Sight loss from macular degeneration'],
  isolation: ['Hypertension; hearing loss', 'Depression after bereavement'],
};

const goalsOf: Record<Need, readonly string[]> = {
  falls: ['Feel safe moving around my home', 'Get to the shops again', 'Have a bath without worrying'],
  personal_care: ['Be washed and dressed by nine each morning', 'Stay in my own home', 'Have a hot meal every day'],
  nursing: ['Keep my legs healed', 'Stay out of hospital this winter', 'Manage my tablets myself'],
  memory: ['Stay at home with my husband', 'Keep going to the lunch club', 'Eat properly'],
  mental_health: ['Get out of the house each week', 'Keep my flat', 'Sleep better'],
  discharge: ['Get home and manage the stairs', 'Wash and dress myself again', 'Get back to the garden'],
  carer_strain: ['Give my wife a break', 'Stay living together at home'],
  disability: ['Choose who helps me and when', 'Get to work and to see friends', 'Live in my own place'],
  isolation: ['See people during the week', 'Eat a proper meal', 'Keep the flat tidy'],
};

const ownViews = [
  'I want to stay in my own home for as long as I can.',
  'I don’t want to be a burden on my family.',
  'I was managing until recently; I just need some help to get back on my feet.',
  'I would like help in the mornings; the rest of the day I can manage.',
  'I am frightened of falling again when nobody is here.',
];

function take<T>(rng: Random, pool: readonly T[], n: number): T[] {
  const copy = [...pool];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(rng.int(0, copy.length - 1), 1)[0]!);
  return out;
}

function outcomesSection(rng: Random, unable: CareActOutcome[], age: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of careActOutcomes) {
    if (unable.includes(k)) {
      out[k] = { canAchieve: false, ways: take(rng, unableWays, rng.chance(0.4) ? 2 : 1) };
    } else if ((k === 'workTrainingEducationVolunteering' || k === 'caringForChild') && age >= 60) {
      out[k] = { canAchieve: true, note: 'Not relevant: retired' };
    } else {
      out[k] = { canAchieve: true };
    }
  }
  return out;
}

export type NeedsFacts = {
  age: number;
  need: Need;
  livesAlone: boolean;
  carer: { name: string; relationship: string } | null;
};

/** The sections of a needs assessment whose facts give the verdict. */
export function needsSections(rng: Random, f: NeedsFacts, verdict: Verdict): Map<SectionName, Record<string, unknown>> {
  let impairment = true;
  let significant = true;
  let unable: CareActOutcome[];
  if (verdict === 'eligible') {
    unable = take(rng, unablePools[f.need], rng.int(2, Math.min(5, unablePools[f.need].length)));
  } else if (verdict === 'not_eligible') {
    const way = rng.int(0, 2);
    unable = take(rng, unablePools[f.need], way === 0 ? rng.int(0, 1) : 2);
    if (way === 1) significant = false;
    if (way === 2) impairment = false;
  } else {
    unable = take(rng, unablePools[f.need], rng.int(0, 2));
    significant = rng.chance(0.5);
  }
  const s = new Map<SectionName, Record<string, unknown>>();
  s.set('personsView', { ownView: rng.pick(ownViews), goals: take(rng, goalsOf[f.need], rng.int(1, 3)) });
  s.set('health', {
    conditions: rng.pick(conditions[f.need]),
    medicinesSupport: rng.pick(['Blister pack; prompts needed', 'Manages own medicines', 'Daughter orders and sorts the tablets']),
    mobilityAndFalls: rng.pick(['Walks with a frame indoors', 'Unsteady; two falls this year', 'Independent with a stick', 'Transfers with one person']),
    skin: rng.pick(['Intact', 'Fragile on the shins', 'Red area on the sacrum; cream applied']),
    continence: rng.pick(['Continent', 'Occasional urgency; pads at night', 'Catheter, managed by district nurses']),
    cognition: f.need === 'memory' ? 'Short-term memory loss; needs prompting' : rng.pick(['No concerns', 'Some forgetfulness']),
    mood: rng.pick(['Low at times', 'Cheerful', 'Anxious about the future']),
  });
  s.set('impairment', {
    hasImpairmentOrIllness: impairment,
    description: impairment ? rng.pick(conditions[f.need]) : 'No impairment or illness found; needs are situational',
  });
  s.set('outcomes', outcomesSection(rng, unable, f.age));
  s.set(
    'wellbeing',
    significant
      ? { significantImpact: true, areas: take(rng, wellbeingAreas, rng.int(1, 3)), note: 'Being unable to do these things is affecting her dignity and mood.' }
      : { significantImpact: false, note: 'Managing with some difficulty; no significant impact on wellbeing.' },
  );
  s.set('risks', {
    summary: rng.pick(['Falls risk', 'Risk of self-neglect', 'Risk of hospital admission']),
    items: [
      {
        description: rng.pick(['Falls when getting up at night', 'Missing meals', 'Skin breakdown', 'Leaving the cooker on']),
        level: rng.pick(['low', 'medium', 'high'] as const),
        mitigation: rng.pick(['Pendant alarm and night light', 'Meals delivered', 'Pressure cushion', 'Cooker isolation valve']),
      },
    ],
  });
  s.set('strengths', {
    personalStrengths: rng.pick(['Determined and knows what she wants', 'Good sense of humour', 'Keen gardener']),
    networkSupport: f.carer ? `${f.carer.relationship} visits most days` : rng.pick(['Neighbour pops in', 'Son phones daily', 'Friends from church']),
    communityResources: rng.pick(['Lunch club on Thursdays', 'Community transport', 'Library visits']),
  });
  if (rng.chance(0.7)) {
    const fluctuates = rng.chance(0.35);
    s.set('fluctuatingNeeds', {
      hasFluctuatingNeeds: fluctuates,
      ...(fluctuates ? { description: 'Worse in the mornings and in cold weather' } : {}),
      periodConsidered: 'The last three months',
    });
  }
  s.set(
    'carers',
    f.carer
      ? {
          hasCarer: true,
          carerName: f.carer.name,
          relationship: f.carer.relationship,
          hoursCaringPerWeek: rng.pick([10, 20, 35, 50, 70]),
          willingAndAble: rng.chance(0.8),
          carerAssessmentOffered: true,
        }
      : { hasCarer: false },
  );
  return s;
}

/** A carer's assessment: the caring role and the facts of the carers' rule. */
export function carerSections(rng: Random, caredFor: { relationship: string }, eligible: boolean): Map<SectionName, Record<string, unknown>> {
  const s = new Map<SectionName, Record<string, unknown>>();
  s.set('personsView', { ownView: 'I want to keep caring, but I need a break now and then.', goals: ['A regular break each week', 'Sleep through the night'] });
  s.set('carers', {
    relationship: caredFor.relationship,
    hoursCaringPerWeek: rng.pick([35, 50, 70, 100]),
    willingAndAble: true,
    carersOwnNeeds: rng.pick(['No break for two years', 'Own health getting worse; bad back', 'Up several times every night']),
    needsArisingFromCaring: true,
    carerHealthAtRisk: eligible ? rng.chance(0.6) : false,
    carerUnableToAchieve: eligible ? take(rng, carerOutcomes, rng.int(1, 2)) : [],
  });
  s.set(
    'wellbeing',
    eligible || rng.chance(0.5)
      ? { significantImpact: eligible, ...(eligible ? { areas: take(rng, wellbeingAreas, rng.int(1, 2)) } : {}) }
      : { significantImpact: false },
  );
  return s;
}
