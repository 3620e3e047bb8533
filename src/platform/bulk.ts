/**
 * Many rows in one statement as one JSON parameter, an array of rows each an array of values:
 * building a multi-row VALUES list of tens of thousands of parameters costs more than the
 * database's own work, and the feed writes thousands of rows a chunk. Arrays rather than objects
 * keyed by column name are smaller to send, and PostgreSQL takes them apart in about half the time
 * jsonb_to_recordset needs for the same rows. The same SQL runs on PGlite and PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './db.js';

type Shape = { names: SQL; values: SQL; toArray: (row: Record<string, unknown>, value: (v: unknown) => unknown) => unknown[] };
const shapes = new WeakMap<PgTable, Shape>();

/** How the value at position i of a row array becomes a column of its type. */
function valueOf(i: number, type: string): string {
  if (type === 'jsonb' || type === 'json') return `nullif(x->${i}, 'null'::jsonb)::${type}`;
  if (type.endsWith('[]')) return `case when jsonb_typeof(x->${i}) = 'array' then array(select jsonb_array_elements_text(x->${i}))::${type} end`;
  return `(x->>${i})::${type}`;
}

function shapeOf(table: PgTable): Shape {
  let found = shapes.get(table);
  if (!found) {
    const columns = Object.entries(getTableColumns(table)) as [string, { name: string; getSQLType(): string }][];
    found = {
      // A function made for the table's columns (row => [value(row.a), value(row.b), …]): a loop
      // over the column names cost half as much again for the feed's hundreds of thousands of rows.
      // The keys come from the table's definition in code, never from input.
      toArray: new Function('row', 'value', `return [${columns.map(([key]) => `value(row[${JSON.stringify(key)}])`).join(', ')}];`) as Shape['toArray'],
      names: sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', ')),
      values: sql.raw(columns.map(([, c], i) => valueOf(i, c.getSQLType())).join(', ')),
    };
    shapes.set(table, found);
  }
  return found;
}

/** The rows as one JSON array of arrays in the table's column order: instants as ISO strings, missing values as null. */
function rowsAsJson(shape: Shape, rows: Record<string, unknown>[]): string {
  // Rows written together share instants (when they were recorded): format each once.
  let lastDate: Date | null = null;
  let lastIso = '';
  const value = (v: unknown) => {
    if (v instanceof Date) {
      if (v !== lastDate) {
        lastDate = v;
        lastIso = v.toISOString();
      }
      return lastIso;
    }
    return v === undefined ? null : v;
  };
  return JSON.stringify(rows.map((r) => shape.toArray(r, value)));
}

/** The statement that inserts rows (drizzle's insert shape) into a table, or null for none; `onConflict` is appended as written. */
export function insertAsJsonSql<T extends PgTable>(table: T, rows: T['$inferInsert'][], onConflict?: SQL): SQL | null {
  if (rows.length === 0) return null;
  const shape = shapeOf(table);
  const json = rowsAsJson(shape, rows as Record<string, unknown>[]);
  return sql`insert into ${sql.identifier(getTableName(table))} (${shape.names}) select ${shape.values} from jsonb_array_elements(${json}::jsonb) as x ${onConflict ?? sql``}`;
}

/** Inserts rows (drizzle's insert shape) into a table; `onConflict` is appended as written. */
export async function insertAsJson<T extends PgTable>(tx: Executor, table: T, rows: T['$inferInsert'][], onConflict?: SQL): Promise<void> {
  const statement = insertAsJsonSql(table, rows, onConflict);
  if (statement) await tx.execute(statement);
}

/**
 * Runs statements one after another in the transaction, building each while the one before runs
 * in the database: with one connection the statements cannot overlap, but Node's work on the
 * next one (thousands of rows as JSON) and the database's on this one can.
 */
export async function runInTurn(tx: Executor, builders: (() => SQL | null)[]): Promise<void> {
  let running: Promise<unknown> | null = null;
  for (const build of builders) {
    const statement = build();
    if (running) await running;
    // then() starts the query at once (drizzle's queries are lazy).
    running = statement ? tx.execute(statement).then(() => undefined) : null;
  }
  if (running) await running;
}
