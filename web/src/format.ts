/** How Caretrust writes things for people: NHS style (GOV.UK/NHS content guides), UK time. */

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "9434765919" → "943 476 5919" (the NHS number's 3-3-4 grouping). */
export function formatNhsNumber(nhsNumber: string | null | undefined): string {
  if (!nhsNumber) return '';
  const digits = nhsNumber.replace(/\D/g, '');
  if (digits.length !== 10) return nhsNumber;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * A calendar date ("1941-03-12") → "12 March 1941". Calendar dates are not instants: they are read
 * as written, never shifted through a time zone.
 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  // An instant where a date was expected ("since" of a relationship): the day it was in London.
  if (/^\d{4}-\d{2}-\d{2}T/.test(date)) {
    const d = new Date(date);
    if (!Number.isNaN(d.getTime())) {
      const parts = Object.fromEntries(londonDateTime.formatToParts(d).map((p) => [p.type, p.value]));
      return `${parts.day} ${parts.month} ${parts.year}`;
    }
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const month = months[Number(m[2]) - 1];
  if (!month) return date;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant → "12 March 2025 at 14:05", on the clock in Europe/London. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const parts = Object.fromEntries(londonDateTime.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** The machine-readable form of an instant for a <time> element. */
export function isoOf(instant: string | null | undefined): string | undefined {
  if (!instant) return undefined;
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function formatBirth(birthDate: string | null | undefined, age: number | null | undefined): string {
  if (!birthDate) return 'Not known';
  return age === null || age === undefined ? formatDate(birthDate) : `${formatDate(birthDate)} (${age} years)`;
}

export function sentenceCase(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function fullName(p: { title?: string | null; givenName: string; familyName: string }): string {
  return [p.title, p.givenName, p.familyName?.toUpperCase()].filter(Boolean).join(' ');
}

/** Words for codes, falling back to the code made readable. */
function labelled(labels: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? humanise(code);
}

export function humanise(code: string): string {
  const s = code.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const accessKindLabels: Record<string, string> = {
  caseload: 'Caseload',
  referral: 'Open referral',
  triage: 'Triage at the single point of entry',
  registration: 'Registration',
  break_glass: 'Break glass',
  hospital: 'In hospital (discharge team)',
};
export const accessKindLabel = (kind: string | null | undefined) => labelled(accessKindLabels, kind);

const functionLabels: Record<string, string> = {
  asc_assessment: 'Adult social care assessment',
  asc_provision: 'Adult social care provision',
  asc_commissioning: 'Adult social care commissioning',
  health_commissioning: 'Health commissioning',
  community_health_provision: 'Community health provision',
  mental_health_provision: 'Mental health provision',
  public_health: 'Public health',
  children_community_health: "Children's community health",
  children_commissioning: "Children's commissioning",
};
export const delegatedFunctionLabel = (fn: string | null | undefined) => labelled(functionLabels, fn);

export const yesNo = (value: boolean | null | undefined) =>
  value === true ? 'Yes' : value === false ? 'No' : 'Not recorded';

export function pluralise(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** NHS Data Dictionary ethnic category (England). */
const ethnicCategoryLabels: Record<string, string> = {
  A: 'White – British',
  B: 'White – Irish',
  C: 'White – any other White background',
  D: 'Mixed – White and Black Caribbean',
  E: 'Mixed – White and Black African',
  F: 'Mixed – White and Asian',
  G: 'Mixed – any other mixed background',
  H: 'Asian or Asian British – Indian',
  J: 'Asian or Asian British – Pakistani',
  K: 'Asian or Asian British – Bangladeshi',
  L: 'Asian or Asian British – any other Asian background',
  M: 'Black or Black British – Caribbean',
  N: 'Black or Black British – African',
  P: 'Black or Black British – any other Black background',
  R: 'Other ethnic groups – Chinese',
  S: 'Other ethnic groups – any other ethnic group',
  Z: 'Not stated',
  '99': 'Not known',
};
export const ethnicityLabel = (code: string | null | undefined) => (code ? (ethnicCategoryLabels[code] ?? code) : '');

const partnerKindLabels: Record<string, string> = {
  nhs_trust: 'NHS trust',
  care_trust: 'Care trust',
  council: 'Council',
  icb: 'Integrated care board',
  pct: 'Primary care trust',
  gp_practice: 'GP practice',
  provider: 'Provider',
  voluntary: 'Voluntary organisation',
  voluntary_body: 'Voluntary organisation',
};
/** Codes with acronyms in them ("nhs_trust") read wrongly when only capitalised. */
export const partnerKindLabel = (kind: string | null | undefined) =>
  labelled(partnerKindLabels, kind).replace(/\b(Nhs|Gp|Icb|Pct|Ods)\b/g, (w) => w.toUpperCase());

/** A span of minutes as people say it: "45 minutes", "3 hours 10 minutes", "2 days 4 hours". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return 'less than a minute';
  if (m < 60) return pluralise(m, 'minute');
  const hours = Math.floor(m / 60);
  if (hours < 48) {
    const rest = m % 60;
    return rest ? `${pluralise(hours, 'hour')} ${pluralise(rest, 'minute')}` : pluralise(hours, 'hour');
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${pluralise(days, 'day')} ${pluralise(restHours, 'hour')}` : pluralise(days, 'day');
}

/** Minutes from an instant to now (never negative). */
export function minutesSince(instant: string, now: number = Date.now()): number {
  const t = new Date(instant).getTime();
  return Number.isNaN(t) ? 0 : Math.max(0, (now - t) / 60_000);
}

/** Pence as people read money: £1,234.56. */
export function formatPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined || Number.isNaN(pence)) return '';
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(Math.round(pence));
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.50" or "£12.50" → 1250 pence; null when it is not an amount of money. */
export function parsePounds(text: string): number | null {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole = '0', fraction = ''] = t.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
