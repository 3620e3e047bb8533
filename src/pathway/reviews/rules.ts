import { addDays, addMonths } from '../assessments/fields.js';

/**
 * When a plan's first service starts, its first planned review is due: six weeks on for
 * reablement and other short-term support (which is meant to end by then, and whose outcome
 * decides what follows), twelve months on for long-term support (the Care Act's "at least
 * yearly"). Later planned reviews follow every twelve months unless the reviewer sets a date.
 */
export const SHORT_TERM_REVIEW_DAYS = 42;
export const LONG_TERM_REVIEW_MONTHS = 12;

const shortTermComponents = ['Reablement', 'Short term nursing care', 'Short term residential care', 'Other short term support', 'Emergency support'];

export function isShortTermSupport(line: { serviceType: string; component: string }): boolean {
  return line.serviceType.startsWith('Short term support') || shortTermComponents.includes(line.component);
}

export type ScheduledReview = { dueOn: string; reason: string };

export function firstReviewAfterStart(startedOn: string, line: { serviceType: string; component: string }): ScheduledReview {
  if (isShortTermSupport(line)) {
    return { dueOn: addDays(startedOn, SHORT_TERM_REVIEW_DAYS), reason: 'Review of short term support (six weeks after it started)' };
  }
  return { dueOn: addMonths(startedOn, LONG_TERM_REVIEW_MONTHS), reason: 'Planned review of long term support (twelve months after it started)' };
}

export function nextYearlyReview(reviewedOn: string): ScheduledReview {
  return { dueOn: addMonths(reviewedOn, LONG_TERM_REVIEW_MONTHS), reason: 'Planned review of long term support (yearly)' };
}

/** A review is overdue the day after its due date while it is still due. */
export function isOverdue(r: { status: string; dueOn: string }, today: string): boolean {
  return r.status === 'due' && r.dueOn < today;
}
