/**
 * The coded lists and their words, as the server validates them (GET /api/codes): a select never
 * offers a code the server refuses, and a profession or a role reads the same on every page. They
 * change only with a new release, so they are fetched once a session.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { codeSchema, codesSchema } from '../../src/pathway/reference/api-schemas';
import { request } from './api';
import { humanise } from './format';

export type Code = z.output<typeof codeSchema>;
export type Codes = z.output<typeof codesSchema>;

export type CodeList = keyof Codes;

export const fetchCodes = () => request<Codes>('/api/codes');

/** The lists, once loaded (undefined while they load). */
export function useCodes(): Codes | undefined {
  return useQuery({ queryKey: ['codes'], queryFn: fetchCodes, staleTime: Infinity, gcTime: Infinity }).data;
}

/** The words for a code in a list; while the lists load, or for a code not in them, the code made readable. */
export function labelFrom(list: readonly Code[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  return list?.find((c) => c.code === code)?.label ?? humanise(code);
}

/** A function from a code of one list to its words, for a component that labels many. */
export function useLabels(list: CodeList): (code: string | null | undefined) => string {
  const codes = useCodes();
  return (code) => labelFrom(codes?.[list], code);
}
