/**
 * From hospital to home: a stay that becomes ready on pathway 1, 2 or 3 creates (or joins) a
 * referral at the front door with route of access "Discharge from hospital", so triage,
 * assessment and the package follow the care pathway. This is the one call hospital flow makes
 * into the front door (its service, receiveReferrals), inside the stays' transaction, for all the
 * stays of a batch at once: the front door applies the same rules as to a referral sent alone.
 */
import type { Actor } from '../access/actor.js';
import type { Db, Executor } from '../platform/db.js';
import { receiveReferrals } from '../pathway/front-door/service.js';

export const dischargeRouteOfAccess = 'Discharge from hospital';

export type ReadyStay = { id: string; personId: string; pathway: number; hospitalName: string; ward: string; readyAt: Date };

/** The front door keeps who sent a referral in 200 characters. */
const SOURCE_NAME_MAX = 200;

/**
 * The referral of each stay, in order. A stay keeps its referral, so a stay ready a second time
 * does not send another; the same stay's referral sent again is the stored one (externalRef); an
 * open referral for the person is joined rather than duplicated (joinOpen). A referral the front
 * door refuses refuses the whole batch: nothing is written.
 */
export async function linkDischargeReferrals(tx: Executor, actor: Actor, now: Date, stays: ReadyStay[]): Promise<string[]> {
  if (stays.length === 0) return [];
  // The front door's transaction nests in the stays' (a savepoint): a refusal there undoes the events too.
  const answers = await receiveReferrals(
    { db: tx as Db, clock: { now: () => now }, actor },
    stays.map((stay) => ({
      person: { id: stay.personId },
      source: 'hospital',
      sourceName: `${stay.hospitalName}, ${stay.ward}`.slice(0, SOURCE_NAME_MAX),
      routeOfAccess: dischargeRouteOfAccess,
      reason: `No longer meets the criteria to reside; discharge on pathway ${stay.pathway} needs support at home or a bed-based service.`,
      urgency: 'urgent',
      receivedAt: stay.readyAt.toISOString(),
      externalRef: `hospital-stay:${stay.id}`,
      joinOpen: true,
    })),
    'discharge',
  );
  return answers.map((a) => {
    if ('problem' in a) throw a.problem;
    return a.referral.id;
  });
}
