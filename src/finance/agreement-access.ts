/** Who may change the agreement and record contributions (the finance contract's roles). */
import type { Ctx } from '../access/actor.js';
import { denyAndAudit } from '../access/guard.js';
import { roleLabels, type Role } from '../access/roles.js';

const labelOf = (role: string): string => (roleLabels as Record<string, string>)[role] ?? role;

/** Changing the agreement or its schedules: the pooled fund manager only. */
export const agreementChangerRoles: readonly string[] = ['pooled_fund_manager'];
/** Recording receipts and variations of contributions. */
export const contributionRecorderRoles: readonly string[] = ['finance_officer', 'pooled_fund_manager'];
/** Reading the open book. */
export const poolReaderRoles: readonly string[] = ['finance_officer', 'pooled_fund_manager', 'commissioner', 'board_member', 'auditor'];

export async function mustHoldRole(ctx: Ctx, allowed: readonly string[], action: string, what: string): Promise<void> {
  const role: Role = ctx.actor.role;
  if (allowed.includes(role)) return;
  const who = allowed.map(labelOf).join(' or ');
  await denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: `Your role (${labelOf(role)}) does not ${what}; a ${who.toLowerCase()} does.` });
}
