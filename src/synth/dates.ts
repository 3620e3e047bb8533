/** Date arithmetic on YYYY-MM-DD strings, in UTC so the generator never depends on the host's zone. */

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return fmt(Date.UTC(y, m - 1, d + days));
}

/**
 * A birth date that makes someone exactly `age` on `on`: `offset` (0–364) picks the day within
 * the year of dates that all give that age.
 */
export function birthDateForAge(on: string, age: number, offset: number): string {
  const [y, m, d] = parts(on);
  return fmt(Date.UTC(y - age - 1, m - 1, d + 1 + Math.min(364, Math.max(0, offset))));
}

/** An instant on a day, at an hour UTC. */
export function instantOn(iso: string, hour = 0, minute = 0): Date {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d, hour, minute));
}
