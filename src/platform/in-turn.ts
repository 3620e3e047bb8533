import { runsTransactionsAtOnce, type Executor } from './db.js';

/**
 * Runs queries one after another. Inside a transaction there is one connection, which takes one
 * query at a time (node-postgres queues concurrent ones and warns), so Promise.all gains nothing.
 */
export async function inTurn<T extends unknown[]>(steps: [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  const out: unknown[] = [];
  for (const step of steps as (() => Promise<unknown>)[]) out.push(await step());
  return out as T;
}

/**
 * Runs independent queries at once when the executor is a pool of connections (an audited read,
 * which has no transaction: decision 0002), each on a connection of its own, so a read waits for
 * the slowest of them rather than for their sum; in a transaction, or on PGlite's one connection,
 * one after another as `inTurn`.
 */
export function together<T extends unknown[]>(db: Executor, steps: [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  if (!runsTransactionsAtOnce(db)) return inTurn<T>(steps);
  return Promise.all((steps as (() => Promise<unknown>)[]).map((step) => step())) as Promise<T>;
}
