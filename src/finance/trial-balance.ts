/**
 * Reading the ledger whole: the trial balance (every account's debits, credits and balance, which
 * sum to zero) and one journal with its entries and its reversal links.
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { sumPence } from '../platform/money.js';
import { accountBalances, traceOfRow, type AccountKind, type Balance, type Trace } from './ledger.js';

export type TrialBalance = {
  to: string | null;
  accounts: Balance[];
  totals: { debitPence: number; creditPence: number; balancePence: number };
};

/** Every account's debits, credits and balance up to a day (all time when `to` is absent). */
export async function trialBalance(db: Executor, placeId: string, q: { to?: string } = {}): Promise<TrialBalance> {
  const accounts = await accountBalances(db, placeId, q.to ? { to: q.to } : {});
  return {
    to: q.to ?? null,
    accounts,
    totals: {
      debitPence: sumPence(accounts.map((a) => a.debitPence)),
      creditPence: sumPence(accounts.map((a) => a.creditPence)),
      balancePence: sumPence(accounts.map((a) => a.balancePence)),
    },
  };
}

export type AccountView = {
  code: string;
  name: string;
  kind: AccountKind;
  serviceArea: string | null;
  clientGroup: string | null;
  zoneCode: string | null;
  partnerId: string | null;
  fundingStream: string | null;
  entries: number;
  balancePence: number;
};

/** The place's accounts with their number of entries and balance to date. */
export async function ledgerAccountList(db: Executor, placeId: string): Promise<AccountView[]> {
  const rows = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`select a.code, a.name, a.kind, a.service_area, a.client_group, a.zone_code, a.partner_id, a.funding_stream,
          count(e.id)::int as entries, coalesce(sum(e.amount_pence), 0)::bigint as balance
        from ledger_account a left join ledger_entry e on e.place_id = a.place_id and e.account_id = a.id
        where a.place_id = ${placeId}
        group by a.id, a.code, a.name, a.kind, a.service_area, a.client_group, a.zone_code, a.partner_id, a.funding_stream
        order by a.code`,
  );
  const text = (v: unknown) => (v == null ? null : String(v));
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    kind: r.kind as AccountKind,
    serviceArea: text(r.service_area),
    clientGroup: text(r.client_group),
    zoneCode: text(r.zone_code),
    partnerId: text(r.partner_id),
    fundingStream: text(r.funding_stream),
    entries: Number(r.entries),
    balancePence: Number(r.balance),
  }));
}

export type JournalView = {
  id: string;
  postedOn: string;
  financialYear: string;
  description: string;
  sourceKind: string;
  sourceRef: string | null;
  reason: string | null;
  postedBy: string | null;
  createdAt: string;
  /** The journal this one reverses, when it is a reversal. */
  reversesJournalId: string | null;
  /** The journal that reverses this one, when it has been reversed. */
  reversedByJournalId: string | null;
  entries: { entryId: string; accountCode: string; accountName: string; amountPence: number; memo: string | null; trace: Trace }[];
};


/** One journal, its entries (debits first) and its reversal links; 404 when the place has no such journal. */
export async function journalOf(db: Executor, placeId: string, journalId: string): Promise<JournalView> {
  const [j] = await rowsOf<Record<string, string | Date | null>>(
    db,
    sql`select j.id, j.posted_on, j.financial_year, j.description, j.source_kind, j.source_ref, j.reason, j.posted_by, j.created_at,
          j.reverses_journal_id, r.id as reversed_by
        from ledger_journal j left join ledger_journal r on r.place_id = j.place_id and r.reverses_journal_id = j.id
        where j.place_id = ${placeId} and j.id = ${journalId}`,
  );
  if (!j) throw new NotFoundError(`There is no journal ${journalId} in this place's ledger.`);
  const entries = await rowsOf<Record<string, string | number | null>>(
    db,
    sql`select e.id, a.code, a.name, e.amount_pence, e.memo, e.package_id, e.service_line_id, e.person_id, e.invoice_line_ref, e.gl_line_ref, e.contribution_id
        from ledger_entry e join ledger_account a on a.place_id = e.place_id and a.id = e.account_id
        where e.place_id = ${placeId} and e.journal_id = ${journalId}
        order by e.amount_pence desc, a.code, e.id`,
  );
  const text = (v: unknown) => (v == null ? null : String(v));
  return {
    id: String(j.id),
    postedOn: String(j.posted_on),
    financialYear: String(j.financial_year),
    description: String(j.description),
    sourceKind: String(j.source_kind),
    sourceRef: text(j.source_ref),
    reason: text(j.reason),
    postedBy: text(j.posted_by),
    createdAt: new Date(j.created_at as Date | string).toISOString(),
    reversesJournalId: text(j.reverses_journal_id),
    reversedByJournalId: text(j.reversed_by),
    entries: entries.map((e) => {
      const trace = traceOfRow(e);
      return { entryId: String(e.id), accountCode: String(e.code), accountName: String(e.name), amountPence: Number(e.amount_pence), memo: text(e.memo), trace };
    }),
  };
}
