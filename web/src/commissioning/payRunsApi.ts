/** The pay runs' API calls (src/commissioning/pay-run-routes.ts). */
import type { z } from 'zod';
import type { directPaymentListSchema, payRunListSchema, payRunSchema, remittanceSchema } from '../../../src/commissioning/pay-run-api-schemas';
import { mayCommission } from '../../../src/commissioning/role-lists';
import { request } from '../api';

export type PayRun = z.output<typeof payRunSchema>;
export type PayRunList = z.output<typeof payRunListSchema>;
export type Remittance = z.output<typeof remittanceSchema>;
export type DirectPaymentList = z.output<typeof directPaymentListSchema>;

/** Who may prepare, export and post pay runs (the server's commissioningRoles.pay). */
export const paysProviders = (role: string) => mayCommission(role, 'pay');
export const readsPayRuns = (role: string) => mayCommission(role, 'read');

export const payRunsApi = {
  list: () => request<PayRunList>('/api/commissioning/pay-runs'),
  one: (id: string) => request<PayRun>(`/api/commissioning/pay-runs/${id}`),
  draft: (body: { cadence: string; periodTo: string; payingPartnerId: string }) => request<PayRun>('/api/commissioning/pay-runs', { method: 'POST', body }),
  act: (id: string, step: 'approve' | 'post' | 'cancel') => request<PayRun>(`/api/commissioning/pay-runs/${id}/${step}`, { method: 'POST', body: {} }),
  remittance: (id: string, providerId: string) => request<Remittance>(`/api/commissioning/pay-runs/${id}/remittances/${providerId}`),
  directPayments: () => request<DirectPaymentList>('/api/commissioning/direct-payments'),
};

/** £1,234.56 from whole pence. */
export function pounds(p: number): string {
  const abs = Math.abs(p);
  return `${p < 0 ? '−' : ''}£${Math.floor(abs / 100).toLocaleString('en-GB')}.${String(abs % 100).padStart(2, '0')}`;
}
