import { roleLabels } from '../access/roles.js';
import { pounds } from '../pathway/assessments/fields.js';
import { lineCost } from '../pathway/plans/cost.js';
import { defaultLimitOf } from '../pathway/plans/approval.js';
import type { ActivityPlace, Someone } from './pathway-activity-context.js';
import { describe } from './pathway-activity-lines.js';
import type { PackageDraft, ReviewDraft } from './pathway-activity-plans.js';
import { MINUTE, dayAt, dayOf, plusMs, type ActivityRows, type PersonTimeline } from './pathway-activity-rows.js';

/**
 * A drafted plan written as the plans and reviews services would have written it: the plan,
 * each line proposed by the worker, approved within the scheme of delegation (the team manager
 * up to £1,000 a week, above it the commissioner at the funding panel), in place from its start
 * day and ended when the case closes — a version row for every state — and the reviews.
 */

type LineRow = ActivityRows['lines'][number];

/**
 * Writes the package as far as it got before `cut`: the plan, each line's states and versions,
 * the reviews. `closing`: the case closes at `cut` — lines in place end, lines not started are
 * cancelled, and a review still due is done as the closing review.
 */
export function writePackage(
  place: ActivityPlace,
  rows: ActivityRows,
  tl: PersonTimeline,
  p: PackageDraft,
  cut: Date,
  closing: { reason: string; outcome: string } | null,
): { inPlaceOn: string | null } {
  if (p.createdAt >= cut) return { inPlaceOn: null };
  const placeId = place.placeId;
  const worker = p.worker;
  rows.plans.push({ placeId, id: p.planId, personId: p.personId, assessmentId: p.assessmentId, needs: p.needs, status: 'active', createdAt: p.createdAt, createdBy: worker.userId, version: 1 });
  tl.add(p.createdAt, worker, {
    kind: 'plan',
    action: 'plan.created',
    summary: `Care and support plan agreed by ${worker.name}: ${p.needs.map((n) => n.outcome).join('; ')}`,
    sector: worker.sector,
    subjectId: p.planId,
    detail: { assessmentId: p.assessmentId, needs: p.needs.length },
  });

  type Step = { at: Date; seq: number; run: () => void };
  const steps: Step[] = [];
  let seq = 0;
  const step = (at: Date, run: () => void) => steps.push({ at, seq: seq++, run });
  const state = new Map<string, LineRow>();
  let firstStarted: string | null = null;
  const version = (row: LineRow, by: Someone, change: string, at: Date) =>
    rows.lineVersions.push({ placeId, lineId: row.id!, version: row.version!, data: { ...row }, changedBy: by.userId, changedAt: at, change });
  const committedWeekly = () => {
    let sum = 0;
    for (const l of state.values()) if (l.status === 'approved' || l.status === 'in_place') sum += lineCost(l).weeklyPence;
    return sum;
  };

  for (const l of p.lines) {
    const provider = l.provider.name;
    step(l.proposedAt, () => {
      const row: LineRow = {
        placeId,
        id: l.id,
        planId: p.planId,
        personId: p.personId,
        serviceType: l.serviceType,
        component: l.component,
        providerPartnerId: l.provider.id,
        deliveryMechanism: l.deliveryMechanism,
        unit: l.unit,
        quantityHundredths: l.quantityHundredths,
        frequency: l.frequency,
        unitCostPence: l.unitCostPence,
        plannedStart: l.plannedStart,
        plannedEnd: l.plannedEnd,
        status: 'proposed',
        approvedBy: null,
        approvedAt: null,
        startedOn: null,
        endedOn: null,
        endReason: null,
        version: 1,
      };
      state.set(l.id, row);
      version(row, worker, 'proposed', l.proposedAt);
      const cost = lineCost(costed(row));
      tl.add(l.proposedAt, worker, {
        kind: 'package',
        action: 'package.proposed',
        summary: `Proposed by ${worker.name}: ${describe(l, provider)}`,
        sector: worker.sector,
        subjectId: l.id,
        detail: { planId: p.planId, weeklyCostPence: cost.weeklyPence, oneOffCostPence: cost.oneOffPence },
      });
    });
    // Approved between proposal and start (a panel takes a little longer above the manager's limit).
    const latest = dayAt(l.startedOn, 8).getTime();
    const span = Math.max(30 * MINUTE, latest - l.proposedAt.getTime());
    const approvedAt = plusMs(l.proposedAt, Math.min(span - MINUTE, Math.max(30 * MINUTE, Math.round(span * 0.3))));
    step(approvedAt, () => {
      const row = state.get(l.id)!;
      const after = committedWeekly() + lineCost(costed(row)).weeklyPence;
      const by = p.approver(dayOf(approvedAt), after);
      row.status = 'approved';
      row.approvedBy = by.userId;
      row.approvedAt = approvedAt;
      row.version = 2;
      version(row, by, 'approved', approvedAt);
      tl.add(approvedAt, by, {
        kind: 'package',
        action: 'package.approved',
        summary: `Approved by ${by.name} (${roleLabels[by.role]}): ${describe(l, provider)}; the plan now costs ${pounds(after)} a week`,
        sector: by.sector,
        subjectId: l.id,
        detail: { planId: p.planId, weeklyAfterApprovalPence: after, limitPence: limitOf(by) },
      });
    });
    step(l.startAt, () => {
      const row = state.get(l.id)!;
      const packageInPlace = firstStarted === null;
      if (packageInPlace) {
        firstStarted = l.startedOn;
        // The first planned review is scheduled as the package goes in place (in the same step).
        const r = p.reviews[0];
        if (r && r.kind === 'planned') scheduleReview(r, l.startAt);
      }
      row.status = 'in_place';
      row.startedOn = l.startedOn;
      row.version = 3;
      version(row, worker, 'in_place', l.startAt);
      tl.add(l.startAt, worker, {
        kind: 'package',
        action: 'package.in_place',
        summary: `In place from ${l.startedOn}: ${describe(l, provider)}${packageInPlace ? ' — the package is in place' : ''}`,
        sector: worker.sector,
        subjectId: l.id,
        detail: { planId: p.planId, startedOn: l.startedOn, packageInPlace, assessmentCompletedOn: p.assessedOn },
      });
    });
    if (l.endsOn) {
      const endAt = dayAt(l.endsOn, 15);
      step(endAt, () => endLine(state.get(l.id)!, l.endsOn!, l.endReason, endAt));
    }
  }

  const reviewRows = new Map<string, ActivityRows['reviews'][number]>();
  const scheduleReview = (r: ReviewDraft, at: Date) => {
    const row = { placeId, id: r.id, personId: p.personId, planId: p.planId, kind: r.kind, reason: r.reason, dueOn: r.dueOn, status: 'due', version: 1 };
    reviewRows.set(r.id, row);
    rows.reviews.push(row);
    tl.add(at, r.scheduledBy, {
      kind: 'review',
      action: 'review.scheduled',
      summary: `${r.kind === 'planned' ? 'Planned' : 'Unplanned'} review due on ${r.dueOn}: ${r.reason}`,
      sector: r.scheduledBy.sector,
      subjectId: r.id,
      detail: { planId: p.planId, dueOn: r.dueOn, kind: r.kind },
    });
  };
  const completeReview = (r: ReviewDraft, at: Date, outcomesAchieved: ReviewDraft['outcomesAchieved'], outcome: string, note: string, changes: string) => {
    const row = reviewRows.get(r.id);
    if (!row || row.status !== 'due') return;
    Object.assign(row, { status: 'completed', completedAt: at, completedBy: worker.userId, outcomesAchieved, outcome, note, changes, version: 2 });
    const achieved = { fully: 'fully achieved', partly: 'partly achieved', not: 'not achieved' }[outcomesAchieved];
    tl.add(at, worker, {
      kind: 'review',
      action: 'review.completed',
      summary: `Review by ${worker.name}: outcomes ${achieved}; ${outcome}${changes ? `. Changes: ${changes}` : ''}`,
      sector: worker.sector,
      subjectId: r.id,
      detail: { outcomesAchieved, outcome, planId: p.planId },
    });
  };
  const endLine = (row: LineRow, endedOn: string, reason: string, at: Date) => {
    if (row.status !== 'in_place') return;
    row.status = 'ended';
    row.endedOn = endedOn;
    row.endReason = reason;
    row.version = 4;
    version(row, worker, 'ended', at);
    tl.add(at, worker, {
      kind: 'package',
      action: 'package.ended',
      summary: `${row.component} ended on ${endedOn}: ${reason}`,
      sector: worker.sector,
      subjectId: row.id!,
      detail: { planId: p.planId, endedOn },
    });
  };

  p.reviews.forEach((r, i) => {
    if (i > 0 || r.kind === 'unplanned') step(r.scheduledAt, () => scheduleReview(r, r.scheduledAt));
    if (r.completedAt) {
      const at = r.completedAt;
      step(at, () => completeReview(r, at, r.outcomesAchieved, r.outcome, r.note, r.changes));
    }
  });

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const s of steps) {
    if (s.at >= cut) break;
    s.run();
  }
  // Lines whose start never came stay proposed or approved (open case) — or go with the case.
  if (closing) {
    const at = plusMs(cut, -5 * MINUTE);
    const due = [...reviewRows.values()].filter((r) => r.status === 'due');
    for (const r of due) {
      const draft = p.reviews.find((x) => x.id === r.id)!;
      completeReview(draft, plusMs(cut, -15 * MINUTE), closing.outcome === 'NFA: Support ended as planned' ? 'fully' : 'partly', closing.outcome, '', '');
    }
    for (const row of state.values()) {
      if (row.status === 'in_place') endLine(row, dayOf(at) < row.startedOn! ? row.startedOn! : dayOf(at), closing.reason, at);
      else if (row.status === 'proposed' || row.status === 'approved') {
        const was = row.status;
        row.status = 'cancelled';
        row.endReason = closing.reason;
        row.version = row.version! + 1;
        version(row, worker, 'cancelled', at);
        tl.add(at, worker, {
          kind: 'package',
          action: 'package.cancelled',
          summary: `${row.component} cancelled before it started (it was ${was}): ${closing.reason}`,
          sector: worker.sector,
          subjectId: row.id!,
          detail: { planId: p.planId, was },
        });
      }
    }
  }
  for (const row of state.values()) rows.lines.push(row);
  return { inPlaceOn: firstStarted };
}

const costed = (row: LineRow) => ({ quantityHundredths: row.quantityHundredths, frequency: row.frequency, unitCostPence: row.unitCostPence });

function limitOf(by: Someone): number {
  return defaultLimitOf(by.role);
}

