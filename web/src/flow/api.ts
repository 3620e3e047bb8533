/** The hospital flow API, on the app's one request function. */
import type { z } from 'zod';
import type { boardSchema, flowMeasuresSchema, stayViewSchema } from '../../../src/flow/api-schemas';
import { request } from '../api';

export type Board = z.output<typeof boardSchema>;
export type ZoneRef = Board['zones'][number];
export type Stay = z.output<typeof stayViewSchema>;

/** GET /api/flow/measures. */
export type Measures = z.output<typeof flowMeasuresSchema>;

export type MeasureFilter = { zone?: string; from?: string; to?: string };

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const flowApi = {
  board: (f: { zone?: string; pathway?: string }) => request<Board>(`/api/flow/board${query(f)}`),
  staysOf: (personId: string) => request<{ stays: Stay[] }>(`/api/people/${encodeURIComponent(personId)}/stays`),
  measures: (f: MeasureFilter) => request<Measures>(`/api/flow/measures${query(f)}`),
  csvUrl: (measure: string, f: MeasureFilter) => `/api/flow/measures.csv${query({ measure, ...f })}`,
};

export const pathwayShort = (p: number | null) => (p === null ? 'Not decided' : `Pathway ${p}`);
