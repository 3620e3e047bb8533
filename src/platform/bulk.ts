/**
 * Many rows in one statement as one JSON parameter (jsonb_to_recordset): building a multi-row
 * VALUES list of tens of thousands of parameters costs more than the database's own work, and
 * the feed writes thousands of rows a chunk. The same SQL runs on PGlite and PostgreSQL.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './db.js';

function sqlType(column: { getSQLType(): string }): string {
  return column.getSQLType();
}

/** Inserts rows (drizzle's insert shape) into a table; `onConflict` is appended as written. */
export async function insertAsJson<T extends PgTable>(tx: Executor, table: T, rows: T['$inferInsert'][], onConflict?: SQL): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, { name: string; getSQLType(): string }][];
  const records = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [key, col] of columns) {
      const v = (r as Record<string, unknown>)[key];
      out[col.name] = v instanceof Date ? v.toISOString() : v === undefined ? null : v;
    }
    return out;
  });
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  const shape = sql.raw(columns.map(([, c]) => `"${c.name}" ${sqlType(c)}`).join(', '));
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${shape}) ${onConflict ?? sql``}`,
  );
}
