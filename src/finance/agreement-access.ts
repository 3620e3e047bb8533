/** Who may change the agreement and record contributions: src/finance/roles.ts says; a refusal is audited. */
import type { Ctx } from '../access/actor.js';
import { denyAndAudit } from '../access/guard.js';
import { DomainError } from '../platform/errors.js';
import { requireFinanceRole, type FinanceAction } from './roles.js';

export async function mustHoldRole(ctx: Ctx, action: FinanceAction, auditAction: string, what: string): Promise<void> {
  try {
    requireFinanceRole(ctx.actor.role, action, what);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    await denyAndAudit(ctx, { action: auditAction, personIds: [], reason: 'role', message: e.message, extra: e.extra });
  }
}
