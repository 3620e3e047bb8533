import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, sql, type Database } from './db.js';
import { testDatabase } from '../../tests/support/test-db.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

type Constraint = { table: string; name: string; type: string; columns: string[] };

/**
 * The multi-tenant rule (DESIGN.md): every table has place_id, and every primary key, unique
 * constraint and foreign key leads with it, so the schema can be distributed by place.
 */
describe('the place-key rule', () => {
  it('holds for every table, key and foreign key', async () => {
    const tables = await rowsOf<{ table: string }>(
      database.db,
      sql`select table_name as "table" from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const withoutPlace = await rowsOf<{ table: string }>(
      database.db,
      sql`select t.table_name as "table" from information_schema.tables t
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and not exists (select 1 from information_schema.columns c
                            where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'place_id')`,
    );
    expect(withoutPlace).toEqual([]);
    const constraints = await rowsOf<Constraint>(
      database.db,
      sql`select rel.relname as "table", con.conname as name, con.contype::text as type,
                 array(select att.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
                       join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum order by k.ord) as columns
          from pg_constraint con join pg_class rel on rel.oid = con.conrelid join pg_namespace ns on ns.oid = rel.relnamespace
          where ns.nspname = 'public' and con.contype in ('p', 'u', 'f')`,
    );
    // The place table is the directory of tenants (a reference table when distributed): its
    // preset name is unique across places.
    const breaking = constraints
      .filter((c) => c.columns[0] !== 'place_id' && !(c.table === 'place' && c.name === 'place_preset_unique')).map((c) => `${c.table}.${c.name} (${c.columns.join(', ')})`);
    expect(breaking).toEqual([]);
    const uniqueIndexes = await rowsOf<{ name: string; def: string }>(
      database.db,
      sql`select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and indexdef like 'CREATE UNIQUE INDEX%'`,
    );
    expect(uniqueIndexes.filter((i) => !/\(place_id[,)]/.test(i.def) && i.name !== 'place_preset_unique').map((i) => i.name)).toEqual([]);
  });
});
