/**
 * Finance's work queue of invoices and the provider's own list: invoices with their lines'
 * statuses, one invoice with each line's planned, delivered and invoiced figures and its history.
 * Finance sees a package by its service line reference, never a person's name, so no person data
 * is read here; every read is audited.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { NotFoundError } from '../platform/errors.js';
import { partnersByIds } from '../partnership/lookups.js';
import type { InvoiceQueueQuery } from './invoice-inputs.js';
import * as q from './invoice-queries.js';
import { invoiceLineView, invoiceView, type InvoiceLineView, type InvoiceView } from './invoice-views.js';
import { providerOfActor } from './invoices.js';
import { mustHoldCommissioningRole } from './roles.js';

export type InvoiceDetail = InvoiceView & { invoiceLines: InvoiceLineView[] };

async function listOf(ctx: Ctx, f: InvoiceQueueQuery, action: string): Promise<InvoiceView[]> {
  const placeId = ctx.actor.placeId;
  return auditedRead(ctx, async (db) => {
    const rows = await q.selectInvoices(db, placeId, f);
    const names = await partnersByIds(db, placeId, [...new Set(rows.map((r) => r.providerPartnerId))]);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action, personIds: [], detail: { ...f, invoices: rows.length } });
    return rows.map((r) => invoiceView(r, names.get(r.providerPartnerId)?.name ?? '', r.counts));
  });
}

async function detailOf(ctx: Ctx, id: string, action: string, providerPartnerId?: string): Promise<InvoiceDetail> {
  const placeId = ctx.actor.placeId;
  return auditedRead(ctx, async (db) => {
    const i = await q.invoiceById(db, placeId, id);
    // Another provider's invoice reads as no invoice at all: the portal tells a provider nothing of others.
    if (!i || (providerPartnerId && i.providerPartnerId !== providerPartnerId)) throw new NotFoundError(`No invoice ${id}.`);
    const lines = await q.linesOfInvoice(db, placeId, id);
    const events = await q.eventsOfLines(db, placeId, lines.map((l) => l.id));
    const name = (await partnersByIds(db, placeId, [i.providerPartnerId])).get(i.providerPartnerId)?.name ?? '';
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action, personIds: [], detail: { invoiceId: id } });
    const counts = lines.reduce<Record<string, number>>((c, l) => ({ ...c, [l.status]: (c[l.status] ?? 0) + 1 }), {});
    return { ...invoiceView(i, name, counts), invoiceLines: lines.map((l) => invoiceLineView(l, events.filter((e) => e.invoiceLineId === l.id))) };
  });
}

export async function invoiceQueue(ctx: Ctx, f: InvoiceQueueQuery): Promise<InvoiceView[]> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.invoices_read', 'read providers’ invoices');
  return listOf(ctx, f, 'commissioning.invoices_read');
}

export async function invoiceDetail(ctx: Ctx, id: string): Promise<InvoiceDetail> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.invoices_read', 'read providers’ invoices');
  return detailOf(ctx, id, 'commissioning.invoices_read');
}

/** The provider's own invoices (the portal). */
export async function ownInvoices(ctx: Ctx, f: InvoiceQueueQuery): Promise<InvoiceView[]> {
  const providerPartnerId = providerOfActor(ctx);
  return listOf(ctx, { ...f, providerPartnerId }, 'portal.invoices_read');
}

export async function ownInvoice(ctx: Ctx, id: string): Promise<InvoiceDetail> {
  return detailOf(ctx, id, 'portal.invoices_read', providerOfActor(ctx));
}
