import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../tests/support/test-db.js';
import { partners } from '../partnership/schema.js';
import { people } from '../people/schema.js';
import { builtOnce } from './built-once.js';
import type { Database, Executor } from './db.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** A person with their GP practice (a left join: someone with no practice has none). */
const withPractice = (db: Executor) =>
  db
    .select({ id: people.id, familyName: people.familyName, birthDate: people.birthDate, updatedAt: people.updatedAt, practice: { id: partners.id, name: partners.name } })
    .from(people)
    .leftJoin(partners, and(eq(partners.placeId, people.placeId), eq(partners.id, people.gpPracticeId)));

const personWithPractice = builtOnce((db) => withPractice(db).where(eq(people.id, sql.placeholder('id'))));

const renamed = builtOnce((db) =>
  db
    .update(people)
    // Placeholders set into columns take each column's encoder (a Date for a timestamp; null for none).
    .set({ familyName: sql.placeholder('familyName'), deathDate: sql.placeholder('deathDate'), updatedAt: sql.placeholder('updatedAt'), version: sql`${people.version} + 1` } as never)
    .where(eq(people.id, sql.placeholder('id')))
    .returning({ familyName: people.familyName, deathDate: people.deathDate, updatedAt: people.updatedAt, version: people.version }),
);

describe('a query built once and run again', () => {
  it('answers each call for its own values, exactly as the query built each time, a missing practice as null', async () => {
    const [first, second] = await withPractice(database.db).where(isNotNull(people.gpPracticeId)).orderBy(asc(people.id)).limit(2);
    for (const person of [first!, second!]) {
      expect(person.practice).not.toBeNull();
      const [again] = await personWithPractice(database.db, { id: person.id });
      expect(again).toEqual(person);
      expect(again!.updatedAt).toBeInstanceOf(Date);
    }
    expect(await personWithPractice(database.db, { id: '00000000-0000-7000-8000-000000000000' })).toEqual([]);
    // Someone with no GP practice: the left join's empty side is null, not an object of nulls.
    const undo = new Error('undo');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(people).set({ gpPracticeId: null }).where(eq(people.id, first!.id));
        const [built] = await withPractice(tx).where(eq(people.id, first!.id));
        expect(built!.practice).toBeNull();
        expect(await personWithPractice(tx, { id: first!.id })).toEqual([built]);
        throw undo;
      }),
    ).rejects.toBe(undo);
  });

  it('runs on the connection of the transaction it is given, so it sees and undoes that transaction’s writes', async () => {
    const [person] = await withPractice(database.db).orderBy(asc(people.id)).limit(1);
    const [before] = await database.db.select({ familyName: people.familyName, version: people.version }).from(people).where(eq(people.id, person!.id));
    const undo = new Error('undo');
    await expect(
      database.db.transaction(async (tx) => {
        const at = new Date('2026-01-02T03:04:05.000Z');
        const [changed] = await renamed(tx, { id: person!.id, familyName: 'Changedname', deathDate: null, updatedAt: at });
        expect(changed).toEqual({ familyName: 'Changedname', deathDate: null, updatedAt: at, version: before!.version + 1 });
        expect((await personWithPractice(tx, { id: person!.id }))[0]!.familyName).toBe('Changedname');
        throw undo;
      }),
    ).rejects.toBe(undo);
    expect((await personWithPractice(database.db, { id: person!.id }))[0]!.familyName).toBe(before!.familyName);
  });
});
