/** The Section 75 agreement's calls (docs/api.md "Section 75 agreement"); shapes from the server's schemas. */
import type { z } from 'zod';
import { request } from '../api';
import type {
  agreementWithYearsSchema,
  contributionsSchema,
  receiptSchema,
  riskSharePreviewSchema,
  scheduleSchema,
  scheduleVersionsSchema,
  variationSchema,
} from '../../../src/finance/agreement-api-schemas';
import type { ReceiptInput, VariationInput } from '../../../src/finance/agreement-inputs';

export type Agreement = z.output<typeof agreementWithYearsSchema>;
export type Schedule = z.output<typeof scheduleSchema>;
export type ScheduleVersions = z.output<typeof scheduleVersionsSchema>;
export type Contributions = z.output<typeof contributionsSchema>;
export type Movement = z.output<typeof variationSchema>;
export type Receipt = z.output<typeof receiptSchema>;
export type RiskSharePreview = z.output<typeof riskSharePreviewSchema>;
export type RiskRule = Schedule['riskShare']['overspend'];
export type FundingStream = Contributions['lines'][number]['stream'];

const year = (fy: string) => `/api/finance/years/${encodeURIComponent(fy)}`;

export const agreementApi = {
  agreement: () => request<Agreement>('/api/finance/agreement'),
  versions: (fy: string) => request<ScheduleVersions>(`${year(fy)}/schedule/versions`),
  contributions: (fy: string) => request<Contributions>(`${year(fy)}/contributions`),
  recordReceipt: (fy: string, body: ReceiptInput) => request<Receipt>(`${year(fy)}/receipts`, { method: 'POST', body }),
  recordVariation: (fy: string, body: VariationInput) => request<Movement>(`${year(fy)}/variations`, { method: 'POST', body }),
};

export const streamLabels: Record<FundingStream, string> = {
  nhs_minimum: 'NHS (ICB/PCT) minimum contribution',
  council: 'Council contribution',
  ibcf: 'Improved Better Care Fund (iBCF)',
  disabled_facilities_grant: 'Disabled Facilities Grant',
  client_charges: 'Client charges',
  additional: 'Additional contribution',
};
