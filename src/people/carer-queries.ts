import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { people, personCarers } from './schema.js';

export type CarerRow = typeof personCarers.$inferSelect;

export async function insertCarer(tx: Executor, row: typeof personCarers.$inferInsert): Promise<CarerRow> {
  const [saved] = await tx.insert(personCarers).values(row).returning();
  return saved!;
}

export async function carerById(tx: Executor, placeId: string, id: string, lock = false): Promise<CarerRow | undefined> {
  const q = tx.select().from(personCarers).where(and(eq(personCarers.placeId, placeId), eq(personCarers.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The open relationship of this carer with this person, if there is one. */
export async function openCarerOf(tx: Executor, placeId: string, personId: string, carerPersonId: string): Promise<CarerRow | undefined> {
  const [row] = await tx
    .select()
    .from(personCarers)
    .where(and(eq(personCarers.placeId, placeId), eq(personCarers.personId, personId), eq(personCarers.carerPersonId, carerPersonId), isNull(personCarers.validTo)));
  return row;
}

/** Ends an open relationship; null when it was ended a moment ago. */
export async function endCarer(tx: Executor, placeId: string, id: string, end: { validTo: string; endReason: string; endedBy: string; endedAt: Date }): Promise<CarerRow | null> {
  const [row] = await tx
    .update(personCarers)
    .set(end)
    .where(and(eq(personCarers.placeId, placeId), eq(personCarers.id, id), isNull(personCarers.validTo)))
    .returning();
  return row ?? null;
}

export type CarerListRow = CarerRow & { carerName: string; caredForName: string };

const carerPerson = alias(people, 'carer_person');
const caredForPerson = alias(people, 'cared_for_person');

/** Every carer relationship a person is in, either side, ended ones too: open first, then newest. */
export async function carerRelationshipsOf(tx: Executor, placeId: string, personId: string): Promise<CarerListRow[]> {
  const rows = await tx
    .select({
      row: personCarers,
      carerName: sql<string>`${carerPerson.givenName} || ' ' || ${carerPerson.familyName}`,
      caredForName: sql<string>`${caredForPerson.givenName} || ' ' || ${caredForPerson.familyName}`,
    })
    .from(personCarers)
    .innerJoin(carerPerson, and(eq(carerPerson.placeId, personCarers.placeId), eq(carerPerson.id, personCarers.carerPersonId)))
    .innerJoin(caredForPerson, and(eq(caredForPerson.placeId, personCarers.placeId), eq(caredForPerson.id, personCarers.personId)))
    .where(and(eq(personCarers.placeId, placeId), or(eq(personCarers.personId, personId), eq(personCarers.carerPersonId, personId))))
    .orderBy(sql`${personCarers.validTo} is not null`, desc(personCarers.validFrom), personCarers.id);
  return rows.map((r) => ({ ...r.row, carerName: r.carerName, caredForName: r.caredForName }));
}

/** The people a carer looks after now (open relationships), for a carer's assessment's CLD fields. */
export async function caredForNow(tx: Executor, placeId: string, carerPersonId: string, on: string): Promise<{ personId: string; mainCarer: boolean }[]> {
  return rowsOf<{ personId: string; mainCarer: boolean }>(
    tx,
    sql`select person_id as "personId", main_carer as "mainCarer" from person_carer
        where place_id = ${placeId} and carer_person_id = ${carerPersonId} and valid_from <= ${on}::date and (valid_to is null or valid_to > ${on}::date)
        order by main_carer desc, valid_from, person_id`,
  );
}
