/**
 * The discharge board: people in hospital who no longer meet the criteria to reside, most days
 * delayed first, with what they wait for and who owns it.
 *
 * Access (docs/decisions/0005-discharge-board-access.md): practitioners see every row, because
 * the board is how the place works its delays; a row shows the person's name only to a user who
 * (or whose team) holds a current relationship with the person. The hospital discharge team holds
 * one for everyone in hospital, so it sees every name; a zone team sees the names of its own
 * caseload. Other rows show the zone, hospital, ward, days and reasons without identifying anyone.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../access/guard.js';
import { peopleWithRelationship } from '../access/relationships.js';
import { isPractitioner, roleLabels } from '../access/roles.js';
import { londonDateOf } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import { personNames } from '../people/service.js';
import { attributionLabels, delayReasons, pathwayLabels, type Attribution, type DelayReason } from './codes.js';
import { hospitalsOfPlace, partnerNames, zonesOfPlace, type ZoneRef } from './directory.js';
import { packageOf } from './package-link.js';
import { daysBetween } from './rules.js';
import { together } from '../platform/in-turn.js';
import { awaitedItems, hospitalStays } from './schema.js';

export type BoardQuery = { zone?: string; pathway?: number; limit: number };

export function zoneOf(zones: ZoneRef[], given: string | undefined): ZoneRef | null {
  if (!given) return null;
  const z = zones.find((x) => x.code.toLowerCase() === given.toLowerCase() || x.id === given);
  if (!z) throw new InvalidError(`There is no zone ${given} in this place.`, [{ field: 'zone', problem: `is not a zone of this place (${zones.map((x) => x.code).join(', ')})` }]);
  return z;
}

/** A row that does not name the person does not lead to their plan either (as it does not to their referral). */
function withoutIdsUnless<T extends { planId: string | null; serviceLineId: string | null }>(named: boolean, p: T | null): T | null {
  return p && !named ? { ...p, planId: null, serviceLineId: null } : p;
}

export async function dischargeBoard(ctx: Ctx, q: BoardQuery) {
  if (!isPractitioner(ctx.actor.role)) {
    return denyAndAudit(ctx, {
      action: 'flow.board',
      personIds: [],
      reason: 'role',
      message: `Your role (${roleLabels[ctx.actor.role]}) sees the hospital flow measures, not the discharge board of named people.`,
    });
  }
  const placeId = ctx.actor.placeId;
  const now = ctx.clock.now();
  const today = londonDateOf(now);
  return auditedRead(ctx, async (tx) => {
    const zones = await zonesOfPlace(tx, placeId);
    const zone = zoneOf(zones, q.zone);
    const where = [eq(hospitalStays.placeId, placeId), eq(hospitalStays.status, 'ready')];
    if (zone) where.push(eq(hospitalStays.zoneId, zone.id));
    if (q.pathway !== undefined) where.push(eq(hospitalStays.pathway, q.pathway));
    const [rows, [count]] = await together(tx, [
      () => tx
        .select({
          id: hospitalStays.id,
          personId: hospitalStays.personId,
          hospitalId: hospitalStays.hospitalId,
          ward: hospitalStays.ward,
          zoneId: hospitalStays.zoneId,
          age: hospitalStays.ageAtAdmission,
          pathway: hospitalStays.pathway,
          drd: hospitalStays.dischargeReadyDate,
          admittedAt: hospitalStays.admittedAt,
          referralId: hospitalStays.referralId,
        })
        .from(hospitalStays)
        .where(and(...where))
        .orderBy(asc(hospitalStays.dischargeReadyDate), asc(hospitalStays.admittedAt))
        .limit(q.limit),
      () => tx.select({ n: sql<number>`count(*)::int` }).from(hospitalStays).where(and(...where)),
    ]);
    const ids = rows.map((r) => r.id);
    const [items, hospitals, related] = await together(tx, [
      () => ids.length
        ? tx
            .select()
            .from(awaitedItems)
            .where(and(eq(awaitedItems.placeId, placeId), inArray(awaitedItems.stayId, ids), sql`${awaitedItems.resolvedAt} is null`))
            .orderBy(asc(awaitedItems.openedAt))
        : Promise.resolve([]),
      () => hospitalsOfPlace(tx, placeId),
      () => peopleWithRelationship(tx, placeId, [...new Set(rows.map((r) => r.personId))], { userId: ctx.actor.userId, teamIds: ctx.actor.teamIds }, now),
    ]);
    const [names, providers] = await together(tx, [
      () => personNames(tx, placeId, [...related]),
      () => partnerNames(tx, placeId, items.map((i) => i.providerPartnerId)),
    ]);
    const zoneById = new Map(zones.map((z) => [z.id, z]));
    const hospitalById = new Map(hospitals.map((h) => [h.id, h]));
    const board = rows.map((r) => {
      const named = related.has(r.personId);
      const z = r.zoneId ? zoneById.get(r.zoneId) : undefined;
      return {
        stayId: r.id,
        personId: named ? r.personId : null,
        name: named ? (names.get(r.personId) ?? null) : null,
        age: r.age,
        zone: z ? { code: z.code, name: z.name } : null,
        hospital: hospitalById.get(r.hospitalId)?.name ?? '',
        ward: r.ward,
        pathway: r.pathway,
        pathwayLabel: r.pathway !== null ? (pathwayLabels[r.pathway] ?? null) : null,
        dischargeReadyDate: r.drd!,
        daysDelayed: Math.max(0, daysBetween(r.drd!, today)),
        referralId: named ? r.referralId : null,
        awaiting: items
          .filter((i) => i.stayId === r.id)
          .map((i) => ({
            id: i.id,
            reason: i.reason,
            reasonLabel: delayReasons[i.reason as DelayReason]?.short ?? i.reason,
            ownerName: i.ownerName,
            attribution: i.attribution,
            attributionLabel: attributionLabels[i.attribution as Attribution] ?? i.attribution,
            since: i.openedAt.toISOString(),
            daysAwaited: Math.max(0, daysBetween(londonDateOf(i.openedAt), today)),
            // The package or placement agreed for it: plan, provider, planned start (met ones leave the board).
            package: withoutIdsUnless(named, packageOf(i, providers)),
          })),
      };
    });
    await auditAllowed(tx, ctx.actor, now, {
      action: 'flow.board',
      personIds: board.flatMap((b) => (b.personId ? [b.personId] : [])),
      detail: { zone: zone?.code ?? null, pathway: q.pathway ?? null, rows: board.length },
    });
    return { asOf: today, total: count?.n ?? 0, zones, rows: board };
  });
}
