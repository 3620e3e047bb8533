/** Dates are YYYY-MM-DD in Europe/London; instants are UTC. */
const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = isoDate.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  // YYYY-MM-DD: a birthday not yet reached this year is a later MM-DD, as text too.
  return Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (on.slice(5, 10) < birthDate.slice(5, 10) ? 1 : 0);
}

/** Accepts DD/MM/YYYY or YYYY-MM-DD as a person would type it; null when it is neither. */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
