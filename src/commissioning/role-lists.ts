/** Who may do what in commissioning and paying providers (issue #15): pure lists, read by the server and the web app alike. */
import type { Role } from '../access/roles.js';

export const commissioningRoles = {
  /** Read providers, contracts, rates, groups, invoices, pay runs and the market view. */
  read: ['commissioner', 'finance_officer', 'pooled_fund_manager', 'board_member', 'auditor'],
  /** Keep providers, contracts, rate cards, commissioning groups and their decisions. */
  commission: ['commissioner'],
  /** Match, hold, dispute and approve invoices within the role's limit; prepare and export pay runs. */
  pay: ['finance_officer', 'pooled_fund_manager'],
  /** Approve a pay run (never the person who prepared it). */
  approvePay: ['pooled_fund_manager', 'finance_officer'],
} as const satisfies Record<string, readonly Role[]>;

export type CommissioningAction = keyof typeof commissioningRoles;

export function mayCommission(role: string, action: CommissioningAction): boolean {
  return (commissioningRoles[action] as readonly string[]).includes(role);
}
