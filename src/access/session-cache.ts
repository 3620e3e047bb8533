/**
 * Sessions this server resolved in the last few seconds, so that most requests learn who is asking
 * without two round trips to the database (the session with its user, then the staff member's
 * teams). The bound is written down in docs/decisions/0007-session-cache.md:
 * - signing out through this server ends the session here at once;
 * - a session is never used after it expires (checked against the request's clock on every hit);
 * - teams are those of the day they were read (the day is part of the key);
 * - anything changed elsewhere (another server process, the command line, the database directly:
 *   an account made inactive, a new role, a team joined or left, a sign-out on another server) is
 *   seen at most `ttlMs` later. `CARETRUST_SESSION_CACHE_SECONDS=0` turns the cache off.
 */
import { LRUCache } from 'lru-cache';
import { londonDateOf } from '../platform/dates.js';
import type { Executor } from '../platform/db.js';
import { resolveSession, tokenHash, type SessionView } from './sessions.js';

export const DEFAULT_SESSION_CACHE_SECONDS = 5;
const MAX_SESSIONS = 10_000;

type Entry = { day: string; view: SessionView };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class SessionCache {
  private readonly entries: LRUCache<string, Entry> | null;

  /**
   * @param seconds how long a resolved session is reused (0 = never).
   * @param perf the monotonic clock the time-to-live runs on: the process's own by default, never
   *   the request's clock, which tests and the command line may set anywhere.
   */
  constructor(seconds: number = DEFAULT_SESSION_CACHE_SECONDS, perf: { now(): number } = performance) {
    this.entries = seconds > 0 ? new LRUCache<string, Entry>({ max: MAX_SESSIONS, ttl: seconds * 1000, ttlAutopurge: false, ttlResolution: 0, perf }) : null;
  }

  /** The signed-in user behind a token, from memory when read recently; null when unknown, ended or expired. */
  async resolve(db: Executor, token: string, now: Date): Promise<SessionView | null> {
    if (!this.entries) return resolveSession(db, token, now);
    const key = tokenHash(token);
    const day = londonDateOf(now);
    const hit = this.entries.get(key);
    if (hit && hit.day === day && hit.view.expiresAt > now) return hit.view;
    const view = await resolveSession(db, token, now);
    if (view) this.entries.set(key, { day, view: deepFreeze(view) });
    else this.entries.delete(key);
    return view;
  }

  /** Forget a session (it was signed out through this server). */
  forget(token: string): void {
    this.entries?.delete(tokenHash(token));
  }
}
