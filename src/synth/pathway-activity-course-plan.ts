/**
 * The course an allocated case runs in the synthetic pathway, decided when it opens: whether it is
 * assessed, the eligibility verdict, and the package that follows; and how it closes if cut short.
 */
import type { EligibilityDecision } from '../pathway/assessments/eligibility.js';
import type { ActivityPlace } from './pathway-activity-context.js';
import { assessmentTimes, assessors, draftAssessment, type Verdict } from './pathway-activity-assessments.js';
import { draftPackageFor, type Course } from './pathway-activity-courses.js';
import type { PersonIn } from './pathway-activity-context.js';
import { notEligibleOutcomes, packagesForNeed, shortTermOutcomes } from './pathway-activity-mix.js';
import type { OpenCase } from './pathway-activity-referrals.js';
import { dayOf, workingAfter } from './pathway-activity-rows.js';
import { needsSections } from './pathway-activity-sections.js';
import { closuresWithoutPackage, type Need } from './pathway-activity-texts.js';
import type { Random } from './random.js';

/** How a case cut short at `cut` closes: its own reason once its package or assessment is done. */
export function closingAt(course: Course, cut: Date): { reason: string; outcome: string } {
  if (course.pkg && course.assessment && course.assessment.completedAt < cut) return { reason: course.reason, outcome: course.outcome };
  if (course.assessment && course.assessment.completedAt < cut) return { reason: 'Assessment complete: no further support needed from the team', outcome: 'NFA: Support ended as planned' };
  return { reason: 'Declined an assessment: managing with family help', outcome: 'NFA: Support declined' };
}

/** The course an allocated case will run: no assessment, an assessment without eligible needs, or one with a package. */
export function plannedCourse(place: ActivityPlace, p: PersonIn, rng: Random, key: string, c: OpenCase, need: Need, urgent: boolean, pinned: boolean): Course {
  const opened = c.row.openedAt!;
  const health = c.sector === 'health';
  if (!rng.chance(health ? 0.45 : 0.85)) {
    const weeks = health ? rng.int(2, 16) : rng.int(1, 6);
    return { assessment: null, pkg: null, naturalEnd: workingAfter(opened, weeks * 7 * 24, rng), reason: rng.pick(health ? closuresWithoutPackage.health : closuresWithoutPackage.social), outcome: '', need };
  }
  const verdict: Verdict = rng.weighted<Verdict>([
    { value: 'eligible', weight: need === 'discharge' ? 75 : 62 },
    { value: 'not_eligible', weight: 25 },
    { value: 'short_term', weight: 13 },
  ]);
  const { startedAt, completedAt } = assessmentTimes(rng, opened, urgent);
  const { nurse, socialWorker } = assessors(c.team, c.worker, dayOf(startedAt), rng);
  const carer = p.carers[0] ?? null;
  const sections = needsSections(rng, { age: p.age, need, livesAlone: false, carer: carer ? { name: carer.name, relationship: carer.relationship } : null }, verdict);
  const draft = draftAssessment(place, rng, {
    key,
    kind: 'needs',
    personId: p.id,
    caredForPersonId: null,
    referralId: c.row.referralId ?? null,
    startedAt,
    completedAt,
    nurse: p.objects ? null : nurse,
    socialWorker,
    starter: c.worker.role === 'nurse' || c.worker === socialWorker ? c.worker : socialWorker,
    sections,
    verdict,
    outcome: '',
  });
  const decision: EligibilityDecision | null = draft.decision;
  if (decision !== 'eligible') {
    draft.outcome = rng.weighted(decision === 'not_eligible' ? notEligibleOutcomes : shortTermOutcomes);
    return {
      assessment: draft,
      pkg: null,
      naturalEnd: workingAfter(completedAt, rng.int(24, 14 * 24), rng),
      reason: decision === 'not_eligible' ? 'Assessment complete: no eligible needs; information and advice given' : rng.pick(closuresWithoutPackage.social),
      outcome: '',
      need,
    };
  }
  let kind = rng.weighted(packagesForNeed[need]);
  if ((kind === 'residential' || kind === 'nursingHome') && (p.age < 75 || (p.age < 85 && rng.chance(0.5)))) kind = 'homeCare';
  // A case still open at the as-of day carries long-term support (it would have closed otherwise).
  if (pinned && kind === 'equipmentOnly') kind = 'homeCare';
  draft.outcome = kind === 'reablement' ? 'Progress to reablement/ST-Max' : 'Progress to support planning or services';
  const pkg = draftPackageFor(place, rng, key, p.id, draft, c, kind, sections, pinned);
  return { assessment: draft, pkg, naturalEnd: pkg.endsAt ?? new Date(8.64e15), reason: pkg.endReason, outcome: pkg.endOutcome, need };
}
