/**
 * What hospital flow needs to know of other modules' records, in one place: people (id, zone,
 * date of birth) by id or NHS number, hospitals by ODS code, the hospital discharge team, the
 * zones. Read-only, and only through the people and partnership modules' own functions, so their
 * SQL stays in their modules.
 */
import type { Executor } from '../platform/db.js';
import { partnersByIds, partnersOfKind } from '../partnership/lookups.js';
import { practicesByIds, teamsOfKind } from '../partnership/directory.js';
import { zonesOfPlace as placeZones } from '../partnership/service.js';
import { peopleByIdOrNhsNumber } from '../people/service.js';

export type PersonFacts = { id: string; nhsNumber: string | null; birthDate: string; zoneId: string | null; mergedIntoId: string | null };

/** People by id or NHS number, with the zone of their GP practice (a merged record answers for its survivor's id). */
export async function peopleFacts(tx: Executor, placeId: string, ids: string[], nhsNumbers: string[]): Promise<PersonFacts[]> {
  if (ids.length === 0 && nhsNumbers.length === 0) return [];
  const people = await peopleByIdOrNhsNumber(tx, placeId, ids, nhsNumbers);
  const practices = await practicesByIds(tx, placeId, [...new Set(people.flatMap((p) => (p.gpPracticeId ? [p.gpPracticeId] : [])))]);
  return people.map((p) => ({
    id: p.id,
    nhsNumber: p.nhsNumber,
    birthDate: p.birthDate,
    zoneId: p.gpPracticeId ? (practices.get(p.gpPracticeId)?.zone?.id ?? null) : null,
    mergedIntoId: p.mergedIntoId,
  }));
}

export type Hospital = { id: string; name: string; odsCode: string | null; kind: string };

/** Partners that run hospitals (kind hospital or nhs_trust). */
export async function hospitalsOfPlace(tx: Executor, placeId: string): Promise<Hospital[]> {
  return (await partnersOfKind(tx, placeId, ['hospital', 'nhs_trust'])).map((p) => ({ id: p.id, name: p.name, odsCode: p.odsCode, kind: p.kind }));
}

/** The place's hospital discharge team, which works every stay while the person is in hospital. */
export async function dischargeTeamOf(tx: Executor, placeId: string): Promise<{ id: string; name: string } | null> {
  const [team] = await teamsOfKind(tx, placeId, 'hospital_discharge');
  return team ? { id: team.id, name: team.name } : null;
}

export type ZoneRef = { id: string; code: string; name: string };

/** The place's zones (the board and the measures filter by them). */
export async function zonesOfPlace(tx: Executor, placeId: string): Promise<ZoneRef[]> {
  return placeZones(tx, placeId);
}

/** The names of partners (the providers of the packages stays await), by id. */
export async function partnerNames(tx: Executor, placeId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map([...(await partnersByIds(tx, placeId, wanted))].map(([id, p]) => [id, p.name]));
}
