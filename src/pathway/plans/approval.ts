import { roleLabels, type Role } from '../../access/roles.js';
import { pounds } from '../assessments/fields.js';

/**
 * The scheme of delegation for packages: who may approve what weekly cost. A place sets its own
 * limits in approval_limit; these are the defaults when it has not.
 */
export const defaultWeeklyLimits: Partial<Record<Role, number>> = {
  team_manager: 100_000, // £1,000 a week
  commissioner: 500_000, // £5,000 a week
};

export function defaultLimitOf(role: string): number {
  return defaultWeeklyLimits[role as Role] ?? 0;
}

export type ApprovalCase = {
  role: string;
  limitPence: number;
  /** The plan's weekly cost already approved or in place. */
  committedWeeklyPence: number;
  line: { weeklyPence: number; oneOffPence: number };
  proposedBy: string | null;
  approverUserId: string;
};

export type ApprovalDecision =
  | { allowed: true; weeklyAfterApprovalPence: number }
  | { allowed: false; reason: 'approval_limit' | 'own_proposal'; message: string; weeklyAfterApprovalPence: number };

/**
 * Allowed when the approver's limit covers the plan's weekly cost once this line is approved (and
 * a one-off line's cost), and the approver did not propose the line themselves.
 */
export function decideApproval(c: ApprovalCase): ApprovalDecision {
  const after = c.committedWeeklyPence + c.line.weeklyPence;
  const label = roleLabels[c.role as Role] ?? c.role;
  if (after > c.limitPence) {
    return {
      allowed: false,
      reason: 'approval_limit',
      weeklyAfterApprovalPence: after,
      message: `Your approval limit as ${label} is ${pounds(c.limitPence)} a week; with this line the plan would cost ${pounds(after)} a week. Ask someone with a higher limit to approve it.`,
    };
  }
  if (c.line.oneOffPence > c.limitPence) {
    return {
      allowed: false,
      reason: 'approval_limit',
      weeklyAfterApprovalPence: after,
      message: `Your approval limit as ${label} is ${pounds(c.limitPence)}; this one-off cost is ${pounds(c.line.oneOffPence)}. Ask someone with a higher limit to approve it.`,
    };
  }
  if (c.proposedBy && c.proposedBy === c.approverUserId) {
    return {
      allowed: false,
      reason: 'own_proposal',
      weeklyAfterApprovalPence: after,
      message: 'You proposed this line: someone else must approve it.',
    };
  }
  return { allowed: true, weeklyAfterApprovalPence: after };
}
