import { and, eq, isNull, sql } from 'drizzle-orm';
import { inKeys, rowsOf, type Executor } from '../platform/db.js';
import { holdsRelationshipWith, viewerValues } from '../access/relationships.js';
import { practiceColumns, practiceRefOf, type PracticeRef } from '../partnership/directory.js';
import { partners, zones } from '../partnership/schema.js';
import { people, personAliases, personContacts, personVersions } from './schema.js';
import { builtOnce } from '../platform/built-once.js';

export type PersonRow = typeof people.$inferSelect;
/**
 * A person found by a search, with their GP practice and its zone read in the same statement, and
 * whether the viewer holds a relationship with them now (null when no viewer was given).
 */
export type FoundPerson = PersonRow & { practice: PracticeRef | undefined; related: boolean | null };
/** Who is looking, for the search list's relationship mark. */
export type Viewer = { userId: string; teamIds: string[]; at: Date };

/** With a viewer, the relationship mark reads the viewer's placeholders: run it with `valuesOf(viewer)`. */
function selectFound(tx: Executor, withViewer: boolean) {
  return tx
    .select({
      person: people,
      ...practiceColumns,
      related: withViewer ? holdsRelationshipWith(tx, people.placeId, people.id) : sql<boolean | null>`null`,
    })
    .from(people)
    .leftJoin(partners, and(eq(partners.placeId, people.placeId), eq(partners.id, people.gpPracticeId)))
    .leftJoin(zones, and(eq(zones.placeId, partners.placeId), eq(zones.id, partners.zoneId)));
}

const valuesOf = (viewer?: Viewer) => (viewer ? viewerValues(viewer, viewer.at) : {});

const found = (rows: ({ person: PersonRow; related: boolean | null } & Parameters<typeof practiceRefOf>[0])[]): FoundPerson[] =>
  rows.map((r) => ({ ...r.person, practice: practiceRefOf(r), related: r.related }));

export async function personById(tx: Executor, placeId: string, id: string): Promise<PersonRow | undefined> {
  const [row] = await personByIdQuery(tx, { placeId, id });
  return row;
}

// Read before every step on a person's record (the access policy's view of them): built once.
const personByIdQuery = builtOnce((db) =>
  db
    .select()
    .from(people)
    .where(and(eq(people.placeId, sql.placeholder('placeId')), eq(people.id, sql.placeholder('id')))),
);

export async function personByNhsNumber(tx: Executor, placeId: string, nhsNumber: string, viewer?: Viewer): Promise<FoundPerson | undefined> {
  const query = viewer ? byNhsNumberSeen : byNhsNumber;
  return found(await query(tx, { placeId, nhsNumber, ...valuesOf(viewer) }))[0];
}

export async function foundById(tx: Executor, placeId: string, id: string): Promise<FoundPerson | undefined> {
  return found(await foundByIdQuery(tx, { placeId, id }))[0];
}

// The front door's look-ups, built once (src/platform/built-once.ts): by NHS number (with the
// viewer's relationship mark, or without) and by id.
const byNhsNumberWhere = and(eq(people.placeId, sql.placeholder('placeId')), eq(people.nhsNumber, sql.placeholder('nhsNumber')), isNull(people.mergedIntoId));
const byNhsNumberSeen = builtOnce((db) => selectFound(db, true).where(byNhsNumberWhere));
const byNhsNumber = builtOnce((db) => selectFound(db, false).where(byNhsNumberWhere));
const foundByIdQuery = builtOnce((db) => selectFound(db, false).where(and(eq(people.placeId, sql.placeholder('placeId')), eq(people.id, sql.placeholder('id')))));

/** People by id with their practices, in the order of the ids (missing ids left out). */
export async function foundByIds(tx: Executor, placeId: string, ids: string[], viewer?: Viewer): Promise<FoundPerson[]> {
  if (ids.length === 0) return [];
  const rows = await selectFound(tx, viewer !== undefined)
    .where(and(eq(people.placeId, placeId), inKeys(people.id, ids, 'uuid')))
    .execute(valuesOf(viewer));
  const byId = new Map(found(rows).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function peopleByIds(tx: Executor, placeId: string, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  // One array parameter: a list of a team's thousand ids as a thousand parameters costs more than the query.
  return tx.select().from(people).where(and(eq(people.placeId, placeId), inKeys(people.id, ids, 'uuid')));
}

/** Names only, for lists (a caseload of hundreds) that already passed the policy. */
export async function namesByIds(tx: Executor, placeId: string, ids: string[]): Promise<{ id: string; givenName: string; familyName: string }[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ id: people.id, givenName: people.givenName, familyName: people.familyName })
    .from(people)
    .where(and(eq(people.placeId, placeId), inKeys(people.id, ids, 'uuid')));
}

/**
 * Records by id (merged ones too, so the caller can follow them to their survivor) or by NHS
 * number (only records still in use), in one statement for a batch: array parameters rather
 * than lists of thousands of parameters.
 */
export async function peopleByIdsOrNhsNumbers(tx: Executor, placeId: string, ids: string[], nhsNumbers: string[]) {
  if (ids.length === 0 && nhsNumbers.length === 0) return [];
  return rowsOf<{ id: string; nhs_number: string | null; birth_date: string; gp_practice_id: string | null; merged_into_id: string | null }>(
    tx,
    sql`select id, nhs_number, birth_date::text as birth_date, gp_practice_id, merged_into_id from person
        where place_id = ${placeId} and ${inKeys(sql.raw('id'), ids, 'uuid')}
        union all
        select id, nhs_number, birth_date::text, gp_practice_id, merged_into_id from person
        where place_id = ${placeId} and merged_into_id is null and ${inKeys(sql.raw('nhs_number'), nhsNumbers, 'text')}`,
  );
}

export type NameSearch = { fragments: string[]; birthDate: string | null; limit: number };

/**
 * Name fragments (each must appear in one of the person's names) and/or a date of birth.
 * Ranked: a fragment at the start of a name first, then trigram similarity to the whole query.
 */
export async function searchByName(tx: Executor, placeId: string, s: NameSearch, viewer?: Viewer): Promise<FoundPerson[]> {
  const whole = s.fragments.join(' ');
  const conditions = [eq(people.placeId, placeId), isNull(people.mergedIntoId)];
  for (const f of s.fragments) conditions.push(sql`${people.searchName} like ${'%' + f + '%'}`);
  if (s.birthDate) conditions.push(sql`${people.birthDate} = ${s.birthDate}`);
  const wordStart = s.fragments.length
    ? sql.join(
        s.fragments.map((f) => sql`(case when (' ' || ${people.searchName}) like ${'% ' + f + '%'} then 1 else 0 end)`),
        sql` + `,
      )
    : sql`0`;
  const similarity = whole ? sql`similarity(${people.searchName}, ${whole})` : sql`0`;
  const rows = await selectFound(tx, viewer !== undefined)
    .where(and(...conditions))
    .orderBy(sql`${wordStart} desc`, sql`${similarity} desc`, people.familyName, people.givenName, people.birthDate, people.id)
    .limit(s.limit)
    .execute(valuesOf(viewer));
  return found(rows);
}

/** When nothing contains the fragments, names that look alike (a typing slip: "Smiht"). */
export async function searchBySimilarName(tx: Executor, placeId: string, whole: string, birthDate: string | null, limit: number, viewer?: Viewer): Promise<FoundPerson[]> {
  const rows = await selectFound(tx, viewer !== undefined)
    .where(and(eq(people.placeId, placeId), isNull(people.mergedIntoId), sql`${people.searchName} % ${whole}`, birthDate ? eq(people.birthDate, birthDate) : undefined))
    .orderBy(sql`similarity(${people.searchName}, ${whole}) desc`, people.familyName, people.givenName, people.id)
    .limit(limit)
    .execute(valuesOf(viewer));
  return found(rows);
}

/** Possible duplicates of a new record: the same date of birth and a similar name. */
export async function similarPeople(tx: Executor, placeId: string, searchName: string, birthDate: string): Promise<FoundPerson[]> {
  const rows = await selectFound(tx, false)
    .where(and(eq(people.placeId, placeId), isNull(people.mergedIntoId), eq(people.birthDate, birthDate), sql`similarity(${people.searchName}, ${searchName}) >= 0.3`))
    .orderBy(sql`similarity(${people.searchName}, ${searchName}) desc`)
    .limit(10);
  return found(rows);
}

export async function insertPerson(tx: Executor, row: typeof people.$inferInsert): Promise<void> {
  await tx.insert(people).values(row);
}

/** Update only if the stored version is the one the user saw; null when it was not. */
export async function updatePersonAtVersion(
  tx: Executor,
  placeId: string,
  id: string,
  version: number,
  changes: Partial<typeof people.$inferInsert>,
  at: Date,
): Promise<PersonRow | null> {
  const [row] = await tx
    .update(people)
    .set({ ...changes, version: version + 1, updatedAt: at })
    .where(and(eq(people.placeId, placeId), eq(people.id, id), eq(people.version, version)))
    .returning();
  return row ?? null;
}

export async function insertVersion(tx: Executor, row: PersonRow, changedBy: string | null, change: string, at: Date): Promise<void> {
  const { searchName: _searchName, ...data } = row;
  await tx.insert(personVersions).values({
    placeId: row.placeId,
    personId: row.id,
    version: row.version,
    data,
    changedBy,
    changedAt: at,
    change,
  });
}

export async function versionsOf(tx: Executor, placeId: string, personId: string) {
  return tx
    .select({ version: personVersions.version, changedBy: personVersions.changedBy, changedAt: personVersions.changedAt, change: personVersions.change })
    .from(personVersions)
    .where(and(eq(personVersions.placeId, placeId), eq(personVersions.personId, personId)))
    .orderBy(personVersions.version);
}

type CarerPart = { id: string; personId: string; name: string; relationship: string; livesWith: boolean; mainCarer: boolean; validFrom: string };

export type RecordParts = {
  carers: CarerPart[];
  caresFor: CarerPart[];
  contacts: { id: string; name: string; relationship: string; phone: string; nextOfKin: boolean; powerOfAttorney: boolean }[];
  aliases: { personId: string; givenName: string; familyName: string; nhsNumber: string | null; mergedAt: string }[];
};

/** A carer relationship of a record, current on the day (started, not yet ended), as JSON for recordParts. */
const carerPart = (other: 'carer_person_id' | 'person_id') =>
  sql.raw(`json_build_object('id', c.id, 'personId', c.${other}, 'name', p.given_name || ' ' || p.family_name, 'relationship', c.relationship,
                             'livesWith', c.lives_with, 'mainCarer', c.main_carer, 'validFrom', c.valid_from::text)
           order by c.main_carer desc, p.family_name, p.given_name`);

/**
 * A record's carers, the people it cares for, its contacts and the records merged into it, in one
 * statement (opening a record is the commonest read of all; four round trips were most of it).
 * Carer relationships are those current today; ended ones are listed by GET /api/people/{id}/carers.
 */
export async function recordParts(tx: Executor, placeId: string, personId: string, today: string): Promise<RecordParts> {
  const [row] = await rowsOf<RecordParts>(
    tx,
    sql`select
          coalesce((select json_agg(${carerPart('carer_person_id')})
                    from person_carer c join person p on p.place_id = c.place_id and p.id = c.carer_person_id
                    where c.place_id = ${placeId} and c.person_id = ${personId}
                      and c.valid_from <= ${today}::date and (c.valid_to is null or c.valid_to > ${today}::date)), '[]'::json) as "carers",
          coalesce((select json_agg(${carerPart('person_id')})
                    from person_carer c join person p on p.place_id = c.place_id and p.id = c.person_id
                    where c.place_id = ${placeId} and c.carer_person_id = ${personId}
                      and c.valid_from <= ${today}::date and (c.valid_to is null or c.valid_to > ${today}::date)), '[]'::json) as "caresFor",
          coalesce((select json_agg(json_build_object('id', k.id, 'name', k.name, 'relationship', k.relationship, 'phone', k.phone,
                                                      'nextOfKin', k.next_of_kin, 'powerOfAttorney', k.power_of_attorney) order by k.name)
                    from person_contact k
                    where k.place_id = ${placeId} and k.person_id = ${personId}), '[]'::json) as "contacts",
          coalesce((select json_agg(json_build_object('personId', a.alias_person_id, 'givenName', a.given_name, 'familyName', a.family_name,
                                                      'nhsNumber', a.nhs_number,
                                                      'mergedAt', to_char(a.merged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by a.merged_at)
                    from person_alias a
                    where a.place_id = ${placeId} and a.person_id = ${personId}), '[]'::json) as "aliases"`,
  );
  return row!;
}

export async function insertAlias(tx: Executor, row: typeof personAliases.$inferInsert): Promise<void> {
  await tx.insert(personAliases).values(row);
}

/**
 * A merged record's carers, contacts and aliases move to the record it was merged into. A carer
 * relationship that would repeat one the survivor already has open, or make the survivor their own
 * carer, stays with the merged record (its history, reached through the alias): nothing is deleted.
 */
export async function moveLinkedRecords(tx: Executor, placeId: string, fromId: string, toId: string): Promise<void> {
  await tx.execute(sql`
    update person_carer c set person_id = ${toId}
    where c.place_id = ${placeId} and c.person_id = ${fromId} and c.carer_person_id <> ${toId}
      and (c.valid_to is not null or not exists (select 1 from person_carer o where o.place_id = c.place_id and o.person_id = ${toId}
                                                  and o.carer_person_id = c.carer_person_id and o.valid_to is null))`);
  await tx.execute(sql`
    update person_carer c set carer_person_id = ${toId}
    where c.place_id = ${placeId} and c.carer_person_id = ${fromId} and c.person_id <> ${toId}
      and (c.valid_to is not null or not exists (select 1 from person_carer o where o.place_id = c.place_id and o.carer_person_id = ${toId}
                                                  and o.person_id = c.person_id and o.valid_to is null))`);
  await tx.update(personContacts).set({ personId: toId }).where(and(eq(personContacts.placeId, placeId), eq(personContacts.personId, fromId)));
  await tx.update(personAliases).set({ personId: toId }).where(and(eq(personAliases.placeId, placeId), eq(personAliases.personId, fromId)));
}
