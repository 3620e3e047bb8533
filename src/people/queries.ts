import { and, eq, isNull, sql } from 'drizzle-orm';
import { inKeys, rowsOf, type Executor } from '../platform/db.js';
import { people, personAliases, personCarers, personContacts, personVersions } from './schema.js';

export type PersonRow = typeof people.$inferSelect;

export async function personById(tx: Executor, placeId: string, id: string): Promise<PersonRow | undefined> {
  const [row] = await tx.select().from(people).where(and(eq(people.placeId, placeId), eq(people.id, id)));
  return row;
}

export async function personByNhsNumber(tx: Executor, placeId: string, nhsNumber: string): Promise<PersonRow | undefined> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.placeId, placeId), eq(people.nhsNumber, nhsNumber), isNull(people.mergedIntoId)));
  return row;
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
export async function searchByName(tx: Executor, placeId: string, s: NameSearch): Promise<PersonRow[]> {
  const whole = s.fragments.join(' ');
  const conditions = [sql`p.place_id = ${placeId}`, sql`p.merged_into_id is null`];
  for (const f of s.fragments) conditions.push(sql`p.search_name like ${'%' + f + '%'}`);
  if (s.birthDate) conditions.push(sql`p.birth_date = ${s.birthDate}`);
  const wordStart = s.fragments.length
    ? sql.join(
        s.fragments.map((f) => sql`(case when (' ' || p.search_name) like ${'% ' + f + '%'} then 1 else 0 end)`),
        sql` + `,
      )
    : sql`0`;
  const similarity = whole ? sql`similarity(p.search_name, ${whole})` : sql`0`;
  const ids = await rowsOf<{ id: string }>(
    tx,
    sql`select p.id from person p
        where ${sql.join(conditions, sql` and `)}
        order by ${wordStart} desc, ${similarity} desc, p.family_name, p.given_name, p.birth_date, p.id
        limit ${s.limit}`,
  );
  return orderedPeople(tx, placeId, ids.map((r) => r.id));
}

/** When nothing contains the fragments, names that look alike (a typing slip: "Smiht"). */
export async function searchBySimilarName(tx: Executor, placeId: string, whole: string, birthDate: string | null, limit: number): Promise<PersonRow[]> {
  const dob = birthDate ? sql` and p.birth_date = ${birthDate}` : sql``;
  const ids = await rowsOf<{ id: string }>(
    tx,
    sql`select p.id from person p
        where p.place_id = ${placeId} and p.merged_into_id is null and p.search_name % ${whole}${dob}
        order by similarity(p.search_name, ${whole}) desc, p.family_name, p.given_name, p.id
        limit ${limit}`,
  );
  return orderedPeople(tx, placeId, ids.map((r) => r.id));
}

async function orderedPeople(tx: Executor, placeId: string, ids: string[]): Promise<PersonRow[]> {
  const rows = await peopleByIds(tx, placeId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PersonRow => r !== undefined);
}

/** Possible duplicates of a new record: the same date of birth and a similar name. */
export async function similarPeople(tx: Executor, placeId: string, searchName: string, birthDate: string): Promise<PersonRow[]> {
  const ids = await rowsOf<{ id: string }>(
    tx,
    sql`select p.id from person p
        where p.place_id = ${placeId} and p.merged_into_id is null and p.birth_date = ${birthDate}
          and similarity(p.search_name, ${searchName}) >= 0.3
        order by similarity(p.search_name, ${searchName}) desc
        limit 10`,
  );
  return orderedPeople(tx, placeId, ids.map((r) => r.id));
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

export async function carersOf(tx: Executor, placeId: string, personId: string) {
  return tx
    .select({
      personId: personCarers.carerPersonId,
      relationship: personCarers.relationship,
      mainCarer: personCarers.mainCarer,
      givenName: people.givenName,
      familyName: people.familyName,
    })
    .from(personCarers)
    .innerJoin(people, and(eq(people.placeId, personCarers.placeId), eq(people.id, personCarers.carerPersonId)))
    .where(and(eq(personCarers.placeId, placeId), eq(personCarers.personId, personId)));
}

export async function caredForBy(tx: Executor, placeId: string, carerId: string) {
  return tx
    .select({ personId: personCarers.personId, relationship: personCarers.relationship, givenName: people.givenName, familyName: people.familyName })
    .from(personCarers)
    .innerJoin(people, and(eq(people.placeId, personCarers.placeId), eq(people.id, personCarers.personId)))
    .where(and(eq(personCarers.placeId, placeId), eq(personCarers.carerPersonId, carerId)));
}

export async function contactsOf(tx: Executor, placeId: string, personId: string) {
  return tx
    .select()
    .from(personContacts)
    .where(and(eq(personContacts.placeId, placeId), eq(personContacts.personId, personId)))
    .orderBy(personContacts.name);
}

export async function aliasesOf(tx: Executor, placeId: string, personId: string) {
  return tx
    .select()
    .from(personAliases)
    .where(and(eq(personAliases.placeId, placeId), eq(personAliases.personId, personId)))
    .orderBy(personAliases.mergedAt);
}

export async function insertAlias(tx: Executor, row: typeof personAliases.$inferInsert): Promise<void> {
  await tx.insert(personAliases).values(row);
}

/** A merged record's carers, contacts and aliases move to the record it was merged into. */
export async function moveLinkedRecords(tx: Executor, placeId: string, fromId: string, toId: string): Promise<void> {
  await tx.execute(sql`
    insert into person_carer (place_id, person_id, carer_person_id, relationship, main_carer, since)
    select place_id, ${toId}, carer_person_id, relationship, main_carer, since from person_carer
    where place_id = ${placeId} and person_id = ${fromId} and carer_person_id <> ${toId}
    on conflict do nothing`);
  await tx.execute(sql`
    insert into person_carer (place_id, person_id, carer_person_id, relationship, main_carer, since)
    select place_id, person_id, ${toId}, relationship, main_carer, since from person_carer
    where place_id = ${placeId} and carer_person_id = ${fromId} and person_id <> ${toId}
    on conflict do nothing`);
  await tx.execute(sql`delete from person_carer where place_id = ${placeId} and (person_id = ${fromId} or carer_person_id = ${fromId})`);
  await tx.update(personContacts).set({ personId: toId }).where(and(eq(personContacts.placeId, placeId), eq(personContacts.personId, fromId)));
  await tx.update(personAliases).set({ personId: toId }).where(and(eq(personAliases.placeId, placeId), eq(personAliases.personId, fromId)));
}
