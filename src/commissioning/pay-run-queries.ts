/**
 * The pay runs' SQL: gathering approved, unpaid invoice lines and due direct-payment periods into a
 * run (set-based, so a run of 20,000 packages is a few statements), reading a run back by payee and
 * budget line, and marking what a posted run paid. Only commissioning's own tables.
 */
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { payRuns } from './payment-schema.js';

export type PayRunRow = typeof payRuns.$inferSelect;

export async function payRunById(db: Executor, placeId: string, id: string, lock = false): Promise<PayRunRow | null> {
  const [row] = await rowsOf<Record<string, unknown>>(
    db,
    sql`select * from pay_run where place_id = ${placeId} and id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return row ? payRunOfRow(row) : null;
}

function payRunOfRow(r: Record<string, unknown>): PayRunRow {
  const at = (v: unknown) => (v == null ? null : new Date(v as string));
  return {
    placeId: String(r.place_id),
    id: String(r.id),
    cadence: String(r.cadence),
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    payingPartnerId: String(r.paying_partner_id),
    status: String(r.status),
    preparedBy: String(r.prepared_by),
    preparedAt: at(r.prepared_at)!,
    approvedBy: (r.approved_by as string | null) ?? null,
    approvedAt: at(r.approved_at),
    exportedAt: at(r.exported_at),
    exportedBy: (r.exported_by as string | null) ?? null,
    postedAt: at(r.posted_at),
    postedBy: (r.posted_by as string | null) ?? null,
    postedOn: (r.posted_on as string | null) ?? null,
    journalId: (r.journal_id as string | null) ?? null,
    totalPence: Number(r.total_pence),
    version: Number(r.version),
  };
}

export async function payRunList(db: Executor, placeId: string, limit: number): Promise<PayRunRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(db, sql`select * from pay_run where place_id = ${placeId} order by prepared_at desc, id desc limit ${limit}`);
  return rows.map(payRunOfRow);
}

/**
 * Puts every approved invoice line ending on or before periodTo that no run holds yet into this run,
 * in one statement. A line another run holds is left out; a line another transaction is putting into
 * its run at this moment makes this statement wait, then fail on the paid-once index (the caller
 * answers 409), so a line can never be in two runs.
 */
export async function gatherInvoiceLines(tx: Executor, placeId: string, runId: string, periodTo: string): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    tx,
    sql`with added as (
          insert into pay_run_line (place_id, id, pay_run_id, provider_partner_id, invoice_line_id, service_line_id, budget_line_code, amount_pence)
          select il.place_id, gen_random_uuid(), ${runId}::uuid, il.provider_partner_id, il.id, il.service_line_id, il.budget_line_code, il.amount_pence
            from invoice_line il
           where il.place_id = ${placeId} and il.status = 'approved' and il.period_to <= ${periodTo}
             and il.budget_line_code is not null
             and not exists (select 1 from pay_run_line p where p.place_id = il.place_id and p.invoice_line_id = il.id)
          returning 1)
        select count(*)::int as n from added`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Approved lines ending by periodTo that name no budget line, which a run cannot pay (reported on the draft). */
export async function approvedLinesWithoutBudgetLine(db: Executor, placeId: string, periodTo: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from invoice_line where place_id = ${placeId} and status = 'approved' and period_to <= ${periodTo} and budget_line_code is null`,
  );
  return Number(row?.n ?? 0);
}

/** The same for direct payments: every period starting on or before periodTo that no run holds. */
export async function gatherDirectPaymentPeriods(tx: Executor, placeId: string, runId: string, periodTo: string): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    tx,
    sql`with added as (
          insert into pay_run_line (place_id, id, pay_run_id, provider_partner_id, direct_payment_period_id, service_line_id, person_id, budget_line_code, amount_pence)
          select pp.place_id, gen_random_uuid(), ${runId}::uuid, null, pp.id, d.service_line_id, d.person_id, d.budget_line_code, pp.amount_pence
            from direct_payment_period pp
            join direct_payment d on d.place_id = pp.place_id and d.id = pp.direct_payment_id
           where pp.place_id = ${placeId} and pp.period_from <= ${periodTo}
             and not exists (select 1 from pay_run_line p where p.place_id = pp.place_id and p.direct_payment_period_id = pp.id)
          returning 1)
        select count(*)::int as n from added`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Service lines of a run's invoice lines whose person is not yet on the run line (filled from the pathway). */
export async function serviceLinesWithoutPerson(db: Executor, placeId: string, runId: string, after: string | null, limit: number): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select distinct service_line_id as id from pay_run_line
         where place_id = ${placeId} and pay_run_id = ${runId} and service_line_id is not null and person_id is null
           ${after ? sql`and service_line_id > ${after}::uuid` : sql``}
         order by service_line_id limit ${limit}`,
  );
  return rows.map((r) => String(r.id));
}

export async function setPersonsOfServiceLines(tx: Executor, placeId: string, runId: string, pairs: { lineId: string; personId: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  await tx.execute(
    sql`update pay_run_line p set person_id = v.person_id
          from jsonb_to_recordset(${JSON.stringify(pairs.map((x) => ({ line_id: x.lineId, person_id: x.personId })))}::jsonb) as v(line_id uuid, person_id uuid)
         where p.place_id = ${placeId} and p.pay_run_id = ${runId} and p.service_line_id = v.line_id`,
  );
}

export async function runTotal(db: Executor, placeId: string, runId: string): Promise<{ lines: number; totalPence: number }> {
  const [row] = await rowsOf<{ lines: number; total: number }>(
    db,
    sql`select count(*)::int as lines, coalesce(sum(amount_pence), 0)::bigint as total from pay_run_line where place_id = ${placeId} and pay_run_id = ${runId}`,
  );
  return { lines: Number(row?.lines ?? 0), totalPence: Number(row?.total ?? 0) };
}

export type PayeeTotal = { providerPartnerId: string | null; lines: number; totalPence: number };
export type BudgetLineTotal = { code: string; lines: number; totalPence: number };
export type PayeeBudgetLineTotal = { providerPartnerId: string | null; code: string; totalPence: number };

/** The run's totals by payee (a provider; null = direct payments), by budget line, and by both. */
export async function runTotals(db: Executor, placeId: string, runId: string): Promise<{ byPayee: PayeeTotal[]; byBudgetLine: BudgetLineTotal[]; byPayeeAndLine: PayeeBudgetLineTotal[] }> {
  const rows = await rowsOf<{ provider_partner_id: string | null; budget_line_code: string; lines: number; total: number }>(
    db,
    sql`select provider_partner_id, budget_line_code, count(*)::int as lines, sum(amount_pence)::bigint as total
          from pay_run_line where place_id = ${placeId} and pay_run_id = ${runId}
         group by provider_partner_id, budget_line_code order by provider_partner_id nulls last, budget_line_code`,
  );
  const byPayee = new Map<string | null, PayeeTotal>();
  const byLine = new Map<string, BudgetLineTotal>();
  for (const r of rows) {
    const p = byPayee.get(r.provider_partner_id) ?? { providerPartnerId: r.provider_partner_id, lines: 0, totalPence: 0 };
    p.lines += Number(r.lines);
    p.totalPence += Number(r.total);
    byPayee.set(r.provider_partner_id, p);
    const l = byLine.get(r.budget_line_code) ?? { code: r.budget_line_code, lines: 0, totalPence: 0 };
    l.lines += Number(r.lines);
    l.totalPence += Number(r.total);
    byLine.set(r.budget_line_code, l);
  }
  return {
    byPayee: [...byPayee.values()],
    byBudgetLine: [...byLine.values()].sort((a, b) => a.code.localeCompare(b.code)),
    byPayeeAndLine: rows.map((r) => ({ providerPartnerId: r.provider_partner_id, code: r.budget_line_code, totalPence: Number(r.total) })),
  };
}

export type RunLineRow = {
  id: string;
  providerPartnerId: string | null;
  invoiceLineId: string | null;
  directPaymentPeriodId: string | null;
  serviceLineId: string | null;
  personId: string | null;
  budgetLineCode: string;
  amountPence: number;
  invoiceReference: string | null;
  lineNo: number | null;
  lineReference: string | null;
  periodFrom: string;
  periodTo: string;
  unit: string | null;
  quantityHundredths: number | null;
};

/** A run's lines with what identifies them to the payee (invoice reference and line, period), a page at a time. */
export async function runLines(db: Executor, placeId: string, runId: string, q: { providerPartnerId?: string | null; after?: string | null; limit: number }): Promise<RunLineRow[]> {
  const payee =
    q.providerPartnerId === undefined ? sql`` : q.providerPartnerId === null ? sql`and p.provider_partner_id is null` : sql`and p.provider_partner_id = ${q.providerPartnerId}::uuid`;
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select p.id, p.provider_partner_id, p.invoice_line_id, p.direct_payment_period_id, p.service_line_id, p.person_id, p.budget_line_code, p.amount_pence,
               i.provider_reference, il.line_no, il.line_reference, coalesce(il.period_from, pp.period_from) as period_from,
               coalesce(il.period_to, pp.period_to) as period_to, il.unit, il.quantity_hundredths
          from pay_run_line p
          left join invoice_line il on il.place_id = p.place_id and il.id = p.invoice_line_id
          left join invoice i on i.place_id = il.place_id and i.id = il.invoice_id
          left join direct_payment_period pp on pp.place_id = p.place_id and pp.id = p.direct_payment_period_id
         where p.place_id = ${placeId} and p.pay_run_id = ${runId} ${payee} ${q.after ? sql`and p.id > ${q.after}::uuid` : sql``}
         order by p.id limit ${q.limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    providerPartnerId: (r.provider_partner_id as string | null) ?? null,
    invoiceLineId: (r.invoice_line_id as string | null) ?? null,
    directPaymentPeriodId: (r.direct_payment_period_id as string | null) ?? null,
    serviceLineId: (r.service_line_id as string | null) ?? null,
    personId: (r.person_id as string | null) ?? null,
    budgetLineCode: String(r.budget_line_code),
    amountPence: Number(r.amount_pence),
    invoiceReference: (r.provider_reference as string | null) ?? null,
    lineNo: r.line_no == null ? null : Number(r.line_no),
    lineReference: (r.line_reference as string | null) ?? null,
    periodFrom: String(r.period_from),
    periodTo: String(r.period_to),
    unit: (r.unit as string | null) ?? null,
    quantityHundredths: r.quantity_hundredths == null ? null : Number(r.quantity_hundredths),
  }));
}

/** Marks the run's invoice lines paid (they must still be approved); answers how many were marked and how many the run holds. */
export async function markInvoiceLinesPaid(tx: Executor, placeId: string, runId: string): Promise<{ marked: number; held: number }> {
  const [row] = await rowsOf<{ marked: number; held: number }>(
    tx,
    sql`with marked as (
          update invoice_line il set status = 'paid', version = il.version + 1
            from pay_run_line p
           where p.place_id = ${placeId} and p.pay_run_id = ${runId} and il.place_id = p.place_id and il.id = p.invoice_line_id and il.status = 'approved'
          returning 1)
        select (select count(*)::int from marked) as marked,
               (select count(*)::int from pay_run_line where place_id = ${placeId} and pay_run_id = ${runId} and invoice_line_id is not null) as held`,
  );
  return { marked: Number(row?.marked ?? 0), held: Number(row?.held ?? 0) };
}

export async function deleteRunLines(tx: Executor, placeId: string, runId: string): Promise<number> {
  const rows = await rowsOf<{ n: number }>(
    tx,
    sql`with gone as (delete from pay_run_line where place_id = ${placeId} and pay_run_id = ${runId} returning 1) select count(*)::int as n from gone`,
  );
  return Number(rows[0]?.n ?? 0);
}

export type PayeeBank = { partnerId: string; name: string; accountName: string | null; sortCode: string | null; accountNumber: string | null };

/** Payees' names and bank details (in full: only the export file and the masking below read them). */
export async function payeeBanks(db: Executor, placeId: string, partnerIds: string[]): Promise<Map<string, PayeeBank>> {
  if (partnerIds.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; name: string; bank_account_name: string | null; bank_sort_code: string | null; bank_account_number: string | null }>(
    db,
    sql`select p.id, p.name, pp.bank_account_name, pp.bank_sort_code, pp.bank_account_number
          from partner p left join provider_profile pp on pp.place_id = p.place_id and pp.partner_id = p.id
         where p.place_id = ${placeId} and p.id in (select unnest(${`{${partnerIds.join(',')}}`}::uuid[]))`,
  );
  return new Map(rows.map((r) => [r.id, { partnerId: r.id, name: r.name, accountName: r.bank_account_name, sortCode: r.bank_sort_code, accountNumber: r.bank_account_number }]));
}

/** Posted (or exported) runs that paid this provider, newest first, with its total in each. */
export async function remittancesOfProvider(db: Executor, placeId: string, providerPartnerId: string, limit: number): Promise<{ run: PayRunRow; lines: number; totalPence: number }[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select r.*, t.lines, t.total from pay_run r
          join (select pay_run_id, count(*)::int as lines, sum(amount_pence)::bigint as total from pay_run_line
                 where place_id = ${placeId} and provider_partner_id = ${providerPartnerId}::uuid group by pay_run_id) t on t.pay_run_id = r.id
         where r.place_id = ${placeId} and r.status = 'posted'
         order by r.posted_at desc, r.id desc limit ${limit}`,
  );
  return rows.map((r) => ({ run: payRunOfRow(r), lines: Number(r.lines), totalPence: Number(r.total) }));
}

export function setRunTotal(placeId: string, runId: string, totalPence: number) {
  return sql`update pay_run set total_pence = ${totalPence} where place_id = ${placeId} and id = ${runId}`;
}

export function approveRun(placeId: string, runId: string, userId: string, at: Date) {
  return sql`update pay_run set status = 'approved', approved_by = ${userId}, approved_at = ${at.toISOString()}, version = version + 1
              where place_id = ${placeId} and id = ${runId} and status = 'draft'`;
}

export function cancelRun(placeId: string, runId: string) {
  return sql`update pay_run set status = 'cancelled', total_pence = 0, version = version + 1 where place_id = ${placeId} and id = ${runId}`;
}

/** The first export moves an approved run on; a later export of the same run is only recorded in the audit. */
export function markExported(placeId: string, runId: string, userId: string, at: Date) {
  return sql`update pay_run set status = 'exported', exported_at = ${at.toISOString()}, exported_by = ${userId}, version = version + 1
              where place_id = ${placeId} and id = ${runId} and status = 'approved'`;
}

export function markPosted(placeId: string, runId: string, userId: string, at: Date, on: string, journalId: string | null) {
  return sql`update pay_run set status = 'posted', posted_at = ${at.toISOString()}, posted_by = ${userId}, posted_on = ${on}, journal_id = ${journalId}, version = version + 1
              where place_id = ${placeId} and id = ${runId}`;
}
