import { addDays } from '../pathway/assessments/fields.js';
import type { CareActOutcome } from '../pathway/assessments/sections.js';
import { firstReviewAfterStart, nextYearlyReview } from '../pathway/reviews/rules.js';
import type { ActivityPlace, Member, Someone } from './pathway-activity-context.js';
import { homeCareLine, hoursAWeek, packageLines, planNeeds, type LineSpec, type PackageKind } from './pathway-activity-lines.js';
import { HOUR, MINUTE, atOn, dayOf, idAt, plusMs, workingAfter } from './pathway-activity-rows.js';
import { reviewNotes, unplannedReviewReasons } from './pathway-activity-texts.js';
import type { Random } from './random.js';

/**
 * The course of a care and support plan, drafted before it is written (see
 * pathway-activity-packages.ts for the rows): the lines as the plans and reviews services would
 * have them — proposed by the worker, approved within the scheme of delegation (the team
 * manager up to £1,000 a week, above it the commissioner), in place from a start day, ended when
 * the case closes; a version row for every state, a planned review when the package is in place
 * and at every review that continues it.
 */

export type LineDraft = LineSpec & { id: string; proposedAt: Date; plannedStart: string; plannedEnd: string | null; startedOn: string; startAt: Date; endsOn: string | null; endReason: string };
export type ReviewDraft = {
  id: string;
  kind: 'planned' | 'unplanned';
  reason: string;
  dueOn: string;
  scheduledAt: Date;
  scheduledBy: Someone;
  /** null: still due when the course ends (done at the closing review, or overdue). */
  completedAt: Date | null;
  outcomesAchieved: 'fully' | 'partly' | 'not';
  outcome: string;
  note: string;
  changes: string;
};

export type PackageDraft = {
  planId: string;
  assessmentId: string;
  personId: string;
  createdAt: Date;
  worker: Member;
  approver: (atDay: string, weeklyAfter: number) => Someone;
  needs: { need: string; outcome: string; careActOutcome?: CareActOutcome }[];
  lines: LineDraft[];
  reviews: ReviewDraft[];
  /** The first day a service started (the package in place), and when that was recorded. */
  inPlaceOn: string;
  firstStartAt: Date;
  assessedOn: string;
  /** Natural end of the course (the case would close then); null while it goes on. */
  endsAt: Date | null;
  endReason: string;
  endOutcome: string;
};

/**
 * The course of a package from an assessment completed at `assessedAt`: when it is in place
 * (`daysToInPlace` after the assessment), its reviews, and when it would end by itself.
 */
export function draftPackage(
  place: ActivityPlace,
  rng: Random,
  d: {
    key: string;
    personId: string;
    assessmentId: string;
    assessedAt: Date;
    daysToInPlace: number;
    kind: PackageKind;
    unable: readonly string[];
    worker: Member;
    approver: (atDay: string, weeklyAfter: number) => Someone;
    /** Months a long-term package lasts (by itself) before the case closes. */
    lastsMonths: number;
    ending: { reason: string; outcome: string };
    /** Reablement: does the person need ongoing home care after it? */
    continuesAfterReablement: boolean;
    /** The lines, when the story needs particular ones (Mrs Smith's). */
    lines?: LineSpec[];
    overdueChance?: number;
    unplannedChance?: number;
  },
): PackageDraft {
  const specs = d.lines ?? packageLines(place, rng, d.kind);
  const assessedOn = dayOf(d.assessedAt);
  const inPlaceOn = addDays(assessedOn, d.daysToInPlace);
  // The plan is agreed within a few days of the assessment, and always before the first start.
  const createdAt = workingAfter(d.assessedAt, rng.int(1, Math.max(2, Math.min(72, (d.daysToInPlace - 1) * 24))), rng);
  const planAt = createdAt < atOn(inPlaceOn, 8, rng, 0) ? createdAt : plusMs(d.assessedAt, HOUR);
  const lines: LineDraft[] = specs.map((s, i) => {
    const startedOn = addDays(inPlaceOn, s.startOffset);
    return {
      ...s,
      // In-house support comes from whoever is accountable for provision when it starts.
      provider: (s.providerKind && place.provisionOn(s.providerKind, startedOn)) || s.provider,
      id: idAt(place, 'service_line', `${d.key}:l${i}`, planAt),
      proposedAt: plusMs(planAt, (i + 1) * 4 * MINUTE),
      plannedStart: startedOn,
      plannedEnd: s.lastsDays ? addDays(startedOn, s.lastsDays) : null,
      startedOn,
      startAt: atOn(startedOn, 10, rng, 300),
      endsOn: null,
      endReason: '',
    };
  });
  const draft: PackageDraft = {
    planId: idAt(place, 'care_plan', d.key, planAt),
    assessmentId: d.assessmentId,
    personId: d.personId,
    createdAt: planAt,
    worker: d.worker,
    approver: d.approver,
    needs: planNeeds(d.unable, d.kind),
    lines,
    reviews: [],
    inPlaceOn,
    firstStartAt: lines[0]!.startAt,
    assessedOn,
    endsAt: null,
    endReason: d.ending.reason,
    endOutcome: d.ending.outcome,
  };

  // The line that starts first decides the first review (six weeks for short-term support).
  const first = lines.reduce((f, l) => (l.startAt < f.startAt ? l : f), lines[0]!);
  const firstAt = first.startAt;
  draft.firstStartAt = firstAt;
  let due = firstReviewAfterStart(inPlaceOn, first);
  let scheduledAt = firstAt;
  const reviewer = d.worker;
  let n = 0;
  const addReview = (r: Omit<ReviewDraft, 'id'>) => draft.reviews.push({ ...r, id: idAt(place, 'review', `${d.key}:r${n++}`, r.scheduledAt) });

  if (d.kind === 'reablement') {
    const reviewAt = atOn(due.dueOn, 10, rng, 360);
    const reab = lines[0]!;
    if (!d.continuesAfterReablement) {
      // The six-week review finds them independent: the closing review, and the case closes.
      addReview({ kind: 'planned', reason: due.reason, dueOn: due.dueOn, scheduledAt, scheduledBy: reviewer, completedAt: null, outcomesAchieved: 'fully', outcome: '', note: '', changes: '' });
      draft.endsAt = plusMs(reviewAt, rng.int(1, 72) * HOUR);
      draft.endReason = 'Reablement complete: independent again';
      draft.endOutcome = 'NFA: Support ended as planned';
      return draft;
    }
    const hours = Math.round(rng.pick(hoursAWeek) * 100);
    addReview({
      kind: 'planned',
      reason: due.reason,
      dueOn: due.dueOn,
      scheduledAt,
      scheduledBy: reviewer,
      completedAt: reviewAt,
      outcomesAchieved: 'partly',
      outcome: 'Progress to support planning or services',
      note: rng.pick(reviewNotes.afterReablement),
      changes: `Home care of ${hours / 100} hours a week to follow reablement`,
    });
    reab.endsOn = reab.plannedEnd;
    reab.endReason = 'Reablement complete: ongoing home care arranged';
    const follow = homeCareLine(place, rng, 0);
    follow.quantityHundredths = hours;
    const startedOn = reab.plannedEnd! > dayOf(reviewAt) ? reab.plannedEnd! : addDays(dayOf(reviewAt), 1);
    lines.push({
      ...follow,
      id: idAt(place, 'service_line', `${d.key}:l${lines.length}`, reviewAt),
      proposedAt: plusMs(reviewAt, 10 * MINUTE),
      plannedStart: startedOn,
      plannedEnd: null,
      startedOn,
      startAt: atOn(startedOn, 10, rng, 300),
      endsOn: null,
      endReason: '',
    });
    due = nextYearlyReview(dayOf(reviewAt));
    scheduledAt = reviewAt;
  } else if (d.kind === 'equipmentOnly' || d.kind === 'carer') {
    addReview({ kind: 'planned', reason: due.reason, dueOn: due.dueOn, scheduledAt, scheduledBy: reviewer, completedAt: null, outcomesAchieved: 'fully', outcome: '', note: '', changes: '' });
    const last = lines.reduce((t, l) => (l.startAt > t ? l.startAt : t), firstAt);
    draft.endsAt = plusMs(last, rng.int(3, 21) * 24 * HOUR);
    draft.endReason = d.kind === 'carer' ? 'Carer’s support in place' : 'Equipment in place, no further needs';
    draft.endOutcome = 'NFA: Support ended as planned';
    return draft;
  }

  // Long-term support goes on for months, reviewed at least yearly, until something changes.
  draft.endsAt = plusMs(firstAt, Math.max(21, Math.round(d.lastsMonths * 30.4)) * 24 * HOUR);
  const unplannedAt = rng.chance(d.unplannedChance ?? 0.1) ? plusMs(firstAt, rng.int(30, 300) * 24 * HOUR) : null;
  const horizon = plusMs(place.end, 400 * 24 * HOUR);
  for (;;) {
    const dueAt = atOn(due.dueOn, 9, rng, 420);
    const overdue = rng.chance(d.overdueChance ?? 0.1);
    const completedAt = overdue ? null : plusMs(dueAt, rng.int(-10, 6) * 24 * HOUR);
    const ends = draft.endsAt;
    if (completedAt === null || completedAt >= ends || completedAt > horizon) {
      addReview({ kind: 'planned', reason: due.reason, dueOn: due.dueOn, scheduledAt, scheduledBy: reviewer, completedAt: null, outcomesAchieved: 'partly', outcome: '', note: '', changes: '' });
      break;
    }
    addReview({
      kind: 'planned',
      reason: due.reason,
      dueOn: due.dueOn,
      scheduledAt,
      scheduledBy: reviewer,
      completedAt,
      outcomesAchieved: rng.weighted([
        { value: 'fully' as const, weight: 45 },
        { value: 'partly' as const, weight: 45 },
        { value: 'not' as const, weight: 10 },
      ]),
      outcome: 'Continuation of support or services',
      note: rng.pick(reviewNotes.continuing),
      changes: '',
    });
    due = nextYearlyReview(dayOf(completedAt));
    scheduledAt = completedAt;
  }
  if (unplannedAt && unplannedAt < draft.endsAt) {
    const dueOn = addDays(dayOf(unplannedAt), rng.int(0, 5));
    addReview({
      kind: 'unplanned',
      reason: rng.pick(unplannedReviewReasons),
      dueOn,
      scheduledAt: unplannedAt,
      scheduledBy: reviewer,
      completedAt: atOn(dueOn, 11, rng, 300),
      outcomesAchieved: 'partly',
      outcome: 'Continuation of support or services',
      note: rng.pick(reviewNotes.continuing),
      changes: rng.pick(['', 'Pendant alarm arranged; no change to the package', 'Visit times changed to suit the family']),
    });
  }
  return draft;
}

