/**
 * Runs queries one after another. Inside a transaction there is one connection, which takes one
 * query at a time (node-postgres queues concurrent ones and warns), so Promise.all gains nothing.
 */
export async function inTurn<T extends unknown[]>(steps: [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  const out: unknown[] = [];
  for (const step of steps as (() => Promise<unknown>)[]) out.push(await step());
  return out as T;
}
