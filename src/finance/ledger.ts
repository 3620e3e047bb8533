import { createHash } from 'node:crypto';
import { rowsOf, sql, isUniqueViolation, type Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { financialYearOf } from '../platform/financial-year.js';
import { newId } from '../platform/ids.js';
import { accountKinds, ledgerAccounts, ledgerEntries, ledgerJournals, type AccountKind } from './ledger-schema.js';

/** The pooled budget's double-entry ledger: positive pence = debit, negative = credit. */
export { accountKinds, type AccountKind } from './ledger-schema.js';
export { accountBalances, monthlyMovements, type Balance } from './ledger-balances.js';

export type AccountInput = {
  code: string;
  name: string;
  kind: AccountKind;
  serviceArea?: string | null;
  clientGroup?: string | null;
  zoneCode?: string | null;
  partnerId?: string | null;
  fundingStream?: string | null;
};

export type Trace = { packageId?: string; serviceLineId?: string; personId?: string; invoiceLineRef?: string; glLineRef?: string; contributionId?: string };

export type PostingLine = { accountCode: string; amountPence: number; memo?: string | null; trace?: Trace };

/** An entry's row as stored: one line of a journal, with its trace. */
export function entryRow(placeId: string, journalId: string, accountId: string, postedOn: string, l: PostingLine): typeof ledgerEntries.$inferInsert {
  return {
    placeId,
    id: newId(),
    journalId,
    accountId,
    postedOn,
    amountPence: l.amountPence,
    memo: l.memo ?? null,
    packageId: l.trace?.packageId ?? null,
    serviceLineId: l.trace?.serviceLineId ?? null,
    personId: l.trace?.personId ?? null,
    invoiceLineRef: l.trace?.invoiceLineRef ?? null,
    glLineRef: l.trace?.glLineRef ?? null,
    contributionId: l.trace?.contributionId ?? null,
  };
}

const traceColumns: [keyof Trace, string][] = [
  ['packageId', 'package_id'],
  ['serviceLineId', 'service_line_id'],
  ['personId', 'person_id'],
  ['invoiceLineRef', 'invoice_line_ref'],
  ['glLineRef', 'gl_line_ref'],
  ['contributionId', 'contribution_id'],
];

/** The trace of an entry read back with its columns' names. */
export function traceOfRow(r: Record<string, unknown>): Trace {
  const trace: Trace = {};
  for (const [k, c] of traceColumns) if (r[c] != null) trace[k] = String(r[c]);
  return trace;
}

export type PostingInput = {
  placeId: string;
  postedOn: string;
  description: string;
  idempotencyKey: string;
  source: { kind: string; ref?: string | null };
  postedBy: string | null;
  lines: PostingLine[];
  /** Set by reverseJournal only. */
  reversesJournalId?: string | null;
  reason?: string | null;
};

/** The account's id; made with these details when the code is new (the code is the account). */
export async function ensureAccount(db: Executor, placeId: string, a: AccountInput): Promise<string> {
  if (!accountKinds.includes(a.kind)) throw new InvalidError(`Account kind must be one of ${accountKinds.join(', ')}.`, [{ field: 'kind', problem: 'unknown' }]);
  if (!a.code.trim()) throw new InvalidError('Give the account a code.', [{ field: 'code', problem: 'required' }]);
  await db
    .insert(ledgerAccounts)
    .values({
      placeId,
      id: newId(),
      code: a.code,
      name: a.name,
      kind: a.kind,
      serviceArea: a.serviceArea ?? null,
      clientGroup: a.clientGroup ?? null,
      zoneCode: a.zoneCode ?? null,
      partnerId: a.partnerId ?? null,
      fundingStream: a.fundingStream ?? null,
    })
    .onConflictDoNothing();
  const [row] = await rowsOf<{ id: string }>(db, sql`select id from ledger_account where place_id = ${placeId} and code = ${a.code}`);
  return row!.id;
}

/** What postJournal stores as a journal's content hash (bulk writers store the same). */
export function contentHash(input: PostingInput): string {
  const lines = input.lines.map((l) => [l.accountCode, l.amountPence, l.memo ?? null, l.trace ?? {}]);
  return createHash('sha256')
    .update(JSON.stringify([input.postedOn, input.description, input.source.kind, input.source.ref ?? null, input.reversesJournalId ?? null, lines]))
    .digest('hex');
}

function checkPosting(input: PostingInput): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.postedOn) || Number.isNaN(Date.parse(`${input.postedOn}T00:00:00Z`)))
    throw new InvalidError('Give postedOn as YYYY-MM-DD.', [{ field: 'postedOn', problem: 'not a date' }]);
  if (!input.idempotencyKey) throw new InvalidError('Give the posting an idempotency key.', [{ field: 'idempotencyKey', problem: 'required' }]);
  if (input.lines.length < 2) throw new InvalidError('A journal needs at least two lines.', [{ field: 'lines', problem: 'fewer than two' }]);
  let total = 0;
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.amountPence) || l.amountPence === 0)
      throw new InvalidError(`Line ${i + 1}: amountPence must be a whole, non-zero number of pence.`, [{ field: `lines.${i}.amountPence`, problem: 'not whole pence' }]);
    total += l.amountPence;
  });
  if (total !== 0) throw new InvalidError(`The journal does not balance: its lines sum to ${total} pence, not 0.`, [{ field: 'lines', problem: 'unbalanced' }]);
}

async function existing(db: Executor, placeId: string, key: string, hash: string): Promise<{ journalId: string; alreadyPosted: true } | null> {
  const [row] = await rowsOf<{ id: string; content_hash: string }>(
    db,
    sql`select id, content_hash from ledger_journal where place_id = ${placeId} and idempotency_key = ${key}`,
  );
  if (!row) return null;
  if (row.content_hash !== hash) throw new ConflictError(`A different posting was already made with idempotency key ${key}.`, { journalId: row.id });
  return { journalId: row.id, alreadyPosted: true };
}

/** Posts one balanced journal, or answers the one already posted under the same idempotency key. */
export async function postJournal(db: Executor, input: PostingInput): Promise<{ journalId: string; alreadyPosted: boolean }> {
  checkPosting(input);
  const hash = contentHash(input);
  const before = await existing(db, input.placeId, input.idempotencyKey, hash);
  if (before) return before;
  const month = input.postedOn.slice(0, 7);
  try {
    return await db.transaction(async (tx) => {
      const [closed] = await rowsOf(tx, sql`select 1 from ledger_closed_month where place_id = ${input.placeId} and month = ${month}`);
      if (closed) throw new ConflictError(`Month ${month} is closed: post in an open month.`);
      const codes = [...new Set(input.lines.map((l) => l.accountCode))].sort();
      const accounts = await rowsOf<{ id: string; code: string }>(
        tx,
        sql`select id, code from ledger_account where place_id = ${input.placeId} and code = any(${`{${codes.map((c) => `"${c.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`}::text[]) order by id`,
      );
      const idOf = new Map(accounts.map((a) => [a.code, a.id]));
      const unknown = codes.filter((c) => !idOf.has(c));
      if (unknown.length) throw new InvalidError(`Unknown account ${unknown.join(', ')}.`, unknown.map((c) => ({ field: 'lines.accountCode', problem: `unknown account ${c}` })));
      const journalId = newId();
      await tx.insert(ledgerJournals).values({
        placeId: input.placeId,
        id: journalId,
        postedOn: input.postedOn,
        financialYear: financialYearOf(input.postedOn),
        description: input.description,
        sourceKind: input.source.kind,
        sourceRef: input.source.ref ?? null,
        idempotencyKey: input.idempotencyKey,
        contentHash: hash,
        reversesJournalId: input.reversesJournalId ?? null,
        reason: input.reason ?? null,
        postedBy: input.postedBy,
      });
      // A journal of thousands of lines (a pay run) goes in batches: one insert has at most 65,535 parameters.
      for (let i = 0; i < input.lines.length; i += 4000) {
        await tx.insert(ledgerEntries).values(
          input.lines.slice(i, i + 4000).map((l) => entryRow(input.placeId, journalId, idOf.get(l.accountCode)!, input.postedOn, l)),
        );
      }
      return { journalId, alreadyPosted: false };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const again = await existing(db, input.placeId, input.idempotencyKey, hash);
      if (again) return again;
      if (input.reversesJournalId) throw new ConflictError('That journal has already been reversed.');
    }
    throw err;
  }
}

export type EntryView = {
  entryId: string;
  journalId: string;
  postedOn: string;
  description: string;
  amountPence: number;
  memo: string | null;
  sourceKind: string;
  trace: Trace;
};

/** One account's entries, oldest first, a page at a time (after = the last entry id of the page before). */
export async function entriesOf(db: Executor, placeId: string, q: { accountCode: string; from?: string; to?: string; limit: number; after?: string }): Promise<EntryView[]> {
  const [account] = await rowsOf<{ id: string }>(db, sql`select id from ledger_account where place_id = ${placeId} and code = ${q.accountCode}`);
  if (!account) throw new NotFoundError(`No account ${q.accountCode}.`);
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`select e.id, e.journal_id, e.posted_on, j.description, e.amount_pence, e.memo, j.source_kind,
          e.package_id, e.service_line_id, e.person_id, e.invoice_line_ref, e.gl_line_ref, e.contribution_id
        from ledger_entry e join ledger_journal j on j.place_id = e.place_id and j.id = e.journal_id
        where e.place_id = ${placeId} and e.account_id = ${account.id}
          ${q.from ? sql`and e.posted_on >= ${q.from}` : sql``} ${q.to ? sql`and e.posted_on <= ${q.to}` : sql``}
          ${q.after ? sql`and e.id > ${q.after}` : sql``}
        order by e.id limit ${q.limit}`,
  );
  return rows.map((r) => {
    const trace = traceOfRow(r);
    return {
      entryId: String(r.id),
      journalId: String(r.journal_id),
      postedOn: String(r.posted_on),
      description: String(r.description),
      amountPence: Number(r.amount_pence),
      memo: (r.memo as string | null) ?? null,
      sourceKind: String(r.source_kind),
      trace,
    };
  });
}
