/** Who may do what in commissioning and paying providers (issue #15); a refusal is audited. */
import type { Ctx } from '../access/actor.js';
import { denyAndAudit } from '../access/guard.js';
import { roleLabels } from '../access/roles.js';
import { commissioningRoles, mayCommission, type CommissioningAction } from './role-lists.js';

export { commissioningRoles, mayCommission, type CommissioningAction } from './role-lists.js';

/** A 403 naming the roles that may, audited, for a role that may not. */
export async function mustHoldCommissioningRole(ctx: Ctx, action: CommissioningAction, auditAction: string, what: string): Promise<void> {
  if (mayCommission(ctx.actor.role, action)) return;
  const may = commissioningRoles[action];
  const message = `Only ${may.map((r) => roleLabels[r]).join(', ')} may ${what}.`;
  await denyAndAudit(ctx, { action: auditAction, personIds: [], reason: 'role', message, extra: { mayBe: may } });
}
