import { defaultLimitOf } from '../pathway/plans/approval.js';
import type { ActivityPlace, Member, Someone, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { draftAssessment, type AssessmentDraft } from './pathway-activity-assessments.js';
import { carerSections } from './pathway-activity-sections.js';
import type { PackageKind } from './pathway-activity-lines.js';
import { draftPackage, type PackageDraft } from './pathway-activity-plans.js';
import type { OpenCase } from './pathway-activity-referrals.js';
import { workingAfter } from './pathway-activity-rows.js';
import type { Need } from './pathway-activity-texts.js';
import { Random } from './random.js';
import type { PersonIn } from './pathway-activity-context.js';
import { pickPackageEnding, withinTwentyEightShare } from './pathway-activity-rates.js';

// The course a case would take: the package drafted from an assessment (its 28 days, its
// approver), and a carer's own course.

/** What a case's work looks like before it is cut at its close or at the as-of day. */
export type Course = {
  assessment: AssessmentDraft | null;
  pkg: PackageDraft | null;
  /** When the case would close by itself, and why. */
  naturalEnd: Date;
  reason: string;
  outcome: string;
  need: Need;
};

export type CarerOf = { caredFor: PersonIn; carer: PersonIn['carers'][number] };

export function draftPackageFor(place: ActivityPlace, rng: Random, key: string, personId: string, a: AssessmentDraft, c: OpenCase, kind: PackageKind, sections: Map<string, Record<string, unknown>>, lasting = false): PackageDraft {
  // Its own stream, so the Torbay curve does not depend on how the rest of the story was drawn.
  const within = new Random(place.seed, `activity:28-days:${a.id}`).chance(withinTwentyEightShare(place, a.completedAt));
  const days = within ? Math.round(2 + 26 * Math.pow(rng.next(), 1.3)) : 29 + Math.round(55 * Math.pow(rng.next(), 1.6));
  const outcomes = sections.get('outcomes') ?? {};
  const unable = Object.entries(outcomes).flatMap(([k, v]) => ((v as { canAchieve?: boolean }).canAchieve === false ? [k] : []));
  const ending = pickPackageEnding(rng);
  return draftPackage(place, rng, {
    key,
    personId,
    assessmentId: a.id,
    assessedAt: a.completedAt,
    daysToInPlace: days,
    kind,
    unable,
    worker: c.worker,
    approver: (day, weekly) => approverOn(place, c.team, day, weekly, c.worker),
    lastsMonths: lasting ? 1000 : -Math.log(1 - rng.next()) * (kind === 'residential' || kind === 'nursingHome' ? 20 : 9),
    ending,
    continuesAfterReablement: lasting || rng.chance(0.4),
  });
}

/**
 * The team manager approves up to their limit (£1,000 a week); above it, or while the team had
 * no manager in post, the commissioner (at the funding panel) does.
 */
export function approverOn(place: ActivityPlace, team: TeamInfo, day: string, weeklyAfter: number, worker: Member): Someone {
  const panel = place.commissioner ?? { staffId: null, userId: null, name: 'Funding panel', role: 'commissioner' as const, sector: 'integrated' as const, profession: '' };
  if (weeklyAfter > defaultLimitOf('team_manager')) return panel;
  const m = membersOn(team.managers, day)[0];
  return m && m.staffId !== worker.staffId ? m : panel;
}

export function carerCourse(place: ActivityPlace, rng: Random, key: string, c: OpenCase, of: CarerOf): Course {
  const startedAt = workingAfter(c.row.openedAt!, rng.int(8, 96), rng);
  const completedAt = workingAfter(startedAt, rng.int(4, 200), rng);
  const eligible = rng.chance(0.6);
  const sections = carerSections(rng, { relationship: of.carer.relationship }, eligible);
  const draft = draftAssessment(place, rng, {
    key,
    kind: 'carer',
    personId: of.carer.carerId,
    caredForPersonId: of.caredFor.id,
    referralId: c.row.referralId ?? null,
    startedAt,
    completedAt,
    nurse: null,
    socialWorker: c.worker,
    starter: c.worker,
    sections,
    verdict: eligible ? 'eligible' : 'not_eligible',
    outcome: '',
  });
  if (draft.decision !== 'eligible') {
    draft.outcome = 'NFA: Information and advice or signposting';
    return { assessment: draft, pkg: null, naturalEnd: workingAfter(completedAt, rng.int(24, 7 * 24), rng), reason: 'Carer’s assessment complete: information and advice given', outcome: '', need: 'carer_strain' };
  }
  draft.outcome = 'Progress to support planning or services';
  const pkg = draftPackageFor(place, rng, key, of.carer.carerId, draft, c, 'carer', sections);
  return { assessment: draft, pkg, naturalEnd: pkg.endsAt ?? new Date(8.64e15), reason: pkg.endReason, outcome: pkg.endOutcome, need: 'carer_strain' };
}
