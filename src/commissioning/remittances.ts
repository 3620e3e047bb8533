/**
 * A remittance advice: what a pay run paid one provider, line by line as the provider invoiced it
 * (its invoice reference and line, the package reference, the period, the amount). Never a
 * person's name or NHS number; the bank account is masked to its last four digits. The same data
 * makes the page, the CSV and the PDF, for commissioning staff and (their own only) provider staff.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { partnersByIds } from '../partnership/lookups.js';
import type { Executor } from '../platform/db.js';
import { formatPounds } from '../platform/money.js';
import { ForbiddenError, NotFoundError } from '../platform/errors.js';
import { tableToCsv } from '../reporting/table-export.js';
import { remittanceReference } from './pay-run-post.js';
import * as q from './pay-run-queries.js';
import { pdfOfLines, type PdfLine } from './remittance-pdf.js';

export type RemittanceLine = {
  invoiceReference: string;
  lineNo: number;
  packageReference: string;
  periodFrom: string;
  periodTo: string;
  unit: string;
  quantityHundredths: number;
  amountPence: number;
};

export type Remittance = {
  payRunId: string;
  remittanceReference: string;
  status: string;
  periodFrom: string;
  periodTo: string;
  paidOn: string | null;
  provider: { id: string; name: string; bankAccountName: string | null; bankAccountMasked: string | null };
  payingPartner: { id: string; name: string };
  lines: RemittanceLine[];
  totalPence: number;
};

/** ****1234: only the last four digits of an account number are ever shown. */
export function maskedAccount(accountNumber: string | null): string | null {
  return accountNumber ? `****${accountNumber.slice(-4)}` : null;
}

async function remittanceOf(db: Executor, placeId: string, runId: string, providerId: string): Promise<Remittance> {
  const run = await q.payRunById(db, placeId, runId);
  if (!run) throw new NotFoundError('There is no pay run with this id in this place.');
  const rows: q.RunLineRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await q.runLines(db, placeId, runId, { providerPartnerId: providerId, after, limit: 5000 });
    rows.push(...page);
    if (page.length < 5000) break;
    after = page[page.length - 1]!.id;
  }
  if (rows.length === 0) throw new NotFoundError('This pay run pays nothing to that provider, so there is no remittance for it.');
  const bank = (await q.payeeBanks(db, placeId, [providerId])).get(providerId);
  const payer = (await partnersByIds(db, placeId, [run.payingPartnerId])).get(run.payingPartnerId);
  const lines = rows
    .map((r) => ({
      invoiceReference: r.invoiceReference ?? '',
      lineNo: r.lineNo ?? 0,
      packageReference: r.lineReference ?? r.serviceLineId ?? '',
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      unit: r.unit ?? '',
      quantityHundredths: r.quantityHundredths ?? 0,
      amountPence: r.amountPence,
    }))
    .sort((a, b) => a.invoiceReference.localeCompare(b.invoiceReference) || a.lineNo - b.lineNo);
  return {
    payRunId: run.id,
    remittanceReference: remittanceReference(run.id, providerId),
    status: run.status,
    periodFrom: run.periodFrom,
    periodTo: run.periodTo,
    paidOn: run.postedOn,
    provider: { id: providerId, name: bank?.name ?? '', bankAccountName: bank?.accountName ?? null, bankAccountMasked: maskedAccount(bank?.accountNumber ?? null) },
    payingPartner: { id: run.payingPartnerId, name: payer?.name ?? '' },
    lines,
    totalPence: lines.reduce((s, l) => s + l.amountPence, 0),
  };
}

export function remittanceCsv(r: Remittance): string {
  return tableToCsv({
    columns: [
      { header: 'remittance_reference', kind: 'text' },
      { header: 'invoice_reference', kind: 'text' },
      { header: 'invoice_line', kind: 'integer' },
      { header: 'package_reference', kind: 'text' },
      { header: 'period_from', kind: 'date' },
      { header: 'period_to', kind: 'date' },
      { header: 'unit', kind: 'text' },
      { header: 'quantity', kind: 'text' },
      { header: 'amount', kind: 'pence' },
    ],
    rows: r.lines.map((l) => [r.remittanceReference, l.invoiceReference, l.lineNo, l.packageReference, l.periodFrom, l.periodTo, l.unit, (l.quantityHundredths / 100).toFixed(2), l.amountPence]),
  });
}

export function remittancePdf(r: Remittance): Buffer {
  const lines: PdfLine[] = [
    { text: 'Remittance advice', bold: true, size: 18 },
    { text: `${r.provider.name}`, bold: true, size: 12, gapBefore: 6 },
    { text: `Remittance reference: ${r.remittanceReference}` },
    { text: `Paid by: ${r.payingPartner.name}${r.paidOn ? ` on ${r.paidOn}` : ` (pay run ${r.status}, not yet paid)`}` },
    { text: `Pay run period: ${r.periodFrom} to ${r.periodTo}` },
    { text: `Into account: ${r.provider.bankAccountName ?? 'not held'} ${r.provider.bankAccountMasked ?? ''}`.trim() },
    { text: `Total paid: ${formatPounds(r.totalPence)} for ${r.lines.length} invoice line${r.lines.length === 1 ? '' : 's'}`, bold: true, gapBefore: 4 },
    { text: 'Invoice / line    Package reference                         Period                      Amount', bold: true, size: 9, gapBefore: 10 },
    ...r.lines.map((l) => ({
      text: `${`${l.invoiceReference} / ${l.lineNo}`.padEnd(18)}${l.packageReference.padEnd(42).slice(0, 42)}${`${l.periodFrom} to ${l.periodTo}`.padEnd(28)}${formatPounds(l.amountPence)}`,
      size: 9,
    })),
  ];
  return pdfOfLines(`Remittance ${r.remittanceReference}`, lines);
}

export async function readRemittance(ctx: Ctx, runId: string, providerId: string, format: 'json' | 'csv' | 'pdf'): Promise<Remittance> {
  return auditedRead(ctx, async (db) => {
    const r = await remittanceOf(db, ctx.actor.placeId, runId, providerId);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'commissioning.remittance_read', personIds: [], detail: { payRunId: runId, providerId, format, lines: r.lines.length } });
    return r;
  });
}

function ownProvider(ctx: Ctx): string {
  const id = ctx.actor.providerPartnerId;
  if (ctx.actor.role !== 'provider_staff' || !id) throw new ForbiddenError('Remittances in the portal are for provider staff, who see their own provider’s only.');
  return id;
}

export type PortalRemittanceItem = { payRunId: string; remittanceReference: string; periodFrom: string; periodTo: string; paidOn: string | null; lines: number; totalPence: number };

/** The provider's own remittances (posted runs only), newest first. */
export async function portalRemittances(ctx: Ctx): Promise<{ provider: { id: string; name: string }; remittances: PortalRemittanceItem[] }> {
  const providerId = ownProvider(ctx);
  return auditedRead(ctx, async (db) => {
    const rows = await q.remittancesOfProvider(db, ctx.actor.placeId, providerId, 100);
    const name = (await partnersByIds(db, ctx.actor.placeId, [providerId])).get(providerId)?.name ?? '';
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'portal.remittance_list', personIds: [], detail: { providerId, results: rows.length } });
    return {
      provider: { id: providerId, name },
      remittances: rows.map((r) => ({
        payRunId: r.run.id,
        remittanceReference: remittanceReference(r.run.id, providerId),
        periodFrom: r.run.periodFrom,
        periodTo: r.run.periodTo,
        paidOn: r.run.postedOn,
        lines: r.lines,
        totalPence: r.totalPence,
      })),
    };
  });
}

/** One of the provider's own remittances; a run that paid it nothing (or is not yet posted) is not found. */
export async function portalRemittance(ctx: Ctx, runId: string, format: 'json' | 'csv' | 'pdf'): Promise<Remittance> {
  const providerId = ownProvider(ctx);
  return auditedRead(ctx, async (db) => {
    const r = await remittanceOf(db, ctx.actor.placeId, runId, providerId);
    if (r.status !== 'posted') throw new NotFoundError('This remittance is not ready: the pay run has not been paid yet.');
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'portal.remittance_read', personIds: [], detail: { payRunId: runId, providerId, format } });
    return r;
  });
}
