/**
 * Placements (issue #15): a service line offered to its provider when it is approved, accepted or
 * declined by the provider, started when the line goes in place, ended with it. The pathway's line
 * steps drive them (onServiceLineChange, in the step's transaction), so a line and its placement
 * never disagree. Staff list placements, withdraw an offer and re-offer a declined line to another
 * provider (a new version of the line, through the pathway).
 */
import type { Actor, Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead, withPersonAccess } from '../access/guard.js';
import { isPractitioner } from '../access/roles.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { partnersByIds } from '../partnership/lookups.js';
import { personForPolicy } from '../people/service.js';
import type { ServiceLineChange } from '../pathway/plans/line-events.js';
import { withLine } from '../pathway/plans/line-steps.js';
import { changeLineProvider, lineIdsOfPerson, linesForPlacements, type LineForPlacement } from '../pathway/plans/provider-steps.js';
import { mustHoldCommissioningRole } from './roles.js';
import * as q from './placement-queries.js';
import type { PlacementListQuery, ReofferInput, WithdrawInput } from './placement-inputs.js';

/** The listener of the pathway's line steps (registered by portal-routes.ts). */
export async function placementOfLineChanged(tx: Executor, actor: Actor, at: Date, change: ServiceLineChange): Promise<void> {
  const placeId = actor.placeId;
  if (change.step === 'approved' || change.step === 'provider_changed') {
    const live = await q.livePlacementOfLine(tx, placeId, change.lineId);
    if (live && live.providerPartnerId === change.provider.id) return;
    if (live) await q.updatePlacementAtVersion(tx, placeId, live.id, live.version, { status: 'withdrawn', respondedAt: at, respondedBy: actor.userId });
    await q.insertPlacement(tx, { placeId, id: newId(), serviceLineId: change.lineId, providerPartnerId: change.provider.id, status: 'offered', offeredAt: at, offeredBy: actor.userId });
    return;
  }
  if (change.step === 'in_place') {
    const live = await q.livePlacementOfLine(tx, placeId, change.lineId);
    // A line started without an offer (an in-house service started by its practitioner) is placed as started.
    if (!live) {
      await q.insertPlacement(tx, { placeId, id: newId(), serviceLineId: change.lineId, providerPartnerId: change.provider.id, status: 'started', offeredAt: at, offeredBy: actor.userId, respondedAt: at, respondedBy: actor.userId, startedOn: change.startedOn });
      return;
    }
    await q.updatePlacementAtVersion(tx, placeId, live.id, live.version, { status: 'started', startedOn: change.startedOn, respondedAt: live.respondedAt ?? at, respondedBy: live.respondedBy ?? actor.userId });
    return;
  }
  if (change.step === 'ended' || change.step === 'cancelled') {
    const live = await q.livePlacementOfLine(tx, placeId, change.lineId);
    if (!live) return;
    if (change.step === 'cancelled' || live.status !== 'started') {
      await q.updatePlacementAtVersion(tx, placeId, live.id, live.version, { status: 'withdrawn', respondedAt: live.respondedAt ?? at });
      return;
    }
    const line = (await linesForPlacements(tx, placeId, [change.lineId])).get(change.lineId);
    await q.updatePlacementAtVersion(tx, placeId, live.id, live.version, { status: 'ended', endedOn: line?.endedOn ?? null });
  }
}

export type StaffPlacementView = {
  id: string;
  serviceLineId: string;
  planId: string;
  provider: { id: string; name: string };
  status: string;
  version: number;
  offeredAt: string;
  respondedAt: string | null;
  declineReason: string | null;
  startedOn: string | null;
  endedOn: string | null;
  serviceType: string;
  component: string;
  plannedStart: string;
};

async function staffViews(db: Executor, placeId: string, rows: q.PlacementRow[]): Promise<{ views: StaffPlacementView[]; personIds: string[] }> {
  const lines = await linesForPlacements(db, placeId, rows.map((r) => r.serviceLineId));
  const providers = await partnersByIds(db, placeId, rows.map((r) => r.providerPartnerId));
  const views = rows.map((r) => {
    const l = lines.get(r.serviceLineId)!;
    return {
      id: r.id,
      serviceLineId: r.serviceLineId,
      planId: l.planId,
      provider: { id: r.providerPartnerId, name: providers.get(r.providerPartnerId)?.name ?? '' },
      status: r.status,
      version: r.version,
      offeredAt: r.offeredAt.toISOString(),
      respondedAt: r.respondedAt?.toISOString() ?? null,
      declineReason: r.declineReason,
      startedOn: r.startedOn,
      endedOn: r.endedOn,
      serviceType: l.serviceType,
      component: l.component,
      plannedStart: l.plannedStart,
    };
  });
  return { views, personIds: [...new Set([...lines.values()].map((l) => l.personId))] };
}

/**
 * Placements for staff: the commissioning roles see the place's (no person named); a practitioner
 * names the person and sees that person's, through the access policy.
 */
export async function listPlacementsForStaff(ctx: Ctx, query: PlacementListQuery): Promise<{ placements: StaffPlacementView[]; total: number }> {
  const placeId = ctx.actor.placeId;
  const statuses = query.status ? [query.status] : undefined;
  if (isPractitioner(ctx.actor.role)) {
    if (!query.personId) {
      throw new InvalidError('Name the person whose placements you want: practitioners see the placements of people they work with.', [
        { field: 'personId', problem: 'is required for your role' },
      ]);
    }
    return withPersonAccess(
      ctx,
      'placement.list',
      (db) => personForPolicy(db, placeId, query.personId!),
      async (db, person, grant, at) => {
        const lineIds = await lineIdsOfPerson(db, placeId, person.id);
        const { rows, total } = await q.listPlacements(db, placeId, { statuses, lineIds, limit: query.limit, offset: query.offset });
        const { views } = await staffViews(db, placeId, rows);
        await auditAllowed(db, ctx.actor, at, { action: 'placement.list', personIds: [person.id], detail: { via: grant.kind, status: query.status ?? null, placements: views.length } });
        return { placements: views, total };
      },
      { read: true, personId: query.personId },
    );
  }
  await mustHoldCommissioningRole(ctx, 'read', 'placement.list', 'read placements');
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    let lineIds: string[] | undefined;
    if (query.personId) lineIds = await lineIdsOfPerson(db, placeId, query.personId);
    const { rows, total } = await q.listPlacements(db, placeId, { statuses, providerPartnerId: query.providerId, lineIds, limit: query.limit, offset: query.offset });
    const { views, personIds } = await staffViews(db, placeId, rows);
    // The rows are of people's care packages, though no person is named: the entry says whose.
    await auditAllowed(db, ctx.actor, at, { action: 'placement.list', personIds, detail: { status: query.status ?? null, providerId: query.providerId ?? null, placements: views.length } });
    return { placements: views, total };
  });
}

/**
 * Runs a staff change of a placement's line in one transaction: a practitioner through the
 * access policy for the line's person, a commissioner by role (audited with the person's id).
 */
async function asStaffOnLine<T>(ctx: Ctx, action: string, placementId: string, work: (tx: Executor, at: Date, p: q.PlacementRow, personId: string) => Promise<T>): Promise<T> {
  const placeId = ctx.actor.placeId;
  const found = await q.placementById(ctx.db, placeId, placementId);
  if (!found) throw new NotFoundError('There is no placement with this id in this place.');
  if (isPractitioner(ctx.actor.role)) {
    return withLine(ctx, action, found.serviceLineId, async (tx, loaded, at) => {
      const p = (await q.placementById(tx, placeId, placementId, true))!;
      return work(tx, at, p, loaded.id);
    });
  }
  await mustHoldCommissioningRole(ctx, 'commission', action, 'withdraw or re-offer placements');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = (await q.placementById(tx, placeId, placementId, true))!;
    const line = (await linesForPlacements(tx, placeId, [p.serviceLineId])).get(p.serviceLineId)!;
    return work(tx, at, p, line.personId);
  });
}

function mustBeVersion(p: q.PlacementRow, version: number): void {
  if (p.version !== version) throw new ConflictError(`This placement has changed since you opened it (it is now version ${p.version}, you sent ${version}). Reload it.`, { currentVersion: p.version, status: p.status });
}

export async function withdrawPlacement(ctx: Ctx, placementId: string, input: WithdrawInput): Promise<StaffPlacementView> {
  return asStaffOnLine(ctx, 'placement.withdraw', placementId, async (tx, at, p, personId) => {
    if (p.status !== 'offered' && p.status !== 'accepted') throw new ConflictError(`This placement is ${p.status}: only an offer not yet started can be withdrawn.`, { status: p.status });
    mustBeVersion(p, input.version);
    const updated = await q.updatePlacementAtVersion(tx, ctx.actor.placeId, p.id, p.version, { status: 'withdrawn', declineReason: input.reason.trim() });
    await auditAllowed(tx, ctx.actor, at, { action: 'placement.withdraw', personIds: [personId], detail: { placementId: p.id, lineId: p.serviceLineId, reason: input.reason.trim() } });
    return (await staffViews(tx, ctx.actor.placeId, [updated!])).views[0]!;
  });
}

/**
 * Offers a declined or withdrawn placement's line again, to another provider (the line changes
 * its provider as a new version) or to the same one; the new offer is the line's live placement.
 */
export async function reofferPlacement(ctx: Ctx, placementId: string, input: ReofferInput): Promise<StaffPlacementView> {
  const placeId = ctx.actor.placeId;
  return asStaffOnLine(ctx, 'placement.reoffer', placementId, async (tx, at, p, personId) => {
    if (p.status !== 'declined' && p.status !== 'withdrawn') throw new ConflictError(`This placement is ${p.status}: only a declined or withdrawn offer can be offered again.`, { status: p.status });
    if (await q.livePlacementOfLine(tx, placeId, p.serviceLineId)) throw new ConflictError('The line has been offered again already: see its live placement.');
    const line = (await linesForPlacements(tx, placeId, [p.serviceLineId])).get(p.serviceLineId)!;
    if (line.status !== 'approved') throw new ConflictError(`The line is ${line.status}: only an approved line can be offered.`, { status: line.status });
    if (input.providerPartnerId !== line.providerPartnerId) {
      // The pathway's step tells placementOfLineChanged, which makes the new offer.
      await changeLineProvider(tx, ctx, at, { lineId: line.id, providerPartnerId: input.providerPartnerId, reason: input.reason });
    } else {
      await q.insertPlacement(tx, { placeId, id: newId(), serviceLineId: line.id, providerPartnerId: line.providerPartnerId, status: 'offered', offeredAt: at, offeredBy: ctx.actor.userId });
    }
    const live = (await q.livePlacementOfLine(tx, placeId, line.id))!;
    await auditAllowed(tx, ctx.actor, at, { action: 'placement.reoffer', personIds: [personId], detail: { placementId: live.id, previousPlacementId: p.id, lineId: line.id, providerId: input.providerPartnerId } });
    return (await staffViews(tx, placeId, [live])).views[0]!;
  });
}

export type ProviderPlacement = { placement: q.PlacementRow; line: LineForPlacement };

/**
 * A provider's placements with their lines (of some statuses; all by default), for the other parts
 * of commissioning (invoice matching): no person detail beyond the line's person id.
 */
export async function placementsOfProvider(db: Executor, placeId: string, providerPartnerId: string, opts: { statuses?: readonly string[]; lineIds?: string[] } = {}): Promise<ProviderPlacement[]> {
  const out: ProviderPlacement[] = [];
  for (let offset = 0; ; offset += 5000) {
    const { rows } = await q.listPlacements(db, placeId, { providerPartnerId, statuses: opts.statuses, lineIds: opts.lineIds, limit: 5000, offset });
    const lines = await linesForPlacements(db, placeId, rows.map((r) => r.serviceLineId));
    for (const r of rows) out.push({ placement: r, line: lines.get(r.serviceLineId)! });
    if (rows.length < 5000) return out;
  }
}
