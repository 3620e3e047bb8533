/**
 * From packages back to hospital: a stay waiting for a package of care or a placement learns of
 * the service line agreed for it, and is met when that line starts. The care pathway tells of a
 * line's steps (src/pathway/plans/line-events.ts); this listener acts on them in the step's own
 * transaction, after the access policy let the step through for the person, and audits what it
 * writes there. The other way, a stay that becomes ready sends its referral (referral-link.ts).
 *
 * - approved: the person's open stay, if it awaits what the line provides (home care for E, a
 *   residential place for Di, a nursing place for Dii, equipment for F) and that item has no
 *   package yet (or one that was cancelled), shows the plan, provider and planned start.
 * - in place: the awaited item is met on the day the service started: its delay stops counting
 *   from that day (the delayed days of the stay, written at discharge, no longer carry its reason
 *   and attribution after it), and the board no longer lists it.
 * - cancelled: the item shows the line will not start; it is still awaited.
 *
 * The steps are stay events of kind `package`, kept in the stay's history but outside the order
 * of the hospital's own events (a package agreed today does not refuse a ward move the hospital
 * sends late for this morning).
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import type { ServiceLineChange } from '../pathway/plans/line-events.js';
import type { DelayReason } from './codes.js';
import { addDaysIso, londonDateOf, londonStartOfDay } from './rules.js';
import { awaitedItems, hospitalStays, stayEvents, type AwaitedItemRow } from './schema.js';

/** The reason for delay each kind of service (CLD Service_Component) meets. */
const reasonMetByComponent: Record<string, DelayReason> = {
  'Home support or domiciliary care': 'E',
  Reablement: 'E',
  'Direct payment': 'E',
  'Shared Lives': 'E',
  'Community supported living': 'E',
  'Extra care housing': 'E',
  'Short term residential care': 'Di',
  'Long term residential care': 'Di',
  'Short term nursing care': 'Dii',
  'Long term nursing care': 'Dii',
  Equipment: 'F',
};

/** The reason for delay a service line meets, or null when no awaited item waits for such a service. */
export function reasonMetBy(component: string): DelayReason | null {
  return reasonMetByComponent[component] ?? null;
}

export const packageStatusLabels: Record<string, string> = {
  approved: 'Agreed, not started',
  in_place: 'Started',
  cancelled: 'Cancelled: will not start',
};

/** The source system of the package's stay events: the care pathway of this product. */
const packageSource = 'caretrust-pathway';

/** The person's open stay (one at a time), locked as the hospital's events lock it. */
async function openStayOf(tx: Executor, placeId: string, personId: string): Promise<{ id: string } | undefined> {
  const [stay] = await tx
    .select({ id: hospitalStays.id })
    .from(hospitalStays)
    .where(and(eq(hospitalStays.placeId, placeId), eq(hospitalStays.personId, personId), ne(hospitalStays.status, 'discharged')))
    .for('update');
  return stay;
}

/** The open item of the stay that waits for this reason and has no package (or only a cancelled one): the one awaited longest. */
async function itemAwaitingPackage(tx: Executor, placeId: string, stayId: string, reason: DelayReason): Promise<AwaitedItemRow | undefined> {
  const [item] = await tx
    .select()
    .from(awaitedItems)
    .where(
      and(
        eq(awaitedItems.placeId, placeId),
        eq(awaitedItems.stayId, stayId),
        eq(awaitedItems.reason, reason),
        isNull(awaitedItems.resolvedAt),
        sql`(${awaitedItems.serviceLineId} is null or ${awaitedItems.packageStatus} = 'cancelled')`,
      ),
    )
    .orderBy(asc(awaitedItems.openedAt))
    .limit(1);
  return item;
}

/** The open items the line was linked to (a stay of the person not yet discharged). */
async function itemsOfLine(tx: Executor, placeId: string, lineId: string): Promise<AwaitedItemRow[]> {
  return tx
    .select()
    .from(awaitedItems)
    .where(and(eq(awaitedItems.placeId, placeId), eq(awaitedItems.serviceLineId, lineId), isNull(awaitedItems.resolvedAt)));
}

/**
 * The instant an item is met by a service that started on `startedOn`: now, when it started
 * today; otherwise the end of that day. Either way the delayed days up to the day before the start
 * keep the item's reason (it was still awaited at their midnight) and the days from it on do not.
 * Never before the item was opened.
 */
export function metAt(startedOn: string, openedAt: Date, now: Date): Date {
  const at = startedOn === londonDateOf(now) ? now : new Date(londonStartOfDay(addDaysIso(startedOn, 1)).getTime() - 1);
  return at.getTime() < openedAt.getTime() ? openedAt : at;
}

/** An awaited item's package as the API shows it (null when none is linked). */
export function packageOf(i: AwaitedItemRow, providerNames: Map<string, string>) {
  if (!i.serviceLineId || !i.packageStatus) return null;
  return {
    planId: i.planId!,
    serviceLineId: i.serviceLineId,
    provider: { id: i.providerPartnerId!, name: providerNames.get(i.providerPartnerId!) ?? '' },
    plannedStart: i.plannedStart!,
    status: i.packageStatus as 'approved' | 'in_place' | 'cancelled',
    statusLabel: packageStatusLabels[i.packageStatus] ?? i.packageStatus,
    metOn: i.metOn,
  };
}

function linkOf(change: ServiceLineChange) {
  return { planId: change.planId, serviceLineId: change.lineId, providerPartnerId: change.provider.id, plannedStart: change.plannedStart };
}

/** The listener of the pathway's service line steps (registered in routes.ts). */
export async function awaitedPackageChanged(tx: Executor, actor: Actor, now: Date, change: ServiceLineChange): Promise<void> {
  const reason = reasonMetBy(change.component);
  if (!reason) return;
  const placeId = actor.placeId;
  const linked: { item: AwaitedItemRow; set: Partial<AwaitedItemRow> }[] = [];

  if (change.step === 'approved') {
    const stay = await openStayOf(tx, placeId, change.personId);
    const item = stay && (await itemAwaitingPackage(tx, placeId, stay.id, reason));
    if (item) linked.push({ item, set: { ...linkOf(change), packageStatus: 'approved' } });
  } else if (change.step === 'in_place') {
    const startedOn = change.startedOn!;
    let items = await itemsOfLine(tx, placeId, change.lineId);
    if (items.length === 0) {
      // Approved before the person was waiting for it (or before the stay): starting it meets the wait all the same.
      const stay = await openStayOf(tx, placeId, change.personId);
      const item = stay && (await itemAwaitingPackage(tx, placeId, stay.id, reason));
      items = item ? [item] : [];
    }
    for (const item of items) {
      linked.push({ item, set: { ...linkOf(change), packageStatus: 'in_place', metOn: startedOn, resolvedAt: metAt(startedOn, item.openedAt, now) } });
    }
  } else if (change.step === 'cancelled') {
    for (const item of await itemsOfLine(tx, placeId, change.lineId)) linked.push({ item, set: { packageStatus: 'cancelled' } });
  }
  if (linked.length === 0) return;

  for (const { item, set } of linked) {
    await tx
      .update(awaitedItems)
      .set(set)
      .where(and(eq(awaitedItems.placeId, placeId), eq(awaitedItems.id, item.id)));
  }
  await tx.insert(stayEvents).values(
    linked.map(({ item, set }) => ({
      placeId,
      id: newId(),
      stayId: item.stayId,
      kind: 'package',
      at: now,
      sourceSystem: packageSource,
      eventId: `service-line:${change.lineId}:${change.step}:${item.id}`,
      detail: {
        step: change.step,
        itemId: item.id,
        reason: item.reason,
        planId: change.planId,
        lineId: change.lineId,
        component: change.component,
        provider: change.provider.name,
        plannedStart: change.plannedStart,
        ...(set.metOn ? { metOn: set.metOn } : {}),
        ...(change.step === 'cancelled' ? { cancelReason: change.reason } : {}),
      },
      drdBefore: null,
      drdAfter: null,
      recordedAt: now,
      recordedBy: actor.userId,
    })),
  );
  await auditAllowed(tx, actor, now, {
    action: change.step === 'approved' ? 'stay.package_agreed' : change.step === 'in_place' ? 'stay.awaited_met' : 'stay.package_cancelled',
    personIds: [change.personId],
    detail: { stays: [...new Set(linked.map((l) => l.item.stayId))], items: linked.map((l) => l.item.id), planId: change.planId, lineId: change.lineId },
  });
}
