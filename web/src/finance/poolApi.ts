/** The pooled budget's calls and the shapes its pages read (the server's zod schemas are the contract). */
import type { z } from 'zod';
import { request } from '../api';
import type { commentaryListSchema, commentSchema, historySchema, lineSchema, poolSchema, snapshotTakenSchema } from '../../../src/finance/pool-api-schemas';

export type Pool = z.output<typeof poolSchema>;
export type PoolLine = Pool['lines'][number];
export type LineDrillDown = z.output<typeof lineSchema>;
export type Snapshot = LineDrillDown['history'][number];
export type VarianceComment = z.output<typeof commentSchema>;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const poolApi = {
  pool: (q: { fy?: string; on?: string }) => request<Pool>(`/api/finance/pool${query(q)}`),
  line: (code: string, q: { fy?: string; on?: string; after?: string; limit?: number }) => request<LineDrillDown>(`/api/finance/pool/lines/${encodeURIComponent(code)}${query(q)}`),
  history: (q: { fy?: string; code?: string }) => request<z.output<typeof historySchema>>(`/api/finance/pool/history${query(q)}`),
  takeSnapshot: (month: string) => request<z.output<typeof snapshotTakenSchema>>('/api/finance/pool/snapshots', { method: 'POST', body: { month } }),
  commentary: (q: { fy?: string; month?: string; code?: string }) => request<z.output<typeof commentaryListSchema>>(`/api/finance/pool/commentary${query(q)}`),
  comment: (body: { month: string; code: string; text: string }) => request<VarianceComment>('/api/finance/pool/commentary', { method: 'POST', body }),
};

/** Who reads the open book and who posts to it (src/finance/roles.ts says the same). */
export { postsToPool, readsPool } from './roles';

/** "May 2026" from "2026-05". */
export function monthLabel(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}
