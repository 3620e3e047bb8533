/** The market view's calls and the shapes its page reads (the server's zod schemas are the contract). */
import type { z } from 'zod';
import { mayCommission } from '../../../src/commissioning/role-lists';
import { request } from '../api';
import type { inHouseComparisonSchema, marketViewSchema, utilisationSchema } from '../../../src/commissioning/market-api-schemas';

export type MarketView = z.output<typeof marketViewSchema>;
export type Utilisation = z.output<typeof utilisationSchema>;
export type InHouseComparison = z.output<typeof inHouseComparisonSchema>;
export type MarketBy = MarketView['by'];

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const marketApi = {
  market: (q: { from?: string; to?: string; by: MarketBy }) => request<MarketView>(`/api/commissioning/market${query(q)}`),
  csvHref: (q: { from?: string; to?: string; by: MarketBy }) => `/api/commissioning/market.csv${query(q)}`,
  utilisation: () => request<Utilisation>('/api/commissioning/market/utilisation'),
  inHouse: (q: { from?: string; to?: string }) => request<InHouseComparison>(`/api/commissioning/market/in-house-comparison${query(q)}`),
};

/** Who reads the market view: the server's commissioning read roles. */
export const readsMarket = (role: string) => mayCommission(role, 'read');
