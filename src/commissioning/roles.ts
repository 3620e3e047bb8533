/** Who may do what in commissioning and paying providers (issue #15); a refusal is audited. */
import type { Ctx } from '../access/actor.js';
import { denyAndAudit } from '../access/guard.js';
import type { Role } from '../access/roles.js';
import { roleLabels } from '../access/roles.js';

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

export function mayCommission(role: Role, action: CommissioningAction): boolean {
  return (commissioningRoles[action] as readonly Role[]).includes(role);
}

/** A 403 naming the roles that may, audited, for a role that may not. */
export async function mustHoldCommissioningRole(ctx: Ctx, action: CommissioningAction, auditAction: string, what: string): Promise<void> {
  if (mayCommission(ctx.actor.role, action)) return;
  const may = commissioningRoles[action];
  const message = `Only ${may.map((r) => roleLabels[r]).join(', ')} may ${what}.`;
  await denyAndAudit(ctx, { action: auditAction, personIds: [], reason: 'role', message, extra: { mayBe: may } });
}
