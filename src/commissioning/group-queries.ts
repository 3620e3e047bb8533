/** The SQL of commissioning groups, their members and decisions (commissioning's own tables). */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { commissioningDecisions, commissioningGroupMembers, commissioningGroups, contracts } from './schema.js';

export type GroupRow = typeof commissioningGroups.$inferSelect;
export type MemberRow = typeof commissioningGroupMembers.$inferSelect;
export type DecisionRow = typeof commissioningDecisions.$inferSelect;

export async function groupRows(db: Executor, placeId: string): Promise<(GroupRow & { leadPartnerName: string | null; currentMembers: number; decisions: number })[]> {
  return rowsOf(
    db,
    sql`select g.place_id as "placeId", g.id, g.name, g.kind, g.client_groups as "clientGroups", g.budget_line_codes as "budgetLineCodes",
               g.lead_partner_id as "leadPartnerId", g.valid_from::text as "validFrom", g.valid_to::text as "validTo", g.created_at as "createdAt", g.version,
               p.name as "leadPartnerName",
               (select count(*)::int from commissioning_group_member m where m.place_id = g.place_id and m.group_id = g.id and (m.to_on is null or m.to_on >= current_date)) as "currentMembers",
               (select count(*)::int from commissioning_decision d where d.place_id = g.place_id and d.group_id = g.id) as decisions
          from commissioning_group g left join partner p on p.place_id = g.place_id and p.id = g.lead_partner_id
         where g.place_id = ${placeId}
         order by g.name`,
  );
}

export async function groupRow(db: Executor, placeId: string, id: string): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(commissioningGroups).where(and(eq(commissioningGroups.placeId, placeId), eq(commissioningGroups.id, id)));
  return row;
}

export async function groupByName(db: Executor, placeId: string, name: string): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(commissioningGroups).where(and(eq(commissioningGroups.placeId, placeId), eq(commissioningGroups.name, name)));
  return row;
}

export async function membersOf(db: Executor, placeId: string, groupId: string): Promise<MemberRow[]> {
  return db
    .select()
    .from(commissioningGroupMembers)
    .where(and(eq(commissioningGroupMembers.placeId, placeId), eq(commissioningGroupMembers.groupId, groupId)))
    .orderBy(asc(commissioningGroupMembers.fromOn), asc(commissioningGroupMembers.name));
}

export async function memberRow(db: Executor, placeId: string, groupId: string, id: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(commissioningGroupMembers)
    .where(and(eq(commissioningGroupMembers.placeId, placeId), eq(commissioningGroupMembers.groupId, groupId), eq(commissioningGroupMembers.id, id)));
  return row;
}

export async function decisionsOf(db: Executor, placeId: string, groupId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(commissioningDecisions)
    .where(and(eq(commissioningDecisions.placeId, placeId), eq(commissioningDecisions.groupId, groupId)))
    .orderBy(desc(commissioningDecisions.decidedOn), desc(commissioningDecisions.recordedAt));
}

export async function decisionByReference(db: Executor, placeId: string, groupId: string, reference: string): Promise<DecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(commissioningDecisions)
    .where(and(eq(commissioningDecisions.placeId, placeId), eq(commissioningDecisions.groupId, groupId), eq(commissioningDecisions.reference, reference)));
  return row;
}

export async function contractsNamed(db: Executor, placeId: string, ids: readonly string[]): Promise<{ id: string; reference: string; title: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: contracts.id, reference: contracts.reference, title: contracts.title })
    .from(contracts)
    .where(and(eq(contracts.placeId, placeId), inArray(contracts.id, [...ids])));
}

export async function partnersNamed(db: Executor, placeId: string, ids: readonly string[]): Promise<{ id: string; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return rowsOf(db, sql`select id, name, kind from partner where place_id = ${placeId} and id = any(${`{${ids.join(',')}}`}::uuid[])`);
}
