/** The invoice API calls (src/commissioning/invoice-routes.ts). */
import type { z } from 'zod';
import type { invoiceDetailSchema, invoiceLineSchema, invoiceSchema } from '../../../src/commissioning/invoice-api-schemas';
import { mayCommission } from '../../../src/commissioning/role-lists';
import { request } from '../api';

export type Invoice = z.output<typeof invoiceSchema>;
export type InvoiceDetail = z.output<typeof invoiceDetailSchema>;
export type InvoiceLine = z.output<typeof invoiceLineSchema>;

export const readsInvoices = (role: string) => mayCommission(role, 'read');
export const paysInvoices = (role: string) => mayCommission(role, 'pay');

export const holdReasonWords: Record<string, string> = {
  no_such_package: 'No such package',
  ended_package: 'Package ended or not started',
  over_delivery: 'Over-delivery',
  duplicate: 'Duplicate',
  rate_mismatch: 'Rate mismatch',
  not_delivered: 'Not delivered',
};

export const invoicesApi = {
  queue: (status: string) => request<{ invoices: Invoice[] }>(`/api/commissioning/invoices${status ? `?status=${encodeURIComponent(status)}` : ''}`),
  invoice: (id: string) => request<InvoiceDetail>(`/api/commissioning/invoices/${encodeURIComponent(id)}`),
  approve: (id: string, version: number) => request<InvoiceLine>(`/api/commissioning/invoice-lines/${id}/approve`, { method: 'POST', body: { version } }),
  release: (id: string, version: number, reason: string) => request<InvoiceLine>(`/api/commissioning/invoice-lines/${id}/release`, { method: 'POST', body: { version, reason } }),
  dispute: (id: string, version: number, note: string) => request<InvoiceLine>(`/api/commissioning/invoice-lines/${id}/dispute`, { method: 'POST', body: { version, note } }),
  own: () => request<{ invoices: Invoice[] }>('/api/portal/invoices'),
  ownInvoice: (id: string) => request<InvoiceDetail>(`/api/portal/invoices/${encodeURIComponent(id)}`),
};
