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

/** How many chains each place's audit log is split into; writers take any free one. */
export const AUDIT_STRIPES = 16;

type Hashable = {
  placeId: string;
  seq: number;
  stripe: number;
  stripeSeq: number;
  at: string;
  userId: string | null;
  role: string;
  action: string;
  personIds: string[];
  outcome: string;
  reason: string;
  detail: unknown;
};

/**
 * The entry's SHA-256 over the previous hash and its canonical JSON. Where the entry's place in its
 * stripe is also its place-wide number on stripe 0 (every entry written before the log was striped),
 * the body is the single-chain one, so those entries verify as they did.
 */
export function entryHash(prevHash: string, e: Hashable): string {
  const position = e.stripe === 0 && e.stripeSeq === e.seq ? e.seq : [e.stripe, e.stripeSeq, e.seq];
  const body = canonicalJson([
    e.placeId,
    position,
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
 * An entry's hashed body around its position (which only the database knows until the stripe is
 * locked): `before` + position + `after` is canonicalJson of the same array entryHash builds.
 */
function bodyAround(e: AuditEvent, at: string): { before: string; after: string } {
  return {
    before: `[${canonicalJson(e.placeId)},`,
    after: `,${[new Date(at).toISOString(), e.userId, e.role, e.action, e.personIds, e.outcome, e.reason ?? '', e.detail ?? {}].map(canonicalJson).join(',')}]`,
  };
}

/**
 * Appends entries to one of the place's chains inside the caller's transaction, so that the audit
 * entry and the write it records commit or roll back together, in one call of the database's
 * audit_append (migrations/0008_audit_append.sql): it locks the head of a stripe, numbers the
 * entries, hashes them one after another (SHA-256 of the previous hash, a line break and the body,
 * as entryHash does), inserts them and moves the head on. The stripe's head row stays locked until
 * the transaction ends, which orders the writers of that stripe. Any stripe no other transaction
 * holds will do (skip locked), starting from a random one; only when all are held (or the place has
 * none yet) does the writer wait, on one stripe.
 */
export async function appendAudit(tx: Executor, events: AuditEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const placeId = events[0]!.placeId;
  const when = at.toISOString();
  const entries = JSON.stringify(
    events.map((e) => ({
      ...bodyAround(e, when),
      user_id: e.userId,
      role: e.role,
      action: e.action,
      person_ids: e.personIds,
      outcome: e.outcome,
      reason: e.reason ?? '',
      detail: e.detail ?? {},
    })),
  );
  const from = Math.floor(Math.random() * AUDIT_STRIPES);
  const append = async (wait: boolean) => {
    const [row] = await rowsOf<{ stripe: number | null }>(
      tx,
      sql`select audit_append(${placeId}::uuid, ${entries}::jsonb, ${when}::timestamptz, ${AUDIT_STRIPES}::int, ${from}::int, ${wait}) as stripe`,
    );
    return row?.stripe ?? null;
  };
  if ((await append(false)) !== null) return;
  await tx
    .insert(auditHeads)
    .values(Array.from({ length: AUDIT_STRIPES }, (_, stripe) => ({ placeId, stripe, seq: 0, hash: GENESIS_HASH })))
    .onConflictDoNothing();
  if ((await append(true)) === null) throw new Error(`the audit log of place ${placeId} has no stripe ${from} to append to`);
}

export type ChainProblem = { placeId: string; stripe: number; position: number; seq: number | null; problem: string };
export type ChainReport = { placeId: string; entries: number; stripes: number; problems: ChainProblem[] };

/** Walks each of a place's chains from its start and reports every entry (or head) that does not fit. */
export async function verifyChain(db: Executor, placeId: string, batch = 5000): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const heads = await db.select().from(auditHeads).where(eq(auditHeads.placeId, placeId)).orderBy(asc(auditHeads.stripe));
  const stripesWithEntries = await rowsOf<{ stripe: number }>(db, sql`select distinct stripe::int as stripe from audit_entry where place_id = ${placeId}`);
  const stripes = [...new Set([...heads.map((h) => h.stripe), ...stripesWithEntries.map((r) => Number(r.stripe))])].sort((a, b) => a - b);
  if (heads.length < AUDIT_STRIPES && (heads.length > 0 || stripesWithEntries.length > 0)) {
    const have = new Set(heads.map((h) => h.stripe));
    for (let s = 0; s < AUDIT_STRIPES; s++) {
      if (!have.has(s)) problems.push({ placeId, stripe: s, position: 0, seq: null, problem: `stripe ${s} has no head (its head row was removed)` });
    }
  }
  let count = 0;
  for (const stripe of stripes) {
    let prev = GENESIS_HASH;
    let expected = 1;
    let after = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.placeId, placeId), eq(auditEntries.stripe, stripe), gt(auditEntries.stripeSeq, after)))
        .orderBy(asc(auditEntries.stripeSeq))
        .limit(batch);
      if (rows.length === 0) break;
      for (const r of rows) {
        count++;
        const at = { placeId, stripe, position: r.stripeSeq, seq: r.seq };
        if (r.stripeSeq !== expected) {
          problems.push({ ...at, problem: `entries before it in stripe ${stripe} are missing (positions ${expected} to ${r.stripeSeq - 1})` });
        }
        if (r.prevHash !== prev) problems.push({ ...at, problem: 'does not follow the entry before it (an entry was removed or changed)' });
        if (entryHash(r.prevHash, r) !== r.hash) problems.push({ ...at, problem: 'content does not match its hash (edited)' });
        prev = r.hash;
        expected = r.stripeSeq + 1;
        after = r.stripeSeq;
      }
    }
    const head = heads.find((h) => h.stripe === stripe);
    if (!head) continue;
    if (head.seq !== expected - 1 || head.hash !== prev) {
      problems.push({
        placeId,
        stripe,
        position: head.seq,
        seq: null,
        problem: `stripe ${stripe} ends at position ${expected - 1} but its head says ${head.seq} (entries removed from the end)`,
      });
    }
  }
  return { placeId, entries: count, stripes: stripes.length, problems };
}
