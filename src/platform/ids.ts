import { v7 } from 'uuid';

/** Identifiers are time-ordered UUIDs (v7) made by the server. */
export function newId(): string {
  return v7();
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
