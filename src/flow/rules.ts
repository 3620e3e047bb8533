/**
 * The rules of hospital flow, without a database: the Discharge Ready Date, delayed days and
 * their attribution. The service applies them; the unit tests pin them.
 */
import { unrecordedDelay, type Attribution, type DelayReason } from './codes.js';

export type StayStatus = 'in_hospital' | 'ready' | 'discharged';

export type ReadinessPeriod = { readyFrom: Date; readyTo: Date | null; endedBy: 'meets_criteria' | 'discharged' | null; pathway: number | null };

/** What the rules need to know of a stay. */
export type StayState = {
  status: StayStatus;
  admittedAt: Date;
  /** The latest event applied, so events out of order are refused. */
  lastEventAt: Date;
  periods: ReadinessPeriod[];
  dischargedAt: Date | null;
};

export type FlowEvent =
  | { kind: 'ward_move'; at: Date }
  | { kind: 'not_meeting_criteria'; at: Date; pathway: number | null }
  | { kind: 'meeting_criteria'; at: Date }
  | { kind: 'discharge'; at: Date };

/** A refusal by the rules: the field it concerns and why, and whether it is bad input or a clash with the stay's state. */
export class RuleBroken extends Error {
  constructor(
    readonly kind: 'invalid' | 'conflict',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The national rule (NHS England, Discharge Ready Date guidance): the DRD is the date a patient
 * no longer met the criteria to reside. When they meet the criteria again the period ends and the
 * stay reopens; a finished stay records the start of the final period of not meeting them, an
 * unfinished one the start of the current period (none while they meet the criteria again).
 */
export function dischargeReadyDate(state: Pick<StayState, 'status' | 'periods'>): string | null {
  const last = state.periods[state.periods.length - 1];
  if (!last) return null;
  if (state.status === 'ready' && last.readyTo === null) return londonDateOf(last.readyFrom);
  if (state.status === 'discharged' && last.endedBy === 'discharged') return londonDateOf(last.readyFrom);
  return null;
}

/** Applies one event to a stay, or says why it cannot be applied. Pure: returns a new state. */
export function applyEvent(state: StayState, e: FlowEvent): StayState {
  if (e.at.getTime() < state.admittedAt.getTime()) {
    throw new RuleBroken('invalid', 'at', `is before the admission (${state.admittedAt.toISOString()}): a stay cannot change before it begins`);
  }
  if (state.status === 'discharged') {
    throw new RuleBroken('conflict', 'kind', `cannot be applied: the stay ended with a discharge at ${state.dischargedAt?.toISOString()}`);
  }
  if (e.at.getTime() < state.lastEventAt.getTime()) {
    throw new RuleBroken('conflict', 'at', `is earlier than the stay's latest event (${state.lastEventAt.toISOString()}): events must arrive in order`);
  }
  const periods = state.periods.map((p) => ({ readyFrom: p.readyFrom, readyTo: p.readyTo, endedBy: p.endedBy, pathway: p.pathway }));
  // Written out rather than spread: a feed applies hundreds of thousands of events.
  const next: StayState = { status: state.status, admittedAt: state.admittedAt, lastEventAt: e.at, periods, dischargedAt: state.dischargedAt };
  const current = periods[periods.length - 1];
  switch (e.kind) {
    case 'ward_move':
      return next;
    case 'not_meeting_criteria':
      if (state.status === 'ready') {
        // Already ready: a new pathway or a repeat from the ward round keeps the period (and the DRD).
        if (current && e.pathway !== null) current.pathway = e.pathway;
        return next;
      }
      periods.push({ readyFrom: e.at, readyTo: null, endedBy: null, pathway: e.pathway });
      next.status = 'ready';
      return next;
    case 'meeting_criteria':
      if (state.status !== 'ready' || !current) {
        throw new RuleBroken('conflict', 'kind', 'cannot be applied: the person already meets the criteria to reside (they were not recorded as ready)');
      }
      current.readyTo = e.at;
      current.endedBy = 'meets_criteria';
      next.status = 'in_hospital';
      return next;
    case 'discharge':
      if (state.status === 'ready' && current) {
        current.readyTo = e.at;
        current.endedBy = 'discharged';
      }
      next.status = 'discharged';
      next.dischargedAt = e.at;
      return next;
  }
}

/** Days from the Discharge Ready Date to the day of discharge: 0 when discharged on the DRD (or never recorded ready). */
export function delayOf(drd: string | null, dischargedOn: string): number {
  if (!drd) return 0;
  return Math.max(0, daysBetween(drd, dischargedOn));
}

export type AwaitedForDelay = { reason: DelayReason; attribution: Attribution; openedAt: Date; resolvedAt: Date | null };
export type DelayedDay = { day: string; reason: DelayReason; attribution: Attribution };

/**
 * Each delayed day, from the Discharge Ready Date to the day before discharge, with the reason
 * and attribution of what was awaited at midnight at the end of that day (the SitRep's midnight
 * snapshot). Several open items: the one opened first. None: "Other", attributed to the NHS,
 * which holds the patient and had not said why (docs/decisions/0004-delay-attribution.md).
 */
export function delayedDays(drd: string | null, dischargedOn: string, items: readonly AwaitedForDelay[]): DelayedDay[] {
  const n = delayOf(drd, dischargedOn);
  const out: DelayedDay[] = [];
  const byOpening = [...items].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  for (let i = 0; i < n; i++) {
    const day = addDaysIso(drd!, i);
    const midnight = londonStartOfDay(addDaysIso(day, 1)).getTime();
    const open = byOpening.find((it) => it.openedAt.getTime() <= midnight && (it.resolvedAt === null || it.resolvedAt.getTime() > midnight));
    out.push(open ? { day, reason: open.reason, attribution: open.attribution } : { day, ...unrecordedDelay });
  }
  return out;
}

// ------------------------------------------------------------------ London days

function utcOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

export function addDaysIso(iso: string, days: number): string {
  return new Date(utcOf(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / 86_400_000);
}

/** The first day of the month after the one `iso` is in. */
export function nextMonthStart(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The nights (bed days) from the day `fromOn` to the day `toOn`, by month: a night belongs to the
 * day it begins, so a spell from the 30th to the 2nd has two nights in the first month and one in
 * the second, and a spell that ends the day it began has none.
 */
export function nightsByMonth(fromOn: string, toOn: string): { month: string; nights: number }[] {
  const out: { month: string; nights: number }[] = [];
  for (let day = fromOn; day < toOn; ) {
    const next = nextMonthStart(day);
    const end = next < toOn ? next : toOn;
    out.push({ month: `${day.slice(0, 7)}-01`, nights: daysBetween(day, end) });
    day = end;
  }
  return out;
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(t: number): number {
  const name = offsetFormat.formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant a London day begins (midnight, Europe/London). */
export function londonStartOfDay(iso: string): Date {
  const utc = utcOf(iso);
  // The offset at UTC midnight is the offset at London midnight (clocks change at 01:00 UTC).
  const hour = Math.floor(utc / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = londonOffsetMinutes(utc);
    offsetByHour.set(hour, offset);
  }
  return new Date(utc - offset * 60_000);
}

/** London offsets by UTC hour: formatting with Intl is slow, and a feed asks thousands of times. */
const offsetByHour = new Map<number, number>();

/** The Europe/London day of an instant, YYYY-MM-DD (the same as platform/dates' londonDateOf, cached). */
export function londonDateOf(instant: Date): string {
  const t = instant.getTime();
  const hour = Math.floor(t / 3_600_000);
  // London's offset is whole hours, so every instant of a UTC hour falls on the same London day.
  let day = dayByHour.get(hour);
  if (day === undefined) {
    let offset = offsetByHour.get(hour);
    if (offset === undefined) {
      offset = londonOffsetMinutes(t);
      if (offsetByHour.size > 200_000) offsetByHour.clear();
      offsetByHour.set(hour, offset);
    }
    day = new Date(hour * 3_600_000 + offset * 60_000).toISOString().slice(0, 10);
    if (dayByHour.size > 200_000) dayByHour.clear();
    dayByHour.set(hour, day);
  }
  return day;
}

/** London days by UTC hour. */
const dayByHour = new Map<number, string>();
