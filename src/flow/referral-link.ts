/**
 * From hospital to home: a stay that becomes ready on pathway 1, 2 or 3 creates (or joins) a
 * referral at the front door with route of access "Discharge from hospital", so triage,
 * assessment and the package follow the care pathway.
 *
 * The front door's own service (receiveReferral in src/pathway/front-door/service.ts) is being
 * written on main. Until it is merged, `receiveDischargeReferral` below stands in for it with the
 * same input and answer and writes the referral row and its timeline event itself; after the
 * merge the body becomes one call:
 *   return receiveReferral({ ...ctx, db: tx as Db }, input, 'discharge');
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { recordEvent } from '../pathway/events.js';
import { referrals } from '../pathway/schema.js';

export const dischargeRouteOfAccess = 'Discharge from hospital';

export type DischargeReferralInput = {
  person: { id: string };
  source: 'hospital';
  sourceName?: string;
  routeOfAccess: string;
  reason: string;
  urgency: 'routine' | 'urgent' | 'emergency';
  receivedAt?: string;
  externalRef?: string;
  joinOpen?: boolean;
};

export type ReferralAnswer = { referral: { id: string; status: string }; created: boolean };

/** The stand-in for the front door's receiveReferral(ctx, input, 'discharge'), in the caller's transaction. */
async function receiveDischargeReferral(tx: Executor, actor: Actor, input: DischargeReferralInput): Promise<ReferralAnswer> {
  const placeId = actor.placeId;
  if (input.externalRef) {
    const [same] = await tx
      .select({ id: referrals.id, status: referrals.status })
      .from(referrals)
      .where(and(eq(referrals.placeId, placeId), eq(referrals.externalRef, input.externalRef)));
    if (same) return { referral: same, created: false };
  }
  if (input.joinOpen) {
    const [open] = await tx
      .select({ id: referrals.id, status: referrals.status })
      .from(referrals)
      .where(and(eq(referrals.placeId, placeId), eq(referrals.personId, input.person.id), inArray(referrals.status, ['received', 'accepted', 'allocated'])))
      .orderBy(referrals.receivedAt)
      .limit(1);
    if (open) return { referral: open, created: false };
  }
  const id = newId();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  await tx.insert(referrals).values({
    placeId,
    id,
    personId: input.person.id,
    source: input.source,
    sourceName: input.sourceName ?? '',
    routeOfAccess: input.routeOfAccess,
    reason: input.reason,
    urgency: input.urgency,
    receivedAt,
    channel: 'discharge',
    recordedBy: actor.userId,
    externalRef: input.externalRef ?? null,
    status: 'received',
  });
  await recordEvent(tx, actor, receivedAt, {
    personId: input.person.id,
    kind: 'referral',
    action: 'referral.received',
    summary: `Referral from ${input.sourceName || 'hospital'}: ${input.reason}`,
    sector: 'integrated',
    subjectId: id,
    detail: { routeOfAccess: input.routeOfAccess, channel: 'discharge' },
  });
  return { referral: { id, status: 'received' }, created: true };
}

export type ReadyStay = { id: string; personId: string; pathway: number; hospitalName: string; ward: string; readyAt: Date };

/**
 * The one call hospital flow makes into the front door. A stay keeps its referral, so a stay
 * ready a second time joins the one it has; another open referral for the person is joined too.
 */
export async function linkDischargeReferral(tx: Executor, actor: Actor, stay: ReadyStay): Promise<ReferralAnswer> {
  return receiveDischargeReferral(tx, actor, {
    person: { id: stay.personId },
    source: 'hospital',
    sourceName: `${stay.hospitalName}, ${stay.ward}`,
    routeOfAccess: dischargeRouteOfAccess,
    reason: `No longer meets the criteria to reside; discharge on pathway ${stay.pathway} needs support at home or a bed-based service.`,
    urgency: 'urgent',
    receivedAt: stay.readyAt.toISOString(),
    externalRef: `hospital-stay:${stay.id}`,
    joinOpen: true,
  });
}
