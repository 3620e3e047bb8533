/**
 * What hospital flow needs to know of other modules' records, in one place: people (id, zone,
 * date of birth) by id or NHS number, hospitals by ODS code, the hospital discharge team. These
 * are read-only look-ups; when the people and partnership services offer batch look-ups of their
 * own (main's matchPerson, teamsOfKind) this file is where to switch to them.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { partners, teams, zones } from '../partnership/schema.js';
import { people } from '../people/schema.js';

export type PersonFacts = { id: string; nhsNumber: string | null; birthDate: string; zoneId: string | null; mergedIntoId: string | null };

/** People by id or NHS number, with the zone of their GP practice (a merged record answers for its survivor's id). */
export async function peopleFacts(tx: Executor, placeId: string, ids: string[], nhsNumbers: string[]): Promise<PersonFacts[]> {
  if (ids.length === 0 && nhsNumbers.length === 0) return [];
  const where = [];
  if (ids.length) where.push(inArray(people.id, [...new Set(ids)]));
  if (nhsNumbers.length) where.push(inArray(people.nhsNumber, [...new Set(nhsNumbers)]));
  const rows = await tx
    .select({ id: people.id, nhsNumber: people.nhsNumber, birthDate: people.birthDate, zoneId: partners.zoneId, mergedIntoId: people.mergedIntoId })
    .from(people)
    .leftJoin(partners, and(eq(partners.placeId, people.placeId), eq(partners.id, people.gpPracticeId)))
    .where(and(eq(people.placeId, placeId), or(...where)));
  return rows.map((r) => ({ ...r, birthDate: String(r.birthDate) }));
}

export type Hospital = { id: string; name: string; odsCode: string | null; kind: string };

/** Partners that run hospitals (kind hospital or nhs_trust), by ODS code and by id. */
export async function hospitalsOfPlace(tx: Executor, placeId: string): Promise<Hospital[]> {
  return tx
    .select({ id: partners.id, name: partners.name, odsCode: partners.odsCode, kind: partners.kind })
    .from(partners)
    .where(and(eq(partners.placeId, placeId), inArray(partners.kind, ['hospital', 'nhs_trust'])));
}

/** The place's hospital discharge team, which works every stay while the person is in hospital. */
export async function dischargeTeamOf(tx: Executor, placeId: string): Promise<{ id: string; name: string } | null> {
  const [row] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.placeId, placeId), eq(teams.kind, 'hospital_discharge')))
    .orderBy(teams.code)
    .limit(1);
  return row ?? null;
}

export type ZoneRef = { id: string; code: string; name: string };

/** The place's zones (the board and the measures filter by them). */
export async function zonesOfPlace(tx: Executor, placeId: string): Promise<ZoneRef[]> {
  return tx.select({ id: zones.id, code: zones.code, name: zones.name }).from(zones).where(eq(zones.placeId, placeId)).orderBy(zones.code);
}
