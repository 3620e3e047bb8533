/**
 * From hospital to home: a stay that becomes ready on pathway 1, 2 or 3 creates (or joins) a
 * referral at the front door with route of access "Discharge from hospital", so triage,
 * assessment and the package follow the care pathway. This is the one call hospital flow makes
 * into the front door (its service, receiveReferral), inside the stay's transaction.
 */
import type { Actor } from '../access/actor.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Executor } from '../platform/db.js';
import { receiveReferral } from '../pathway/front-door/service.js';

export const dischargeRouteOfAccess = 'Discharge from hospital';

export type ReferralAnswer = { referral: { id: string; status: string }; created: boolean };

export type ReadyStay = { id: string; personId: string; pathway: number; hospitalName: string; ward: string; readyAt: Date };

/**
 * A stay keeps its referral, so a stay ready a second time does not send another; an open
 * referral for the person is joined rather than duplicated (joinOpen).
 */
export async function linkDischargeReferral(tx: Executor, actor: Actor, clock: Clock, stay: ReadyStay): Promise<ReferralAnswer> {
  // The front door's transaction nests in the stay's (a savepoint): a refusal there undoes the event too.
  return receiveReferral(
    { db: tx as Db, clock, actor },
    {
      person: { id: stay.personId },
      source: 'hospital',
      sourceName: `${stay.hospitalName}, ${stay.ward}`,
      routeOfAccess: dischargeRouteOfAccess,
      reason: `No longer meets the criteria to reside; discharge on pathway ${stay.pathway} needs support at home or a bed-based service.`,
      urgency: 'urgent',
      receivedAt: stay.readyAt.toISOString(),
      externalRef: `hospital-stay:${stay.id}`,
      joinOpen: true,
    },
    'discharge',
  );
}
