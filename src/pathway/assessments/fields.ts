import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.js';
import { InvalidError, type ErrorDetail } from '../../platform/errors.js';

/** Free text a practitioner types: bounded, and never control characters other than line breaks. */
export const freeText = (max = 4000) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => ![...s].some(isControlCharacter), 'contains control characters');

/** Free text that must say something. */
export const requiredText = (max: number, what = 'is required') => freeText(max).refine((s) => s.trim().length > 0, what);

function isControlCharacter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
}

export const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

/** The version the user last read: a whole number, 1 or more. */
export const versionField = z.number({ message: 'must be the version you read (a whole number)' }).int('must be a whole number').min(1, 'must be 1 or more');

/** Zod's issues as the field-and-problem details every error answer carries. */
export function detailsOfIssues(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.flatMap((i) => {
    const path = [prefix, ...i.path.map(String)].filter((p) => p.length > 0).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ field: `${path}.${k}`, problem: 'is not a field this section has' }));
    }
    return [{ field: path || prefix, problem: i.message }];
  });
}

export function parseOrInvalid<S extends z.ZodType>(schema: S, value: unknown, prefix: string, message: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = detailsOfIssues(parsed.error, prefix);
  throw new InvalidError(`${message}: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}`, details);
}

/** Calendar days from one London date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A London date moved by whole days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A London date moved by whole months; the 31st becomes the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** Pence as people read money: £1,234.56. */
export function pounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${whole}.${String(abs % 100).padStart(2, '0')}`;
}
