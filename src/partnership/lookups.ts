import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { partners, teams, zones } from './schema.js';

/**
 * Small reads the care pathway needs of the partnership: who may provide a service line, and the
 * zone of a team (for the 28-day measure by zone).
 */

/**
 * Partners that may deliver a line of a care package: independent and voluntary providers, and
 * the statutory bodies that run services themselves (an NHS or care trust's community services,
 * a council's in-house home care or day centres). GP practices, commissioners (ICB, PCT) and
 * hospital sites do not.
 */
export const providingPartnerKinds = ['provider', 'voluntary', 'nhs_trust', 'care_trust', 'council'] as const;

export type PartnerRef = { id: string; kind: string; name: string; odsCode: string | null; validFrom: string | null; validTo: string | null };

const partnerColumns = {
  id: partners.id,
  kind: partners.kind,
  name: partners.name,
  odsCode: partners.odsCode,
  validFrom: partners.validFrom,
  validTo: partners.validTo,
};

/** A partner of the place by id or by ODS code; null when there is none. */
export async function partnerByRef(db: Executor, placeId: string, ref: { id?: string; ods?: string }): Promise<PartnerRef | null> {
  const by = ref.id ? eq(partners.id, ref.id) : ref.ods ? eq(partners.odsCode, ref.ods.trim().toUpperCase()) : null;
  if (!by) return null;
  const [row] = await db.select(partnerColumns).from(partners).where(and(eq(partners.placeId, placeId), by));
  return row ?? null;
}

export async function partnersByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, PartnerRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select(partnerColumns)
    .from(partners)
    .where(and(eq(partners.placeId, placeId), inArray(partners.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The partners of some kinds (for a choice of provider). */
export async function partnersOfKind(db: Executor, placeId: string, kinds: readonly string[]): Promise<PartnerRef[]> {
  if (kinds.length === 0) return [];
  return db
    .select(partnerColumns)
    .from(partners)
    .where(and(eq(partners.placeId, placeId), inArray(partners.kind, [...kinds])))
    .orderBy(partners.name);
}

export type TeamWithZone = { id: string; name: string; zone: { id: string; code: string; name: string } | null };

export async function teamsWithZones(db: Executor, placeId: string, ids: string[]): Promise<Map<string, TeamWithZone>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: teams.id, name: teams.name, zoneId: zones.id, zoneCode: zones.code, zoneName: zones.name })
    .from(teams)
    .leftJoin(zones, and(eq(zones.placeId, teams.placeId), eq(zones.id, teams.zoneId)))
    .where(and(eq(teams.placeId, placeId), inArray(teams.id, [...new Set(ids)])));
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, zone: r.zoneId ? { id: r.zoneId, code: r.zoneCode ?? '', name: r.zoneName ?? '' } : null }]),
  );
}

/** A zone of the place; null when there is none (to check a filter names a real zone). */
export async function zoneById(db: Executor, placeId: string, id: string): Promise<{ id: string; code: string; name: string } | null> {
  const [row] = await db
    .select({ id: zones.id, code: zones.code, name: zones.name })
    .from(zones)
    .where(and(eq(zones.placeId, placeId), eq(zones.id, id)));
  return row ?? null;
}
