import type { Role } from '../access/roles.js';
import { roleLabels } from '../access/roles.js';
import { ForbiddenError } from '../platform/errors.js';

/** Who may do what with the pooled budget (issue #14). */
export const financeRoles = {
  /** Read the open book. */
  read: ['finance_officer', 'pooled_fund_manager', 'commissioner', 'board_member', 'auditor'],
  /** Post journals, import GL, record receipts and variance commentary. */
  post: ['finance_officer', 'pooled_fund_manager'],
  /** Close a month, change the agreement or its schedules, issue statements. */
  manage: ['pooled_fund_manager'],
} as const satisfies Record<string, readonly Role[]>;

export type FinanceAction = keyof typeof financeRoles;

export function mayDo(role: Role, action: FinanceAction): boolean {
  return (financeRoles[action] as readonly Role[]).includes(role);
}

/** A 403 naming the roles that may, for a role that may not. */
export function requireFinanceRole(role: Role, action: FinanceAction, what: string): void {
  if (!mayDo(role, action)) {
    const who = financeRoles[action].map((r) => roleLabels[r]).join(', ');
    throw new ForbiddenError(`Only ${who} may ${what}.`, { mayBe: financeRoles[action] });
  }
}
