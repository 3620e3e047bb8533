/**
 * Statements a PostgreSQL connection runs again are prepared on it (decision 0008). The server
 * then parses and plans a statement once per connection rather than on every request: for the
 * register's look-up, whose joins cost more to plan than to run, that halves the database's time.
 * Which plan runs is PostgreSQL's plan cache's choice, as for any prepared statement: the first
 * five runs are planned for their parameters, then a plan made for any parameters is kept if it is
 * estimated to cost no more than those did.
 *
 * A statement is prepared the second time its text is seen on the connection; a connection keeps
 * at most PREPARED_PER_CONNECTION of them (later texts run unprepared) and remembers the texts it
 * has seen once in a bounded list, so statements whose text differs every time (lists of values
 * written out) cost only a place in that list. PGlite runs in this process and is left alone.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';

export const PREPARED_PER_CONNECTION = 500;
const SEEN_ONCE_PER_CONNECTION = 2000;
/** Shorter statements (begin, commit, select 1) gain nothing from it. */
const SHORTEST_PREPARED = 40;

type QueryConfig = { text: string; name?: string; values?: unknown[] };

function isQueryConfig(x: unknown): x is QueryConfig {
  return typeof x === 'object' && x !== null && typeof (x as QueryConfig).text === 'string' && typeof (x as { submit?: unknown }).submit !== 'function';
}

/** Makes the connection prepare the statements it runs again; returns the names it has prepared so far. */
export function prepareRepeatedStatements(client: pg.ClientBase): () => ReadonlyMap<string, string> {
  const seenOnce = new LRUCache<string, true>({ max: SEEN_ONCE_PER_CONNECTION });
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known || text.length < SHORTEST_PREPARED) return known;
    if (!seenOnce.has(text)) {
      seenOnce.set(text, true);
      return undefined;
    }
    if (names.size >= PREPARED_PER_CONNECTION) return undefined;
    seenOnce.delete(text);
    const name = `ct_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
    return name;
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Only statements sent with parameters: a text of several statements (a migration) cannot be
  // prepared, and is never sent with parameters.
  const withParameters = (values: unknown) => Array.isArray(values) && values.length > 0;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    if (isQueryConfig(config) && config.name === undefined && (withParameters(rest[0]) || withParameters(config.values))) {
      const name = nameOf(config.text);
      if (name) return query({ ...config, name }, ...rest);
    } else if (typeof config === 'string' && withParameters(rest[0])) {
      const name = nameOf(config);
      if (name) return query({ text: config, name }, ...rest);
    }
    return query(config, ...rest);
  };
  return () => names;
}
