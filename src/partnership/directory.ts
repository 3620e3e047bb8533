import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { partners, staff, teamMembers, teams, zones } from './schema.js';

export type StaffTeam = {
  teamId: string;
  name: string;
  kind: string;
  roleInTeam: string;
  zone: { id: string; name: string } | null;
};

export type StaffMembership = { profession: string; teams: StaffTeam[] } | null;

/** A staff member's profession and the teams they belong to on a day. */
export async function staffMembership(db: Executor, placeId: string, staffId: string, on: string): Promise<StaffMembership> {
  const [member] = await db
    .select({ profession: staff.profession })
    .from(staff)
    .where(and(eq(staff.placeId, placeId), eq(staff.id, staffId)));
  if (!member) return null;
  const rows = await db
    .select({
      teamId: teams.id,
      name: teams.name,
      kind: teams.kind,
      roleInTeam: teamMembers.roleInTeam,
      zoneId: zones.id,
      zoneName: zones.name,
    })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.placeId, teamMembers.placeId), eq(teams.id, teamMembers.teamId)))
    .leftJoin(zones, and(eq(zones.placeId, teams.placeId), eq(zones.id, teams.zoneId)))
    .where(
      and(
        eq(teamMembers.placeId, placeId),
        eq(teamMembers.staffId, staffId),
        lte(teamMembers.validFrom, on),
        // valid_to is the last day of the membership, as in the presets and delegations.
        or(isNull(teamMembers.validTo), gte(teamMembers.validTo, on)),
      ),
    )
    .orderBy(teams.name);
  return {
    profession: member.profession,
    teams: rows.map((r) => ({
      teamId: r.teamId,
      name: r.name,
      kind: r.kind,
      roleInTeam: r.roleInTeam,
      zone: r.zoneId ? { id: r.zoneId, name: r.zoneName ?? '' } : null,
    })),
  };
}

export type PracticeRef = { id: string; ods: string; name: string; zone: { id: string; code: string; name: string } | null };

/** GP practices with their zones, by id: a person's zone follows from their practice. */
export async function practicesByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, PracticeRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: partners.id, ods: partners.odsCode, name: partners.name, zoneId: zones.id, zoneCode: zones.code, zoneName: zones.name })
    .from(partners)
    .leftJoin(zones, and(eq(zones.placeId, partners.placeId), eq(zones.id, partners.zoneId)))
    .where(and(eq(partners.placeId, placeId), inArray(partners.id, [...new Set(ids)])));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, ods: r.ods ?? '', name: r.name, zone: r.zoneId ? { id: r.zoneId, code: r.zoneCode ?? '', name: r.zoneName ?? '' } : null },
    ]),
  );
}

/** The GP practice with this ODS code in the place, or null. */
export async function practiceIdByOds(db: Executor, placeId: string, ods: string): Promise<string | null> {
  const [row] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.placeId, placeId), eq(partners.odsCode, ods), eq(partners.kind, 'gp_practice')));
  return row?.id ?? null;
}

export type TeamRef = { id: string; name: string; kind: string };

export async function teamsByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, TeamRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: teams.id, name: teams.name, kind: teams.kind })
    .from(teams)
    .where(and(eq(teams.placeId, placeId), inArray(teams.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}
