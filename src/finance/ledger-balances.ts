/**
 * Balances and monthly movements over a span of days. A closed month's figures come from its
 * totals (ledger_month_total, written by the database as the month closes and never changed, since
 * a closed month takes no postings); only the days outside whole closed months are read entry by
 * entry. Five years of postings are then a few open days of entries plus sixty months of totals
 * (docs/decisions/0011).
 */
import { lastDayOfMonth, monthOf } from '../platform/financial-year.js';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import type { AccountKind } from './ledger-schema.js';

export type Balance = { accountId: string; code: string; name: string; kind: AccountKind; debitPence: number; creditPence: number; balancePence: number };

type Range = { from?: string; to?: string };

const EARLIEST = '0001-01-01';
const LATEST = '9999-12-31';

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The closed months wholly inside the range, and the spans of days left to read entry by entry. */
export async function splitByClosedMonths(db: Executor, placeId: string, r: Range): Promise<{ closed: string[]; spans: { from: string; to: string }[] }> {
  const from = r.from ?? EARLIEST;
  const to = r.to ?? LATEST;
  const months = await rowsOf<{ month: string }>(
    db,
    sql`select month from ledger_closed_month where place_id = ${placeId} and month >= ${monthOf(from)} and month <= ${monthOf(to)} order by month`,
  );
  const closed = months.map((m) => m.month).filter((m) => `${m}-01` >= from && lastDayOfMonth(m) <= to);
  const spans: { from: string; to: string }[] = [];
  let cursor = from;
  for (const m of closed) {
    if (`${m}-01` > cursor) spans.push({ from: cursor, to: dayBefore(`${m}-01`) });
    cursor = dayAfter(lastDayOfMonth(m));
  }
  if (cursor <= to) spans.push({ from: cursor, to });
  return { closed, spans };
}

function inSpans(spans: { from: string; to: string }[]) {
  if (spans.length === 0) return sql`false`;
  return sql`(${sql.join(
    spans.map((s) => sql`e.posted_on between ${s.from} and ${s.to}`),
    sql` or `,
  )})`;
}

const textArray = (xs: readonly string[]) => `{${xs.join(',')}}`;

/** Every account (of these kinds / code prefix) with its debits, credits and balance over the days. */
export async function accountBalances(db: Executor, placeId: string, q: Range & { kinds?: AccountKind[]; codePrefix?: string }): Promise<Balance[]> {
  const { closed, spans } = await splitByClosedMonths(db, placeId, q);
  const accountFilter = sql`${q.kinds?.length ? sql`and a.kind = any(${textArray(q.kinds)}::text[])` : sql``}
          ${q.codePrefix ? sql`and starts_with(a.code, ${q.codePrefix})` : sql``}`;
  const rows = await rowsOf<{ id: string; code: string; name: string; kind: AccountKind; debit: number; credit: number }>(
    db,
    sql`with acc as (select a.id, a.code, a.name, a.kind from ledger_account a where a.place_id = ${placeId} ${accountFilter}),
        totals as (
          select t.account_id, sum(t.debit_pence) as debit, sum(t.credit_pence) as credit from ledger_month_total t
          where t.place_id = ${placeId} and t.month = any(${textArray(closed)}::text[]) and t.account_id in (select id from acc)
          group by t.account_id
        ),
        open as (
          select e.account_id,
                 coalesce(sum(e.amount_pence) filter (where e.amount_pence > 0), 0) as debit,
                 coalesce(-sum(e.amount_pence) filter (where e.amount_pence < 0), 0) as credit
          from ledger_entry e where e.place_id = ${placeId} and ${inSpans(spans)} and e.account_id in (select id from acc)
          group by e.account_id
        )
        select acc.id, acc.code, acc.name, acc.kind,
               (coalesce(totals.debit, 0) + coalesce(open.debit, 0))::bigint as debit,
               (coalesce(totals.credit, 0) + coalesce(open.credit, 0))::bigint as credit
        from acc left join totals on totals.account_id = acc.id left join open on open.account_id = acc.id
        order by acc.code`,
  );
  return rows.map((r) => ({
    accountId: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    debitPence: Number(r.debit),
    creditPence: Number(r.credit),
    balancePence: Number(r.debit) - Number(r.credit),
  }));
}

/** Net movement per account and month (YYYY-MM) over the days. */
export async function monthlyMovements(db: Executor, placeId: string, q: { from: string; to: string; codePrefix?: string }): Promise<{ code: string; month: string; netPence: number }[]> {
  const { closed, spans } = await splitByClosedMonths(db, placeId, q);
  const prefix = q.codePrefix ? sql`and starts_with(a.code, ${q.codePrefix})` : sql``;
  const rows = await rowsOf<{ code: string; month: string; net: number }>(
    db,
    sql`select code, month, sum(net)::bigint as net from (
          select a.code, t.month, t.debit_pence - t.credit_pence as net
          from ledger_month_total t join ledger_account a on a.place_id = t.place_id and a.id = t.account_id
          where t.place_id = ${placeId} and t.month = any(${textArray(closed)}::text[]) ${prefix}
          union all
          select a.code, to_char(e.posted_on, 'YYYY-MM') as month, e.amount_pence as net
          from ledger_entry e join ledger_account a on a.place_id = e.place_id and a.id = e.account_id
          where e.place_id = ${placeId} and ${inSpans(spans)} ${prefix}
        ) m group by code, month order by code, month`,
  );
  return rows.map((r) => ({ code: r.code, month: r.month, netPence: Number(r.net) }));
}
