/**
 * Queries built once. Drizzle turns a query builder into SQL text on every call, and on the
 * busiest paths (the front door's steps, the register's look-ups) that building cost more of
 * Node's CPU than sending the query and reading its answer (docs/performance.md). A query
 * written with `builtOnce` takes its changing values as placeholders (`sql.placeholder('name')`):
 * it is built the first time it runs, and every later call fills in its values and runs the same
 * text on whatever executor it is given (the pool, a transaction's connection or PGlite), its rows
 * mapped as Drizzle maps them. Drizzle's own `.prepare()` cannot do this: it binds the query to
 * the executor it was prepared on, so it could not run inside each request's transaction.
 */
import * as drizzle from 'drizzle-orm';
import type { Query } from 'drizzle-orm';
import type { PgSession, SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import type { Executor } from './db.js';

/** What a Drizzle select, insert or update builder holds once it has been written (internals, pinned by the tests). */
type Builder = {
  toSQL(): Query;
  config: { fields?: Record<string, unknown>; returning?: SelectedFieldsOrdered };
  joinsNotNullableMap?: Record<string, boolean>;
};

/** Drizzle's own ordering of a selection's fields (exported at run time, not typed). */
const orderSelectedFields = (drizzle as unknown as { orderSelectedFields: (fields: Record<string, unknown>) => SelectedFieldsOrdered }).orderSelectedFields;

type Built = { query: Query; fields: SelectedFieldsOrdered | undefined; joinsNotNullableMap: Record<string, boolean> | undefined };

/**
 * A placeholder compared with (or set into) a column takes that column's encoder, which Drizzle
 * calls on the value as given; null is passed through as null, as Drizzle does for a value
 * written into the query (a timestamp's encoder would fail on it).
 */
function nullSafe(param: unknown): unknown {
  if (!drizzle.is(param, drizzle.Param) || !drizzle.is(param.value, drizzle.Placeholder)) return param;
  const encoder = param.encoder;
  return new drizzle.Param(param.value, { mapToDriverValue: (v: unknown) => (v === null || v === undefined ? null : encoder.mapToDriverValue(v)) });
}

function capture(builder: Builder): Built {
  const { sql, params: given } = builder.toSQL();
  const params = given.map(nullSafe);
  const fields = builder.config.returning ?? (builder.config.fields ? orderSelectedFields(builder.config.fields) : undefined);
  return { query: { sql, params }, fields, joinsNotNullableMap: builder.joinsNotNullableMap };
}

/**
 * A query built on first use and run again with new values. `build` writes the query on the
 * executor it is given, with placeholders for every value that changes between calls; the
 * values are given to the function returned. The answer is what awaiting the builder gives.
 */
export function builtOnce<Values extends Record<string, unknown>, Q extends PromiseLike<unknown>>(
  build: (db: Executor) => Q,
): (db: Executor, values: Values) => Promise<Awaited<Q>> {
  let built: Built | undefined;
  return (db, values) => {
    built ??= capture(build(db) as unknown as Builder);
    const session = (db as unknown as { session: PgSession }).session;
    const prepared = session.prepareQuery(built.query, built.fields, undefined, built.fields !== undefined) as ReturnType<PgSession['prepareQuery']> & {
      joinsNotNullableMap?: Record<string, boolean>;
    };
    prepared.joinsNotNullableMap = built.joinsNotNullableMap;
    return prepared.execute(values) as Promise<Awaited<Q>>;
  };
}
