import { createHash } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { auditEntries, auditHeads } from './schema.js';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export type AuditEvent = {
  placeId: string;
  userId: string | null;
  role: string;
  /** e.g. person.read, person.search, person.create, person.update, person.merge, break_glass.open */
  action: string;
  personIds: string[];
  outcome: AuditOutcome;
  reason?: string;
  detail?: Record<string, unknown>;
};

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

type Hashable = {
  placeId: string;
  seq: number;
  at: string;
  userId: string | null;
  role: string;
  action: string;
  personIds: string[];
  outcome: string;
  reason: string;
  detail: unknown;
};

export function entryHash(prevHash: string, e: Hashable): string {
  const body = canonicalJson([
    e.placeId,
    e.seq,
    new Date(e.at).toISOString(),
    e.userId,
    e.role,
    e.action,
    e.personIds,
    e.outcome,
    e.reason,
    e.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends entries to the place's chain inside the caller's transaction, so that the audit
 * entry and the write it records commit or roll back together. The head row is locked,
 * which orders concurrent writers.
 */
export async function appendAudit(tx: Executor, events: AuditEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const placeId = events[0]!.placeId;
  await tx.insert(auditHeads).values({ placeId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await rowsOf<{ seq: number; hash: string }>(
    tx,
    sql`select seq::int8 as seq, hash from audit_head where place_id = ${placeId} for update`,
  );
  let seq = Number(head!.seq);
  let prev = head!.hash;
  const rows = events.map((e) => {
    seq += 1;
    const entry = {
      placeId: e.placeId,
      seq,
      at: at.toISOString(),
      userId: e.userId,
      role: e.role,
      action: e.action,
      personIds: e.personIds,
      outcome: e.outcome,
      reason: e.reason ?? '',
      detail: e.detail ?? {},
    };
    const hash = entryHash(prev, entry);
    const row = { ...entry, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await tx.insert(auditEntries).values(rows);
  await tx.update(auditHeads).set({ seq, hash: prev }).where(eq(auditHeads.placeId, placeId));
}

export type ChainProblem = { placeId: string; seq: number; problem: string };
export type ChainReport = { placeId: string; entries: number; problems: ChainProblem[] };

/** Walks a place's chain from the start and reports every entry that does not fit. */
export async function verifyChain(db: Executor, placeId: string, batch = 5000): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.placeId, placeId), gt(auditEntries.seq, after)))
      .orderBy(asc(auditEntries.seq))
      .limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      if (r.seq !== expectedSeq) {
        problems.push({ placeId, seq: expectedSeq, problem: `entries ${expectedSeq} to ${r.seq - 1} are missing` });
      }
      if (r.prevHash !== prev) {
        problems.push({ placeId, seq: r.seq, problem: 'does not follow the entry before it (an entry was removed or changed)' });
      }
      const recomputed = entryHash(r.prevHash, { ...r, detail: r.detail });
      if (recomputed !== r.hash) problems.push({ placeId, seq: r.seq, problem: 'content does not match its hash (edited)' });
      prev = r.hash;
      expectedSeq = r.seq + 1;
      after = r.seq;
    }
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.placeId, placeId));
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prev)) {
    problems.push({ placeId, seq: head.seq, problem: `the chain ends at ${expectedSeq - 1} but its head says ${head.seq} (entries removed from the end)` });
  }
  return { placeId, entries: count, problems };
}
