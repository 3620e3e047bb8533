import { and, asc, count, eq, gte, isNull, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { delegations, partners, places, routingRules, staff, teamMembers, teams, zones } from './schema.js';

/** The SQL of the partnership module: reads of places, partners, zones, teams and delegations. */

export type Place = typeof places.$inferSelect;
export type Partner = typeof partners.$inferSelect;
export type Zone = typeof zones.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Delegation = typeof delegations.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;

/** A period held on a day: from and to are both days it holds (to is the last day). */
function heldOn(from: AnyColumn, to: AnyColumn, on: string): SQL {
  return and(lte(from, on), or(isNull(to), gte(to, on)))!;
}

export async function selectPlaceByPreset(db: Executor, preset: string): Promise<Place | null> {
  const rows = await db.select().from(places).where(eq(places.preset, preset)).limit(1);
  return rows[0] ?? null;
}

export async function selectPlace(db: Executor, placeId: string): Promise<Place | null> {
  const rows = await db.select().from(places).where(eq(places.placeId, placeId)).limit(1);
  return rows[0] ?? null;
}

export function selectPartners(db: Executor, placeId: string): Promise<Partner[]> {
  return db.select().from(partners).where(eq(partners.placeId, placeId)).orderBy(asc(partners.kind), asc(partners.name));
}

export function selectZones(db: Executor, placeId: string): Promise<Zone[]> {
  return db.select().from(zones).where(eq(zones.placeId, placeId)).orderBy(asc(zones.code));
}

export function selectTeams(db: Executor, placeId: string): Promise<Team[]> {
  return db.select().from(teams).where(eq(teams.placeId, placeId)).orderBy(asc(teams.code));
}

/** Every period of every delegation, oldest first within each function. */
export function selectDelegations(db: Executor, placeId: string): Promise<Delegation[]> {
  return db
    .select()
    .from(delegations)
    .where(eq(delegations.placeId, placeId))
    .orderBy(asc(delegations.function), asc(delegations.validFrom), asc(delegations.id));
}

/** Members of each team on a day, by role in the team. */
export function selectTeamMemberCounts(db: Executor, placeId: string, on: string) {
  return db
    .select({ teamId: teamMembers.teamId, roleInTeam: teamMembers.roleInTeam, count: count() })
    .from(teamMembers)
    .where(and(eq(teamMembers.placeId, placeId), heldOn(teamMembers.validFrom, teamMembers.validTo, on)))
    .groupBy(teamMembers.teamId, teamMembers.roleInTeam);
}

export function selectTeamsOfStaff(db: Executor, placeId: string, staffId: string, on: string) {
  return db
    .select({ teamId: teamMembers.teamId, roleInTeam: teamMembers.roleInTeam })
    .from(teamMembers)
    .where(and(eq(teamMembers.placeId, placeId), eq(teamMembers.staffId, staffId), heldOn(teamMembers.validFrom, teamMembers.validTo, on)))
    .orderBy(asc(teamMembers.teamId));
}

export async function selectPartner(db: Executor, placeId: string, partnerId: string): Promise<Partner | null> {
  const rows = await db
    .select()
    .from(partners)
    .where(and(eq(partners.placeId, placeId), eq(partners.id, partnerId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function selectPartnerByOds(db: Executor, placeId: string, ods: string): Promise<Partner | null> {
  const rows = await db
    .select()
    .from(partners)
    .where(and(eq(partners.placeId, placeId), eq(partners.odsCode, ods)))
    .limit(1);
  return rows[0] ?? null;
}

export async function selectZone(db: Executor, placeId: string, zoneId: string): Promise<Zone | null> {
  const rows = await db
    .select()
    .from(zones)
    .where(and(eq(zones.placeId, placeId), eq(zones.id, zoneId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function selectStaffMember(db: Executor, placeId: string, staffId: string) {
  const rows = await db
    .select()
    .from(staff)
    .where(and(eq(staff.placeId, placeId), eq(staff.id, staffId)))
    .limit(1);
  return rows[0] ?? null;
}

/** The place's routing rules in order, ended ones too (a referral names the rule it was routed by). */
export function selectRoutingRules(db: Executor, placeId: string): Promise<RoutingRuleRow[]> {
  return db.select().from(routingRules).where(eq(routingRules.placeId, placeId)).orderBy(asc(routingRules.position), asc(routingRules.id));
}

export async function selectRoutingRule(db: Executor, placeId: string, id: string): Promise<RoutingRuleRow | null> {
  const rows = await db.select().from(routingRules).where(and(eq(routingRules.placeId, placeId), eq(routingRules.id, id))).limit(1);
  return rows[0] ?? null;
}

export async function insertRoutingRules(db: Executor, rows: (typeof routingRules.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(routingRules).values(rows);
}

/** A change at the version read, unless the rule has been ended; null when stale or ended. */
export async function updateRoutingRuleAt(
  db: Executor,
  placeId: string,
  id: string,
  version: number,
  set: Partial<Omit<typeof routingRules.$inferInsert, 'placeId' | 'id' | 'version'>>,
): Promise<RoutingRuleRow | null> {
  const rows = await db
    .update(routingRules)
    .set({ ...set, version: sql`${routingRules.version} + 1` })
    .where(and(eq(routingRules.placeId, placeId), eq(routingRules.id, id), eq(routingRules.version, version), isNull(routingRules.endedAt)))
    .returning();
  return rows[0] ?? null;
}

export async function insertPartner(db: Executor, row: typeof partners.$inferInsert): Promise<Partner> {
  const [saved] = await db.insert(partners).values(row).returning();
  return saved!;
}
