/**
 * The provider portal (issue #15): a provider's staff see their own placements only — every query
 * is filtered by the actor's provider, never by an id from the request alone — and of the person
 * the least needed to deliver care. Another provider's placement is answered 404 (its existence is
 * not confirmed) and audited as denied. Every read and write of person data is audited with the
 * person's id.
 */
import type { Ctx } from '../access/actor.js';
import { appendAudit } from '../access/audit.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import { visitDetailsOf, type VisitDetails } from '../people/visit-details.js';
import { linesForPlacements, startLineForPlacedProvider, type LineForPlacement } from '../pathway/plans/provider-steps.js';
import { portalStatuses, type PortalListQuery } from './placement-inputs.js';
import * as q from './placement-queries.js';

/** The provider the actor works for; anyone else is refused the portal (audited). */
export async function providerOfActor(ctx: Ctx, action: string): Promise<string> {
  if (ctx.actor.role === 'provider_staff' && ctx.actor.providerPartnerId) return ctx.actor.providerPartnerId;
  return denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: 'The provider portal is for provider staff: staff read placements at /api/commissioning/placements.' });
}

/** 404 for a placement that is not this provider's, with the denial audited in its own transaction. */
async function unseen(ctx: Ctx, action: string, placementId: string): Promise<never> {
  const at = ctx.clock.now();
  await ctx.db.transaction((tx) =>
    appendAudit(
      tx,
      [{ placeId: ctx.actor.placeId, userId: ctx.actor.userId, role: ctx.actor.role, action, personIds: [], outcome: 'denied', reason: 'not_this_provider', detail: { placementId } }],
      at,
    ),
  );
  throw new NotFoundError('You have no placement with this id.');
}

export type PortalService = { serviceType: string; component: string; unit: string; quantity: number; frequency: string; plannedStart: string; plannedEnd: string | null };

function serviceOf(l: LineForPlacement): PortalService {
  return { serviceType: l.serviceType, component: l.component, unit: l.unit, quantity: l.quantityHundredths / 100, frequency: l.frequency, plannedStart: l.plannedStart, plannedEnd: l.plannedEnd };
}

export type PortalPlacementItem = {
  id: string;
  status: string;
  version: number;
  offeredAt: string;
  startedOn: string | null;
  endedOn: string | null;
  service: PortalService;
  person: { name: string; postcode: string };
};

export type PortalPlacement = Omit<PortalPlacementItem, 'person'> & {
  respondedAt: string | null;
  declineReason: string | null;
  person: { name: string; addressLine: string; postcode: string; phone: string | null };
  deliveries: { deliveredOn: string; quantity: number; source: string }[];
};

export async function portalPlacements(ctx: Ctx, query: PortalListQuery): Promise<{ placements: PortalPlacementItem[]; total: number }> {
  const providerId = await providerOfActor(ctx, 'portal.placements_read');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const { rows, total } = await q.listPlacements(db, placeId, { providerPartnerId: providerId, statuses: query.status ? [query.status] : portalStatuses, limit: query.limit, offset: query.offset });
    const lines = await linesForPlacements(db, placeId, rows.map((r) => r.serviceLineId));
    const personIds = [...new Set([...lines.values()].map((l) => l.personId))];
    const people = await visitDetailsOf(db, placeId, personIds);
    const placements = rows.map((r) => {
      const l = lines.get(r.serviceLineId)!;
      const p = people.get(l.personId);
      return { id: r.id, status: r.status, version: r.version, offeredAt: r.offeredAt.toISOString(), startedOn: r.startedOn, endedOn: r.endedOn, service: serviceOf(l), person: { name: p?.name ?? '', postcode: p?.postcode ?? '' } };
    });
    await auditAllowed(db, ctx.actor, at, { action: 'portal.placements_read', personIds, detail: { providerId, status: query.status ?? null, placements: placements.length } });
    return { placements, total };
  });
}

function placementView(r: q.PlacementRow, l: LineForPlacement, p: VisitDetails | undefined, deliveries: q.DeliveryRow[]): PortalPlacement {
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    offeredAt: r.offeredAt.toISOString(),
    respondedAt: r.respondedAt?.toISOString() ?? null,
    declineReason: r.declineReason,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    service: serviceOf(l),
    person: { name: p?.name ?? '', addressLine: p?.addressLine ?? '', postcode: p?.postcode ?? '', phone: p?.phone ?? null },
    deliveries: deliveries.map((d) => ({ deliveredOn: d.deliveredOn, quantity: d.quantityHundredths / 100, source: d.source })),
  };
}

/** One placement as its provider sees it; written or read, the entry names the person. */
export async function placementForProvider(db: Executor, ctx: Ctx, providerId: string, id: string, anyStatus = false): Promise<{ view: PortalPlacement; personId: string } | null> {
  const placeId = ctx.actor.placeId;
  const r = await q.placementOfProvider(db, placeId, providerId, id);
  // Declined and withdrawn offers leave the portal (the answer to the decline itself excepted).
  if (!r || (!anyStatus && !(portalStatuses as readonly string[]).includes(r.status))) return null;
  const l = (await linesForPlacements(db, placeId, [r.serviceLineId])).get(r.serviceLineId)!;
  const p = (await visitDetailsOf(db, placeId, [l.personId])).get(l.personId);
  const deliveries = await q.deliveriesOfPlacement(db, placeId, r.id, 60);
  return { view: placementView(r, l, p, deliveries), personId: l.personId };
}

export async function portalPlacement(ctx: Ctx, id: string): Promise<PortalPlacement> {
  const providerId = await providerOfActor(ctx, 'portal.placement_read');
  const at = ctx.clock.now();
  const found = await auditedRead(ctx, async (db) => {
    const got = await placementForProvider(db, ctx, providerId, id);
    if (got) await auditAllowed(db, ctx.actor, at, { action: 'portal.placement_read', personIds: [got.personId], detail: { placementId: id } });
    return got;
  });
  if (!found) return unseen(ctx, 'portal.placement_read', id);
  return found.view;
}

/**
 * Runs a provider's step on its own placement in one transaction (the placement locked), audited
 * with the person's id; a placement not theirs is a 404.
 */
export async function onOwnPlacement(
  ctx: Ctx,
  action: string,
  id: string,
  work: (tx: Executor, at: Date, p: q.PlacementRow, line: LineForPlacement, providerId: string) => Promise<Record<string, unknown> | void>,
): Promise<PortalPlacement> {
  const providerId = await providerOfActor(ctx, action);
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const p = await q.placementOfProvider(tx, placeId, providerId, id, true);
    if (!p || !(portalStatuses as readonly string[]).includes(p.status)) return null;
    const line = (await linesForPlacements(tx, placeId, [p.serviceLineId])).get(p.serviceLineId)!;
    const detail = await work(tx, at, p, line, providerId);
    await auditAllowed(tx, ctx.actor, at, { action, personIds: [line.personId], detail: { placementId: id, lineId: line.id, ...(detail ?? {}) } });
    return (await placementForProvider(tx, ctx, providerId, id, true))!.view;
  });
  if (!result) return unseen(ctx, action, id);
  return result;
}

function mustBe(p: q.PlacementRow, status: string, version: number, what: string): void {
  if (p.status !== status) throw new ConflictError(`This placement is ${p.status}: ${what}.`, { status: p.status });
  if (p.version !== version) throw new ConflictError(`This placement has changed since you opened it (it is now version ${p.version}, you sent ${version}). Reload it.`, { currentVersion: p.version, status: p.status });
}

export function acceptPlacement(ctx: Ctx, id: string, input: { version: number }): Promise<PortalPlacement> {
  return onOwnPlacement(ctx, 'portal.placement_accept', id, async (tx, at, p) => {
    mustBe(p, 'offered', input.version, 'only an offer can be accepted');
    await q.updatePlacementAtVersion(tx, ctx.actor.placeId, p.id, p.version, { status: 'accepted', respondedAt: at, respondedBy: ctx.actor.userId });
  });
}

export function declinePlacement(ctx: Ctx, id: string, input: { reason: string; version: number }): Promise<PortalPlacement> {
  return onOwnPlacement(ctx, 'portal.placement_decline', id, async (tx, at, p) => {
    mustBe(p, 'offered', input.version, 'only an offer can be declined');
    const reason = input.reason.trim();
    await q.updatePlacementAtVersion(tx, ctx.actor.placeId, p.id, p.version, { status: 'declined', respondedAt: at, respondedBy: ctx.actor.userId, declineReason: reason });
    return { reason };
  });
}

/**
 * The provider confirms the day care actually started: the line goes in place through the
 * pathway (its listener marks this placement started), so the 28-day measure counts that day.
 */
export function confirmStart(ctx: Ctx, id: string, input: { startedOn: string; version: number }): Promise<PortalPlacement> {
  return onOwnPlacement(ctx, 'portal.placement_start', id, async (tx, at, p, line, providerId) => {
    mustBe(p, 'accepted', input.version, 'accept the offer before you confirm its start');
    await startLineForPlacedProvider(tx, ctx, at, { lineId: line.id, providerPartnerId: providerId, startedOn: input.startedOn });
    return { startedOn: input.startedOn };
  });
}
