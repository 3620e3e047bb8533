/** The GL import's SQL, in one place. */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { glHeldLines, glImports, glMappings, type GlHeldLine, type GlImport, type GlMapping } from './gl-schema.js';

export async function selectMappings(db: Executor, placeId: string, partnerId?: string): Promise<GlMapping[]> {
  return db
    .select()
    .from(glMappings)
    .where(and(eq(glMappings.placeId, placeId), partnerId ? eq(glMappings.partnerId, partnerId) : undefined))
    .orderBy(asc(glMappings.partnerId), asc(glMappings.costCentre), asc(glMappings.subjective), asc(glMappings.validFrom));
}

export async function selectMapping(db: Executor, placeId: string, id: string): Promise<GlMapping | null> {
  const [row] = await db.select().from(glMappings).where(and(eq(glMappings.placeId, placeId), eq(glMappings.id, id)));
  return row ?? null;
}

export async function insertMappingRows(db: Executor, rows: GlMapping[]): Promise<void> {
  if (rows.length) await db.insert(glMappings).values(rows);
}

export async function endMappingRow(db: Executor, placeId: string, id: string, validTo: string, at: Date, by: string | null): Promise<GlMapping | null> {
  const [row] = await db
    .update(glMappings)
    .set({ validTo, endedAt: at, endedBy: by })
    .where(and(eq(glMappings.placeId, placeId), eq(glMappings.id, id), isNull(glMappings.validTo)))
    .returning();
  return row ?? null;
}

/** Serialises changes to one partner's mappings, so two overlapping periods cannot both be added. */
export async function lockPartnerMappings(tx: Executor, placeId: string, partnerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gl_mapping:${placeId}:${partnerId}`}))`);
}

/** Serialises imports of one partner, so one file sent twice at once is taken once. */
export async function lockPartnerImports(tx: Executor, placeId: string, partnerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`gl_import:${placeId}:${partnerId}`}))`);
}

export async function selectTakenImport(db: Executor, placeId: string, partnerId: string, sha256: string): Promise<GlImport | null> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`select id from gl_import where place_id = ${placeId} and partner_id = ${partnerId} and sha256 = ${sha256} and status <> 'rejected' limit 1`,
  );
  return row ? selectImport(db, placeId, row.id) : null;
}

export async function selectImport(db: Executor, placeId: string, id: string): Promise<GlImport | null> {
  const [row] = await db.select().from(glImports).where(and(eq(glImports.placeId, placeId), eq(glImports.id, id)));
  return row ?? null;
}

export async function selectImports(db: Executor, placeId: string, q: { partnerId?: string; limit: number }): Promise<GlImport[]> {
  return db
    .select()
    .from(glImports)
    .where(and(eq(glImports.placeId, placeId), q.partnerId ? eq(glImports.partnerId, q.partnerId) : undefined))
    .orderBy(desc(glImports.importedAt), desc(glImports.id))
    .limit(q.limit);
}

export async function insertImport(db: Executor, row: GlImport): Promise<void> {
  await db.insert(glImports).values(row);
}

export async function insertHeldLines(db: Executor, rows: GlHeldLine[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(glHeldLines).values(rows.slice(i, i + 500));
}

export async function selectHeldLines(db: Executor, placeId: string, q: { importId?: string; openOnly?: boolean; releasedOnly?: boolean; partnerId?: string; limit?: number }): Promise<GlHeldLine[]> {
  const base = db
    .select()
    .from(glHeldLines)
    .where(
      and(
        eq(glHeldLines.placeId, placeId),
        q.importId ? eq(glHeldLines.importId, q.importId) : undefined,
        q.partnerId ? eq(glHeldLines.partnerId, q.partnerId) : undefined,
        q.openOnly ? isNull(glHeldLines.releasedJournalId) : undefined,
        q.releasedOnly ? isNotNull(glHeldLines.releasedJournalId) : undefined,
      ),
    )
    .orderBy(asc(glHeldLines.transactionDate), asc(glHeldLines.importId), asc(glHeldLines.lineNo));
  return q.limit ? base.limit(q.limit) : base;
}

/** Locks the open held lines for a release, oldest first, so two releases cannot post a line twice. */
export async function lockOpenHeldLines(tx: Executor, placeId: string): Promise<GlHeldLine[]> {
  return tx
    .select()
    .from(glHeldLines)
    .where(and(eq(glHeldLines.placeId, placeId), isNull(glHeldLines.releasedJournalId)))
    .orderBy(asc(glHeldLines.transactionDate), asc(glHeldLines.importId), asc(glHeldLines.lineNo))
    .for('update');
}

export async function markReleased(tx: Executor, placeId: string, id: string, journalId: string, at: Date, by: string | null): Promise<void> {
  await tx
    .update(glHeldLines)
    .set({ releasedJournalId: journalId, releasedAt: at, releasedBy: by })
    .where(and(eq(glHeldLines.placeId, placeId), eq(glHeldLines.id, id)));
}

/** Of these keys, the ones the ledger already has a journal for, with its id. */
export async function postedKeys(db: Executor, placeId: string, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const rows = await rowsOf<{ idempotency_key: string; id: string }>(
      db,
      sql`select idempotency_key, id from ledger_journal where place_id = ${placeId} and idempotency_key = any(${`{${chunk.join(',')}}`}::text[])`,
    );
    for (const r of rows) found.set(r.idempotency_key, r.id);
  }
  return found;
}

/** Of these keys, the ones still held (not yet released) from an earlier file, with those held lines' ids. */
export async function heldKeys(db: Executor, placeId: string, keys: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const rows = await rowsOf<{ line_key: string; id: string }>(
      db,
      sql`select line_key, id from gl_held_line where place_id = ${placeId} and released_journal_id is null and line_key = any(${`{${chunk.join(',')}}`}::text[]) for update`,
    );
    for (const r of rows) found.set(r.line_key, [...(found.get(r.line_key) ?? []), r.id]);
  }
  return found;
}

export async function selectClosedMonths(db: Executor, placeId: string): Promise<Set<string>> {
  const rows = await rowsOf<{ month: string }>(db, sql`select month from ledger_closed_month where place_id = ${placeId}`);
  return new Set(rows.map((r) => r.month));
}

export async function selectHeldCountsByMonth(db: Executor, placeId: string, from: string, to: string): Promise<{ month: string; lines: number; pence: number }[]> {
  const rows = await rowsOf<{ month: string; lines: number; pence: number }>(
    db,
    sql`select to_char(transaction_date, 'YYYY-MM') as month, count(*)::int as lines, sum(amount_pence)::bigint as pence
        from gl_held_line where place_id = ${placeId} and released_journal_id is null and transaction_date >= ${from} and transaction_date <= ${to}
        group by month order by month`,
  );
  return rows.map((r) => ({ month: r.month, lines: Number(r.lines), pence: Number(r.pence) }));
}
