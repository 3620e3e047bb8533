import type { Ctx } from '../../access/actor.js';
import { denyAndAudit } from '../../access/guard.js';

/**
 * A refusal found inside a transaction (an approval over the limit, a section of the other
 * sector). The transaction returns it instead of throwing, so that it ends cleanly; the refusal
 * is then audited in a transaction of its own and answered 403.
 */
export class Refusal {
  constructor(
    readonly action: string,
    readonly personIds: string[],
    readonly reason: string,
    readonly message: string,
    readonly detail: Record<string, unknown> = {},
  ) {}
}

export async function unlessRefused<T>(ctx: Ctx, result: T | Refusal): Promise<T> {
  if (result instanceof Refusal) {
    return denyAndAudit(ctx, { action: result.action, personIds: result.personIds, reason: result.reason, message: result.message, detail: result.detail });
  }
  return result;
}
