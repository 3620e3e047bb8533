/**
 * The UK public sector's financial year runs 1 April to 31 March and is named by its two calendar
 * years, e.g. "2009-10" (1 April 2009 – 31 March 2010). Months are "YYYY-MM". Dates are ISO
 * YYYY-MM-DD strings in Europe/London (dates.ts), so all of this is text arithmetic.
 */
import { z } from 'zod';

const fyPattern = /^(\d{4})-(\d{2})$/;

/** True when the text names a financial year as "2009-10". */
export function isFinancialYear(text: string): boolean {
  const m = fyPattern.exec(text);
  return Boolean(m && (Number(m[1]) + 1) % 100 === Number(m[2]));
}

export const financialYear = z.string().refine(isFinancialYear, { error: 'Give a financial year as YYYY-YY, e.g. 2009-10 (1 April 2009 to 31 March 2010).' });

/** The financial year a date falls in. */
export function financialYearOf(day: string): string {
  const y = Number(day.slice(0, 4));
  const start = Number(day.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The first and last day of a financial year. */
export function financialYearBounds(fy: string): { from: string; to: string } {
  const start = Number(fy.slice(0, 4));
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The twelve months of a financial year, April first, as "YYYY-MM". */
export function monthsOfFinancialYear(fy: string): string[] {
  const start = Number(fy.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${i < 9 ? start : start + 1}-${String(m).padStart(2, '0')}`;
  });
}

/** The month ("YYYY-MM") a date falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The last day of a month "YYYY-MM". */
export function lastDayOfMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Give a month as YYYY-MM, e.g. 2009-04.' });
