import { and, desc, eq, gt, inArray, isNull, lte, or, type AnyColumn } from 'drizzle-orm';
import { insertAsJsonSql } from '../platform/bulk.js';
import { builtOnce } from '../platform/built-once.js';
import { pgArray, sql, type Executor, type SQL } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { teams } from '../partnership/schema.js';
import { relationships } from './schema.js';
import type { Sector } from './roles.js';

export type RelationshipKind = 'caseload' | 'referral' | 'triage' | 'registration' | 'break_glass' | 'hospital';

export type GrantRelationship = {
  /** Made by the caller when it must know the id before the grant is written (a feed's batch). */
  id?: string;
  placeId: string;
  personId: string;
  kind: RelationshipKind;
  teamId?: string | null;
  userId?: string | null;
  sector: Sector;
  reason?: string;
  validFrom: Date;
  validTo?: Date | null;
  grantedBy?: string | null;
};

/**
 * Grants a legitimate relationship. Modules above access/ call this (the pathway when it
 * allocates, the front door while a co-ordinator triages); access/ never reads their tables.
 */
export async function grantRelationship(tx: Executor, g: GrantRelationship): Promise<string> {
  const id = newId();
  await tx.insert(relationships).values({
    placeId: g.placeId,
    id,
    personId: g.personId,
    kind: g.kind,
    teamId: g.teamId ?? null,
    userId: g.userId ?? null,
    sector: g.sector,
    reason: g.reason ?? '',
    validFrom: g.validFrom,
    validTo: g.validTo ?? null,
    grantedBy: g.grantedBy ?? null,
    reviewStatus: g.kind === 'break_glass' ? 'pending' : null,
  });
  return id;
}

/** The statement that grants many relationships at once (a feed admitting or referring thousands; null for none), to run with others; and their ids, in order. */
export function grantRelationshipsSql(grants: GrantRelationship[]): { statement: SQL | null; ids: string[] } {
  const rows = grants.map((g) => ({
    placeId: g.placeId,
    id: g.id ?? newId(),
    personId: g.personId,
    kind: g.kind,
    teamId: g.teamId ?? null,
    userId: g.userId ?? null,
    sector: g.sector,
    reason: g.reason ?? '',
    validFrom: g.validFrom,
    validTo: g.validTo ?? null,
    grantedBy: g.grantedBy ?? null,
    reviewStatus: g.kind === 'break_glass' ? 'pending' : null,
  }));
  return { statement: insertAsJsonSql(relationships, rows), ids: rows.map((r) => r.id) };
}

/** Ends a relationship (a case closed): it stays in history with its end. */
export async function endRelationship(tx: Executor, placeId: string, id: string, at: Date, endedBy: string | null): Promise<void> {
  await tx
    .update(relationships)
    .set({ validTo: at, endedBy })
    .where(and(eq(relationships.placeId, placeId), eq(relationships.id, id), or(isNull(relationships.validTo), gt(relationships.validTo, at))));
}

/** The statement that ends many relationships, each at its own instant (stays discharged by a feed; null for none), to run with others. */
export function endRelationshipsAtSql(placeId: string, ends: { id: string; at: Date }[], endedBy: string | null): SQL | null {
  if (ends.length === 0) return null;
  return sql`
    update care_relationship r set valid_to = e.at, ended_by = ${endedBy}::uuid
    from unnest(${pgArray(ends.map((e) => e.id))}::uuid[], ${pgArray(ends.map((e) => e.at.toISOString()))}::timestamptz[]) as e(id, at)
    where r.place_id = ${placeId} and r.id = e.id and (r.valid_to is null or r.valid_to > e.at)`;
}

export type ActiveRelationship = typeof relationships.$inferSelect;

/** Held by this user directly, or by one of their teams. */
function heldBy(holder: { userId: string; teamIds: string[] }) {
  return holder.teamIds.length
    ? or(eq(relationships.userId, holder.userId), inArray(relationships.teamId, holder.teamIds))
    : eq(relationships.userId, holder.userId);
}

/** In force at this instant (started, not yet ended). */
function currentAt(at: Date) {
  return and(lte(relationships.validFrom, at), or(isNull(relationships.validTo), gt(relationships.validTo, at)));
}

/**
 * Whether the viewer reaches the person in `personIdColumn` now (directly or through a team), as a
 * column of another module's query: the search list's mark, without a statement of its own. The
 * viewer is given as placeholders, so that the query around it can be built once: fill them with
 * `viewerValues`.
 */
export function holdsRelationshipWith(db: Executor, placeIdColumn: AnyColumn, personIdColumn: AnyColumn): SQL<boolean> {
  const held = db
    .select({ one: sql`1` })
    .from(relationships)
    .where(
      and(
        eq(relationships.placeId, placeIdColumn),
        eq(relationships.personId, personIdColumn),
        or(eq(relationships.userId, sql.placeholder('viewerUserId')), sql`${relationships.teamId} = any(${sql.placeholder('viewerTeamIds')}::uuid[])`),
        lte(relationships.validFrom, sql.placeholder('viewerAt')),
        or(isNull(relationships.validTo), gt(relationships.validTo, sql.placeholder('viewerAt'))),
      ),
    );
  return sql<boolean>`exists (${held})`;
}

/** The placeholders of `holdsRelationshipWith` for this viewer at this instant. */
export function viewerValues(holder: { userId: string; teamIds: string[] }, at: Date) {
  return { viewerUserId: holder.userId, viewerTeamIds: pgArray(holder.teamIds), viewerAt: at.toISOString() };
}

/** The relationships that let this user (directly or through a team) reach this person now. */
export async function activeRelationships(
  tx: Executor,
  placeId: string,
  personId: string,
  holder: { userId: string; teamIds: string[] },
  at: Date,
): Promise<ActiveRelationship[]> {
  return activeRelationshipsQuery(tx, { placeId, personId, userId: holder.userId, teamIds: pgArray(holder.teamIds), at: at.toISOString() });
}

// Asked before every read and step of a person's record: built once (src/platform/built-once.ts).
const activeRelationshipsQuery = builtOnce((db) =>
  db
    .select()
    .from(relationships)
    .where(
      and(
        eq(relationships.placeId, sql.placeholder('placeId')),
        eq(relationships.personId, sql.placeholder('personId')),
        or(eq(relationships.userId, sql.placeholder('userId')), sql`${relationships.teamId} = any(${sql.placeholder('teamIds')}::uuid[])`),
        lte(relationships.validFrom, sql.placeholder('at')),
        or(isNull(relationships.validTo), gt(relationships.validTo, sql.placeholder('at'))),
      ),
    ),
);

/** Ids among these people that the holder has a relationship with now (to mark search results). */
export async function peopleWithRelationship(
  tx: Executor,
  placeId: string,
  personIds: string[],
  holder: { userId: string; teamIds: string[] },
  at: Date,
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ personId: relationships.personId })
    .from(relationships)
    .where(
      and(
        eq(relationships.placeId, placeId),
        inArray(relationships.personId, personIds),
        heldBy(holder),
        currentAt(at),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}

/** Relationships of a merged record move to the record it was merged into. */
export async function moveRelationships(tx: Executor, placeId: string, fromPersonId: string, toPersonId: string): Promise<void> {
  await tx
    .update(relationships)
    .set({ personId: toPersonId })
    .where(and(eq(relationships.placeId, placeId), eq(relationships.personId, fromPersonId)));
}

/**
 * The teams holding a person now, as the record shows them: one line per team and kind of work
 * (a team may hold a person for health and for social care), with the team's name, from the
 * earliest such relationship, earliest first.
 */
export async function teamsHoldingPerson(tx: Executor, placeId: string, personId: string, at: Date) {
  const rows = await tx
    .selectDistinctOn([relationships.teamId, relationships.kind], {
      id: teams.id,
      name: teams.name,
      kind: teams.kind,
      relationshipKind: relationships.kind,
      since: relationships.validFrom,
    })
    .from(relationships)
    .innerJoin(teams, and(eq(teams.placeId, relationships.placeId), eq(teams.id, relationships.teamId)))
    .where(and(eq(relationships.placeId, placeId), eq(relationships.personId, personId), currentAt(at)))
    .orderBy(relationships.teamId, relationships.kind, relationships.validFrom);
  return rows.sort((a, b) => a.since.getTime() - b.since.getTime());
}

/** People a user reaches today, directly or through their teams, newest first. */
export async function relationshipsHeldBy(
  tx: Executor,
  placeId: string,
  holder: { userId: string; teamIds: string[] },
  at: Date,
  limit: number,
): Promise<ActiveRelationship[]> {
  return tx
    .select()
    .from(relationships)
    .where(and(eq(relationships.placeId, placeId), heldBy(holder), currentAt(at)))
    .orderBy(desc(relationships.validFrom))
    .limit(limit);
}

/** Ends the current relationships of a kind that a team or user holds with a person. */
export async function endRelationshipsHeld(
  tx: Executor,
  placeId: string,
  personId: string,
  held: { kind: RelationshipKind; teamId?: string; userId?: string },
  at: Date,
  endedBy: string | null,
): Promise<void> {
  const statement = endRelationshipsHeldSql(placeId, personId, held, at, endedBy);
  if (statement) await tx.execute(statement);
}

/** The statement that ends them (null when no holder is named), to run with others. */
export function endRelationshipsHeldSql(
  placeId: string,
  personId: string,
  held: { kind: RelationshipKind; teamId?: string; userId?: string },
  at: Date,
  endedBy: string | null,
): SQL | null {
  const holder = held.teamId ? sql`team_id = ${held.teamId}` : held.userId ? sql`user_id = ${held.userId}` : null;
  if (!holder) return null;
  const when = at.toISOString();
  return sql`
    update care_relationship set valid_to = ${when}::timestamptz, ended_by = ${endedBy}::uuid
    where place_id = ${placeId} and person_id = ${personId} and kind = ${held.kind} and ${holder}
      and (valid_to is null or valid_to > ${when}::timestamptz)`;
}
