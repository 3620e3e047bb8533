import { roleLabels } from '../access/roles.js';
import { computeEligibility, type EligibilityDecision, type EligibilityFacts } from '../pathway/assessments/eligibility.js';
import { sectionLabels, type SectionName } from '../pathway/assessments/sections.js';
import type { ActivityPlace, Member, Someone, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { HOUR, MINUTE, dayOf, idAt, inOfficeHours, plusMs, workingAfter, type ActivityRows, type PersonTimeline } from './pathway-activity-rows.js';
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
    // A carer's CLD fields as at completion, as the service keeps them (each synthetic carer cares for one person).
    carerReturn:
      a.kind === 'carer'
        ? {
            clientType: 'Unpaid carer',
            primarySupportReason: 'Social support: Support to unpaid carer',
            totalHoursCaringPerWeek: typeof sections.get('carers')?.hoursCaringPerWeek === 'number' ? sections.get('carers')!.hoursCaringPerWeek : null,
            adultsCaredFor: a.caredForPersonId ? 1 : 0,
            linkedPersonIds: a.caredForPersonId ? [a.caredForPersonId] : [],
          }
        : null,
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
