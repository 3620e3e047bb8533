/** How invoices and their lines read to finance staff and to the provider (no person data: a package is its line reference). */
import type { InvoiceLineEventRow, InvoiceLineRow, InvoiceRow } from './invoice-queries.js';

const units = (h: number | null) => (h === null ? null : h / 100);

export type InvoiceLineView = ReturnType<typeof invoiceLineView>;
export function invoiceLineView(l: InvoiceLineRow, events: InvoiceLineEventRow[] = []) {
  return {
    id: l.id,
    invoiceId: l.invoiceId,
    lineNo: l.lineNo,
    lineReference: l.lineReference,
    serviceLineId: l.serviceLineId,
    periodFrom: l.periodFrom,
    periodTo: l.periodTo,
    unit: l.unit,
    quantity: l.quantityHundredths / 100,
    ratePence: l.ratePence,
    amountPence: l.amountPence,
    planned: units(l.plannedHundredths),
    delivered: units(l.deliveredHundredths),
    contractRatePence: l.contractRatePence,
    status: l.status,
    holdReason: l.holdReason,
    holdDetail: l.holdDetail,
    disputeNote: l.disputeNote,
    budgetLineCode: l.budgetLineCode,
    approvedAt: l.approvedAt?.toISOString() ?? null,
    version: l.version,
    history: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, holdReason: e.holdReason, note: e.note, at: e.at.toISOString() })),
  };
}

export type InvoiceView = ReturnType<typeof invoiceView>;
export function invoiceView(i: InvoiceRow, providerName: string, counts: Record<string, number> = {}) {
  return {
    id: i.id,
    providerPartnerId: i.providerPartnerId,
    providerName,
    reference: i.providerReference,
    periodFrom: i.periodFrom,
    periodTo: i.periodTo,
    source: i.source,
    submittedAt: i.submittedAt.toISOString(),
    totalPence: i.totalPence,
    lines: i.linesRead,
    counts: { matched: counts.matched ?? 0, held: counts.held ?? 0, disputed: counts.disputed ?? 0, approved: counts.approved ?? 0, paid: counts.paid ?? 0 },
  };
}
