import type { Executor } from '../platform/db.js';
import { ForbiddenError } from '../platform/errors.js';
import type { Actor, Ctx } from './actor.js';
import { appendAudit } from './audit.js';
import { together } from '../platform/in-turn.js';
import { decidePersonAccess, relationshipsOfActor, type AccessGrant, type PersonForPolicy } from './policy.js';
import { isPractitioner } from './roles.js';

export type AuditAs = { action: string; personIds: string[]; reason?: string; detail?: Record<string, unknown> };

/** An allowed action by this actor, in the caller's transaction. */
export function auditAllowed(tx: Executor, actor: Actor, at: Date, e: AuditAs): Promise<void> {
  return appendAudit(tx, [{ placeId: actor.placeId, userId: actor.userId, role: actor.role, outcome: 'allowed', ...e }], at);
}

/**
 * A denial is recorded in a transaction of its own, so it stays even though the request
 * fails; then the caller is refused.
 */
export async function denyAndAudit(ctx: Ctx, e: AuditAs & { message: string; extra?: Record<string, unknown> }): Promise<never> {
  const at = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    appendAudit(
      tx,
      [
        {
          placeId: ctx.actor.placeId,
          userId: ctx.actor.userId,
          role: ctx.actor.role,
          action: e.action,
          personIds: e.personIds,
          outcome: 'denied',
          reason: e.reason ?? '',
          detail: { ...e.detail, message: e.message },
        },
      ],
      at,
    ),
  );
  throw new ForbiddenError(e.message, e.extra ?? {});
}

/**
 * Runs an audited read on the database without a transaction of its own (decision 0002): a read
 * writes nothing but its audit entry, which is one statement committed before the answer is sent,
 * so an answer never leaves without its entry, and an entry that cannot be written fails the
 * request. A transaction would only add its begin and commit to every read.
 */
export function auditedRead<T>(ctx: Ctx, read: (db: Executor) => Promise<T>): Promise<T> {
  return read(ctx.db);
}

/**
 * Runs `work` only when the policy lets the actor at this person, in one transaction (or, for a
 * read, as an audited read); a refusal is audited and answered 403. Every person-data route goes
 * through here.
 */
export async function withPersonAccess<P extends PersonForPolicy, T>(
  ctx: Ctx,
  action: string,
  load: (tx: Executor) => Promise<P>,
  work: (tx: Executor, person: P, grant: AccessGrant, at: Date) => Promise<T>,
  opts: { read?: boolean; personId?: string } = {},
): Promise<T> {
  const at = ctx.clock.now();
  const run = <R>(fn: (tx: Executor) => Promise<R>): Promise<R> => (opts.read ? auditedRead(ctx, fn) : ctx.db.transaction(fn));
  const outcome = await run(async (tx) => {
    // A read that names its person up front asks for the actor's relationships with them while the
    // person loads (at once on a pool); a merged record's survivor is asked about again below.
    const early = opts.personId !== undefined && isPractitioner(ctx.actor.role) ? opts.personId : null;
    const [person, held] = await together(tx, [
      () => load(tx),
      () => (early ? relationshipsOfActor(tx, ctx.actor, early, at) : Promise.resolve(undefined)),
    ]);
    const decision = await decidePersonAccess(tx, ctx.actor, person, at, person.id === early ? held : undefined);
    if (!decision.allowed) return { ok: false as const, denied: decision, person };
    return { ok: true as const, result: await work(tx, person, decision.grant, at) };
  });
  if (!outcome.ok) {
    return denyAndAudit(ctx, {
      action,
      personIds: [outcome.person.id],
      reason: outcome.denied.reason,
      message: outcome.denied.message,
      extra: { breakGlassAllowed: outcome.denied.breakGlassAllowed },
    });
  }
  return outcome.result;
}
