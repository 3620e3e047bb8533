import { roleLabels } from '../access/roles.js';
import { computeEligibility, type EligibilityDecision, type EligibilityFacts } from '../pathway/assessments/eligibility.js';
import { careActOutcomes, carerOutcomes, sectionLabels, unableWays, wellbeingAreas, type CareActOutcome, type SectionName } from '../pathway/assessments/sections.js';
import type { ActivityPlace, Member, Someone, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { HOUR, MINUTE, dayOf, idAt, inOfficeHours, plusMs, workingAfter, type ActivityRows, type PersonTimeline } from './pathway-activity-rows.js';
import type { Need } from './pathway-activity-texts.js';
import type { Random } from './random.js';

/**
 * The single shared assessment as the assessments service would have stored it: sections saved
 * by a nurse and a social worker of the team (each with its author, sector and versions), then
 * completed with the three-condition rule computed from what they wrote and the decision.
 */

export type Verdict = 'eligible' | 'not_eligible' | 'short_term';

type Save = { section: SectionName; content: Record<string, unknown>; author: Someone; at: Date };

export type AssessmentDraft = {
  id: string;
  kind: 'needs' | 'carer';
  personId: string;
  caredForPersonId: string | null;
  referralId: string | null;
  startedAt: Date;
  starter: Someone;
  saves: Save[];
  completedAt: Date;
  completer: Someone;
  decision: EligibilityDecision | null;
  overrideReason: string | null;
  outcome: string;
  /** What the completer would compute from the sections. */
  computedEligible: boolean;
};

const kindWords = (kind: string) => (kind === 'carer' ? "Carer's assessment" : 'Needs assessment');

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

function factsOf(kind: 'needs' | 'carer', sections: Map<SectionName, Record<string, unknown>>): EligibilityFacts {
  return {
    kind,
    impairment: sections.get('impairment') as EligibilityFacts['impairment'],
    outcomes: sections.get('outcomes') as EligibilityFacts['outcomes'],
    wellbeing: sections.get('wellbeing') as EligibilityFacts['wellbeing'],
    carers: sections.get('carers') as EligibilityFacts['carers'],
  };
}

const nurseSections: SectionName[] = ['health', 'impairment', 'risks', 'fluctuatingNeeds'];

/** A nurse and a social worker of the team on the day, the allocated worker first in their role. */
export function assessors(team: TeamInfo, worker: Member, day: string, rng: Random): { nurse: Member | null; socialWorker: Member } {
  const present = membersOn(team.caseHolders, day);
  const nurses = present.filter((m) => m.role === 'nurse');
  const socialWorkers = present.filter((m) => ['social_worker', 'approved_social_worker', 'senior_practitioner'].includes(m.profession));
  const nurse = worker.role === 'nurse' ? worker : nurses.length ? rng.pick(nurses) : null;
  const socialWorker = socialWorkers.includes(worker) ? worker : socialWorkers.length ? rng.pick(socialWorkers) : worker;
  return { nurse, socialWorker };
}

/**
 * Builds an assessment from its sections: who saved what when, and the decision at completion.
 * With an objection to sharing between health and social care, the social worker writes it all
 * (a nurse's sections would be hidden from them, and they could not complete it).
 */
export function draftAssessment(
  place: ActivityPlace,
  rng: Random,
  d: {
    key: string;
    kind: 'needs' | 'carer';
    personId: string;
    caredForPersonId: string | null;
    referralId: string | null;
    startedAt: Date;
    completedAt: Date;
    nurse: Member | null;
    socialWorker: Member;
    starter: Member;
    sections: Map<SectionName, Record<string, unknown>>;
    verdict: Verdict;
    outcome: string;
    /** Whether the practitioner may decide against the rule (now and then they do). */
    mayOverride?: boolean;
  },
): AssessmentDraft {
  const span = Math.max(HOUR, d.completedAt.getTime() - d.startedAt.getTime());
  const saves: Save[] = [];
  const order = [...d.sections.keys()];
  // Saved through the working days between start and completion, in order, each after the last.
  let previous = d.startedAt;
  for (let k = 0; k < order.length; k++) {
    const section = order[k]!;
    const author = d.nurse && nurseSections.includes(section) ? d.nurse : d.socialWorker;
    const spread = inOfficeHours(new Date(Math.round((d.startedAt.getTime() + ((k + 1) / (order.length + 2)) * span) / MINUTE) * MINUTE), rng);
    const latest = plusMs(d.completedAt, -(order.length - k) * 10 * MINUTE);
    const at = spread > previous && spread < latest ? spread : plusMs(previous, 10 * MINUTE);
    previous = at;
    const content = d.sections.get(section)!;
    // Some sections are saved twice as the practitioner types.
    if (rng.chance(0.35) && at.getTime() - 20 * MINUTE > (saves.at(-1)?.at ?? d.startedAt).getTime()) saves.push({ section, content: draftOf(content), author, at: plusMs(at, -20 * MINUTE) });
    saves.push({ section, content, author, at });
  }
  const computed = computeEligibility(factsOf(d.kind, d.sections));
  let decision: EligibilityDecision | null = null;
  let overrideReason: string | null = null;
  if (d.verdict !== 'short_term') {
    decision = computed.eligible ? 'eligible' : 'not_eligible';
    // Now and then the practitioner decides against the rule, and says why.
    if (d.kind === 'needs' && d.mayOverride !== false && rng.chance(0.03)) {
      decision = decision === 'eligible' ? 'not_eligible' : 'eligible';
      overrideReason =
        decision === 'eligible'
          ? 'Needs fluctuate: on bad days she cannot manage two or more outcomes, which the snapshot misses.'
          : 'Needs are temporary after the infection and expected to resolve within a fortnight.';
    }
  }
  return {
    id: idAt(place, 'assessment', d.key, d.startedAt),
    kind: d.kind,
    personId: d.personId,
    caredForPersonId: d.caredForPersonId,
    referralId: d.referralId,
    startedAt: d.startedAt,
    starter: d.starter,
    saves,
    completedAt: d.completedAt,
    completer: d.socialWorker,
    decision,
    overrideReason,
    outcome: d.outcome,
    computedEligible: computed.eligible,
  };
}

/** An earlier save: the same form with the free text not yet finished. */
function draftOf(content: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) if (typeof v !== 'string') out[k] = v;
  return out;
}

/**
 * Writes the assessment as far as it got before `cut`: its sections and their versions, the
 * timeline events the service writes (started, each author's first contribution to a section,
 * completed, eligibility). `closing`: the case closed at `cut`, so an unfinished one is cancelled.
 */
export function writeAssessment(
  place: ActivityPlace,
  rows: ActivityRows,
  tl: PersonTimeline,
  a: AssessmentDraft,
  cut: Date,
  closing: boolean,
): 'completed' | 'in_progress' | 'cancelled' | 'none' {
  if (a.startedAt >= cut) return 'none';
  const placeId = place.placeId;
  tl.add(a.startedAt, a.starter, {
    kind: 'assessment',
    action: 'assessment.started',
    summary: `${kindWords(a.kind)} started by ${a.starter.name} (${roleLabels[a.starter.role]})`,
    sector: a.starter.sector,
    subjectId: a.id,
    detail: { kind: a.kind, caredForPersonId: a.caredForPersonId, referralId: a.referralId },
  });
  let version = 1;
  const latest = new Map<SectionName, { save: Save; version: number }>();
  const authored = new Set<string>();
  for (const s of a.saves) {
    if (s.at >= cut) break;
    const v = (latest.get(s.section)?.version ?? 0) + 1;
    latest.set(s.section, { save: s, version: v });
    rows.sectionVersions.push({
      placeId,
      assessmentId: a.id,
      section: s.section,
      version: v,
      content: s.content,
      // The column is required; a practitioner without an account is written as the system (see the report).
      authorUserId: s.author.userId ?? systemUserId,
      savedAt: s.at,
    });
    version++;
    const who = `${s.section}|${s.author.staffId}`;
    if (!authored.has(who)) {
      authored.add(who);
      tl.add(s.at, s.author, {
        kind: 'assessment',
        action: 'assessment.section_started',
        summary: `${s.author.name} (${roleLabels[s.author.role]}) contributed ${sectionLabels[s.section]} to the ${kindWords(a.kind).toLowerCase()}`,
        sector: s.author.sector,
        subjectId: a.id,
        detail: { section: s.section },
      });
    }
  }
  for (const [section, { save, version: v }] of latest) {
    rows.sections.push({
      placeId,
      assessmentId: a.id,
      section,
      content: save.content,
      authorUserId: save.author.userId ?? systemUserId,
      authorName: save.author.name,
      authorRole: save.author.role,
      sector: save.author.sector,
      updatedAt: save.at,
      version: v,
    });
  }
  const done = a.completedAt < cut && latest.size === new Set(a.saves.map((s) => s.section)).size;
  const base = {
    placeId,
    id: a.id,
    personId: a.personId,
    kind: a.kind,
    caredForPersonId: a.caredForPersonId,
    referralId: a.referralId,
    startedAt: a.startedAt,
    startedBy: a.starter.userId,
  };
  if (!done) {
    rows.assessments.push({ ...base, status: closing ? 'cancelled' : 'in_progress', version });
    return closing ? 'cancelled' : 'in_progress';
  }
  const sections = new Map([...latest].map(([k, v]) => [k, v.save.content]));
  const computed = computeEligibility(factsOf(a.kind, sections));
  const assessmentType = a.decision ? 'Long term assessment' : 'Short term assessment';
  rows.assessments.push({
    ...base,
    status: 'completed',
    completedAt: a.completedAt,
    completedBy: a.completer.userId,
    assessmentType,
    outcome: a.outcome,
    eligibilityComputed: computed,
    eligibilityDecision: a.decision,
    overrideReason: a.overrideReason,
    version: version + 1,
  });
  const by = a.completer;
  tl.add(a.completedAt, by, {
    kind: 'assessment',
    action: 'assessment.completed',
    summary: `${kindWords(a.kind)} completed by ${by.name} (${assessmentType}): ${a.outcome}`,
    sector: by.sector,
    subjectId: a.id,
    detail: { assessmentType, outcome: a.outcome },
  });
  if (a.decision) {
    const words = a.decision === 'eligible' ? 'Eligible for care and support' : 'Not eligible for care and support';
    const overridden = a.overrideReason !== null;
    tl.add(a.completedAt, by, {
      kind: 'eligibility',
      action: overridden ? 'eligibility.overridden' : 'eligibility.decided',
      summary: overridden
        ? `${words}: ${by.name} decided against the computed rule, because ${a.overrideReason}`
        : `${words} (${computed.rule === 'adult' ? 'the three conditions' : "the carers' rule"} confirmed by ${by.name})`,
      sector: by.sector,
      subjectId: a.id,
      detail: { decision: a.decision, computed: computed.eligible, overridden, unableToAchieve: computed.unableToAchieve },
    });
  }
  return 'completed';
}

/** The system actor's id (access/actor.ts): generated work by someone without an account. */
export const systemUserId = '00000000-0000-0000-0000-000000000000';

/** When an assessment starts and completes after allocation. */
export function assessmentTimes(rng: Random, allocatedAt: Date, urgent: boolean): { startedAt: Date; completedAt: Date } {
  const startedAt = workingAfter(allocatedAt, urgent ? rng.int(2, 48) : rng.int(8, 200), rng);
  const completedAt = workingAfter(startedAt, rng.int(urgent ? 6 : 24, urgent ? 120 : 400), rng);
  return { startedAt, completedAt };
}

export const assessedDay = (a: AssessmentDraft) => dayOf(a.completedAt);
