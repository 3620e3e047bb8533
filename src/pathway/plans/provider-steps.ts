/**
 * A service line's steps taken with its provider (issue #15, the provider portal): the placed
 * provider confirms the day the service actually started, and a declined line is offered to
 * another provider. A provider's staff hold no relationship with the person, so the practitioner
 * policy does not apply to them: the caller (commissioning's placement service) has checked that
 * the line is placed with the actor's provider; the step is audited as that provider's user.
 * Both run in the caller's transaction, so the placement and the line change together.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../access/actor.js';
import type { Executor } from '../../platform/db.js';
import { ConflictError, InvalidError } from '../../platform/errors.js';
import { partnersByIds, providingPartnerKinds } from '../../partnership/lookups.js';
import { personForPolicy } from '../../people/service.js';
import { serviceLines } from '../schema.js';
import * as q from './queries.js';
import { afterChange, loadLine, startLoadedLine, type LineChange } from './line-steps.js';
import { stateWords, type LineState } from './states.js';

/** What a placement needs to know of its line (no cost, no plan, no assessment). */
export type LineForPlacement = {
  id: string;
  personId: string;
  planId: string;
  serviceType: string;
  component: string;
  providerPartnerId: string;
  unit: string;
  quantityHundredths: number;
  frequency: string;
  plannedStart: string;
  plannedEnd: string | null;
  status: string;
  startedOn: string | null;
  endedOn: string | null;
};

/** The ids of a person's lines (their placements, for a practitioner the policy let through). */
export async function lineIdsOfPerson(db: Executor, placeId: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: serviceLines.id })
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), eq(serviceLines.personId, personId)));
  return rows.map((r) => r.id);
}

/** The lines of some placements, by id. */
export async function linesForPlacements(db: Executor, placeId: string, lineIds: string[]): Promise<Map<string, LineForPlacement>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: serviceLines.id,
      personId: serviceLines.personId,
      planId: serviceLines.planId,
      serviceType: serviceLines.serviceType,
      component: serviceLines.component,
      providerPartnerId: serviceLines.providerPartnerId,
      unit: serviceLines.unit,
      quantityHundredths: serviceLines.quantityHundredths,
      frequency: serviceLines.frequency,
      plannedStart: serviceLines.plannedStart,
      plannedEnd: serviceLines.plannedEnd,
      status: serviceLines.status,
      startedOn: serviceLines.startedOn,
      endedOn: serviceLines.endedOn,
    })
    .from(serviceLines)
    .where(and(eq(serviceLines.placeId, placeId), inArray(serviceLines.id, [...new Set(lineIds)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The placed provider confirms the day the service started: the line goes in place from that day
 * (the 28-day measure's "in place" date when it is the package's first service).
 */
export async function startLineForPlacedProvider(
  tx: Executor,
  ctx: Ctx,
  at: Date,
  input: { lineId: string; providerPartnerId: string; startedOn: string },
): Promise<LineChange> {
  const { line, plan } = await loadLine(tx, ctx.actor.placeId, input.lineId, true);
  if (line.providerPartnerId !== input.providerPartnerId) throw new ConflictError('This service line is now placed with another provider.');
  const person = await personForPolicy(tx, ctx.actor.placeId, plan.personId);
  const loaded = { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, plan, line };
  return startLoadedLine(tx, ctx, at, loaded, { startedOn: input.startedOn, version: line.version, via: 'placement' });
}

/**
 * An approved line not yet started changes its provider (after a decline or a withdrawal), as a
 * new version of the line: its history keeps the provider before.
 */
export async function changeLineProvider(
  tx: Executor,
  ctx: Ctx,
  at: Date,
  input: { lineId: string; providerPartnerId: string; reason: string },
): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  const { line, plan } = await loadLine(tx, placeId, input.lineId, true);
  if (line.status !== 'approved') {
    throw new ConflictError(`This line is ${stateWords[line.status as LineState] ?? line.status}: only an approved line not yet in place can go to another provider.`, { status: line.status });
  }
  if (line.providerPartnerId === input.providerPartnerId) {
    throw new InvalidError('The line is already with this provider.', [{ field: 'providerPartnerId', problem: 'is the line’s provider already; choose another' }]);
  }
  const found = await partnersByIds(tx, placeId, [input.providerPartnerId, line.providerPartnerId]);
  const to = found.get(input.providerPartnerId);
  if (!to) throw new InvalidError('There is no such provider in this place.', [{ field: 'providerPartnerId', problem: 'is not a partner of this place' }]);
  if (!(providingPartnerKinds as readonly string[]).includes(to.kind)) {
    throw new InvalidError(`${to.name} does not provide care (it is a partner of kind ${to.kind}).`, [{ field: 'providerPartnerId', problem: 'must be a provider of care' }]);
  }
  const from = found.get(line.providerPartnerId);
  const reason = input.reason.trim();
  const updated = await q.updateLineAtVersion(tx, placeId, line.id, line.version, { providerPartnerId: input.providerPartnerId });
  if (!updated) throw new ConflictError('This line changed while it was being offered; reload it.');
  return afterChange(tx, ctx, at, plan.personId, plan, updated, {
    version: 'provider_changed',
    action: 'package.provider_changed',
    summary: `${line.component} offered to ${to.name} instead of ${from?.name ?? 'the provider before'}: ${reason}`,
    detail: { fromProviderId: line.providerPartnerId, toProviderId: input.providerPartnerId, reason },
    audit: 'service_line.change_provider',
  });
}
