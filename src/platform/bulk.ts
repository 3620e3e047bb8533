/**
 * Many rows in one statement as one JSON parameter, an array of rows each an array of values:
 * building a multi-row VALUES list of tens of thousands of parameters costs more than the
 * database's own work, and the feed writes thousands of rows a chunk. Arrays rather than objects
 * keyed by column name are smaller to send, and PostgreSQL takes them apart in about half the time
 * jsonb_to_recordset needs for the same rows. The same SQL runs on PGlite and PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** `instant`: a timestamp column whose values are Dates (they travel as milliseconds since 1970). */
type Column = { key: string; name: string; type: string; instant: boolean };
type Shape = { names: SQL; values: SQL; toArray: (row: Record<string, unknown>, value: (v: unknown) => unknown) => unknown[] };
const columnsOf = new WeakMap<PgTable, Column[]>();
/** Shapes by table and by which columns the rows share. */
const shapes = new WeakMap<PgTable, Map<string, Shape>>();

/** How a value of the JSON array `from` at position i becomes a column of its type. */
function valueOf(from: string, i: number, col: Column): string {
  const type = col.type;
  // Exact to the millisecond: a float8 holds these integers exactly, and to_timestamp rounds to the microsecond.
  if (col.instant) return `to_timestamp((${from}->>${i})::float8 / 1000)`;
  if (type === 'jsonb' || type === 'json') return `nullif(${from}->${i}, 'null'::jsonb)::${type}`;
  if (type.endsWith('[]')) return `case when jsonb_typeof(${from}->${i}) = 'array' then array(select jsonb_array_elements_text(${from}->${i}))::${type} end`;
  return `(${from}->>${i})::${type}`;
}

function tableColumns(table: PgTable): Column[] {
  let found = columnsOf.get(table);
  if (!found) {
    found = (Object.entries(getTableColumns(table)) as [string, { name: string; columnType: string; getSQLType(): string }][]).map(([key, c]) => {
      const type = c.getSQLType();
      // Only with a time zone: to_timestamp gives an instant, which a column without one would read in the session's zone.
      return { key, name: c.name, type, instant: c.columnType === 'PgTimestamp' && type === 'timestamp with time zone' };
    });
    columnsOf.set(table, found);
  }
  return found;
}

/**
 * How rows go to the table when the columns marked in `shared` hold the same value in every row:
 * those travel once (in the array `c`), the others in each row's array (`x`).
 */
function shapeOf(table: PgTable, shared: boolean[]): Shape {
  const key = shared.map((b) => (b ? '1' : '0')).join('');
  let byTable = shapes.get(table);
  if (!byTable) shapes.set(table, (byTable = new Map()));
  let found = byTable.get(key);
  if (!found) {
    const columns = tableColumns(table);
    const own = columns.filter((_c, i) => !shared[i]);
    let x = 0;
    let c = 0;
    found = {
      // A function made for the columns (row => [value(row.a), value(row.b), …]): a loop over the
      // column names cost half as much again for the feed's hundreds of thousands of rows. The
      // keys come from the table's definition in code, never from input.
      toArray: new Function('row', 'value', `return [${own.map((col) => `value(row[${JSON.stringify(col.key)}])`).join(', ')}];`) as Shape['toArray'],
      names: sql.raw(columns.map((col) => `"${col.name}"`).join(', ')),
      values: sql.raw(columns.map((col, i) => (shared[i] ? valueOf('c', c++, col) : valueOf('x', x++, col))).join(', ')),
    };
    byTable.set(key, found);
  }
  return found;
}

/**
 * A value as it travels in JSON: instants as milliseconds since 1970 (formatting them as ISO text
 * cost the feed more than the rest of its JSON, and the database reads a number faster than the
 * text too), missing values as null.
 */
const jsonValue = (v: unknown) => (v instanceof Date ? v.getTime() : v === undefined ? null : v);

const same = (a: unknown, b: unknown) => a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime()) || (a === undefined && b === null) || (a === null && b === undefined);

/**
 * The statement that inserts rows (drizzle's insert shape) into a table, or null for none;
 * `onConflict` is appended as written. Columns with one value in every row (the place, when the
 * rows were recorded and by whom) are sent once rather than in every row.
 */
export function insertAsJsonSql<T extends PgTable>(table: T, rows: T['$inferInsert'][], onConflict?: SQL): SQL | null {
  if (rows.length === 0) return null;
  const records = rows as Record<string, unknown>[];
  const first = records[0]!;
  const columns = tableColumns(table);
  // Objects (jsonb) differ by identity even when equal; a column of them travels in each row.
  const shared = columns.map((col) => {
    const v = first[col.key];
    if (rows.length === 1 || (v !== null && typeof v === 'object' && !(v instanceof Date))) return false;
    for (let i = 1; i < records.length; i++) if (!same(records[i]![col.key], v)) return false;
    return true;
  });
  const shape = shapeOf(table, shared);
  const value = jsonValue;
  const once = JSON.stringify(columns.filter((_c, i) => shared[i]).map((col) => value(first[col.key])));
  const json = JSON.stringify(records.map((r) => shape.toArray(r, value)));
  return sql`insert into ${sql.identifier(getTableName(table))} (${shape.names}) select ${shape.values} from jsonb_array_elements(${json}::jsonb) as x, (select ${once}::jsonb as c) as k ${onConflict ?? sql``}`;
}

/**
 * Several writes as one statement, each a data-modifying WITH query: one round trip, and the
 * database runs them back to back with nothing to wait for in between. They must not write the
 * same rows; foreign keys are checked at the end of the statement, so a row may refer to a row
 * written alongside it.
 */
export function asOneStatement(statements: (SQL | null)[]): SQL | null {
  const parts = statements.filter((x): x is SQL => x !== null);
  if (parts.length <= 1) return parts[0] ?? null;
  return sql`with ${sql.join(
    parts.map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`),
    sql`, `,
  )} select 1`;
}
