/** The GL import's API calls (src/finance/gl-routes.ts). */
import type { z } from 'zod';
import type { glHeldSchema, glImportResultSchema, glImportSchema, glMappingSchema, glReleaseSchema } from '../../../src/finance/gl-api-schemas';
import { ApiError, request } from '../api';

export type GlImport = z.output<typeof glImportSchema>;
export type GlImportResult = z.output<typeof glImportResultSchema>;
export type GlHeld = z.output<typeof glHeldSchema>;
export type GlMapping = z.output<typeof glMappingSchema>;
export type GlRelease = z.output<typeof glReleaseSchema>;
export type GlMappingBody = { partnerId: string; costCentre: string; subjective: string; budgetLineCode: string; validFrom: string; validTo?: string | null };

/** The file goes as its bytes (text/csv), so the server can tell UTF-8 from anything else. */
async function upload(partnerId: string, file: File): Promise<GlImportResult> {
  const { csrfToken } = await request<{ csrfToken: string }>('/api/session');
  const url = `/api/finance/gl/imports?partnerId=${encodeURIComponent(partnerId)}&fileName=${encodeURIComponent(file.name)}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'text/csv', accept: 'application/json', 'x-csrf-token': csrfToken }, body: await file.arrayBuffer() });
  } catch {
    throw new ApiError(0, 'network', 'Caretrust could not reach the server. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const details = Array.isArray(body.details) ? (body.details as { field: string; problem: string }[]) : [];
    throw new ApiError(response.status, String(body.error ?? response.status), typeof body.message === 'string' ? body.message : `The import failed (${response.status}).`, details, body);
  }
  return body as unknown as GlImportResult;
}

export const glApi = {
  upload,
  imports: () => request<{ imports: GlImport[] }>('/api/finance/gl/imports'),
  held: () => request<{ lines: GlHeld[] }>('/api/finance/gl/held'),
  release: () => request<GlRelease>('/api/finance/gl/held/release', { method: 'POST', body: {} }),
  mappings: () => request<{ mappings: GlMapping[] }>('/api/finance/gl/mappings'),
  addMapping: (body: GlMappingBody) => request<GlMapping>('/api/finance/gl/mappings', { method: 'POST', body }),
  endMapping: (id: string, validTo: string) => request<GlMapping>(`/api/finance/gl/mappings/${id}/end`, { method: 'POST', body: { validTo } }),
};

