/**
 * The rules of matching an invoice line to care planned and delivered (pure; the engine that
 * reads the figures is matching.ts). Quantities are hundredths of a unit (7.5 hours is 750),
 * money integer pence. docs/commissioning/invoices.md sets the rules out for finance staff.
 */
import { divideRoundHalfUp } from '../pathway/plans/cost.js';

export const invoiceUnits = ['hour', 'visit', 'day', 'week', 'night', 'item', 'session'] as const;
export type InvoiceUnit = (typeof invoiceUnits)[number];

export const holdReasons = ['no_such_package', 'ended_package', 'over_delivery', 'duplicate', 'rate_mismatch', 'not_delivered'] as const;
export type HoldReason = (typeof holdReasons)[number];

export const holdReasonWords: Record<HoldReason, string> = {
  no_such_package: 'No such package',
  ended_package: 'Package ended or not started',
  over_delivery: 'Over-delivery',
  duplicate: 'Duplicate',
  rate_mismatch: 'Rate mismatch',
  not_delivered: 'Not delivered',
};

export type Tolerance = { quantityBp: number; quantityHundredths: number; amountPence: number };
/** 5% or half a unit (half an hour), whichever is larger; £1 on an amount. */
export const defaultTolerance: Tolerance = { quantityBp: 500, quantityHundredths: 50, amountPence: 100 };

/** quantity × rate, rounded half up to the penny once. */
export function amountOf(quantityHundredths: number, ratePence: number): number {
  return divideRoundHalfUp(BigInt(quantityHundredths) * BigInt(ratePence), 100n);
}

const dayMs = 86_400_000;
function dayNumber(d: string): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
}
function dateOf(n: number): string {
  return new Date(n * dayMs).toISOString().slice(0, 10);
}
/** Days from `from` to `to`, both counted (0 when to is before from). */
export function daysIn(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export type PlannedLine = {
  frequency: string;
  /** The first day of care (started, or planned) and the last (ended, or planned; null while open). */
  startOn: string;
  endOn: string | null;
  /** Oldest first; the first from the start (from null), each re-pricing from its day. */
  spans: readonly { from: string | null; quantityHundredths: number; unitCostPence: number }[];
};

/** Each span's first and last day, clipped to the line's start and end (spans left with no days dropped). */
export function spanDays(line: PlannedLine): { from: string; to: string | null; quantityHundredths: number; unitCostPence: number }[] {
  const out: { from: string; to: string | null; quantityHundredths: number; unitCostPence: number }[] = [];
  line.spans.forEach((s, i) => {
    const from = s.from === null || s.from < line.startOn ? line.startOn : s.from;
    const next = line.spans[i + 1]?.from ?? null;
    const nextEnd = next === null ? null : dateOf(dayNumber(next) - 1);
    const to = nextEnd === null ? line.endOn : line.endOn !== null && line.endOn < nextEnd ? line.endOn : nextEnd;
    if (to !== null && to < from) return;
    out.push({ from, to, quantityHundredths: s.quantityHundredths, unitCostPence: s.unitCostPence });
  });
  return out;
}

/**
 * What the line plans over [from, to]: per week, the quantity × days / 7 of each price span's days
 * in the period (rounded half up once per span); per day, quantity × days; a one-off line its
 * quantity when it starts in the period.
 */
export function plannedHundredths(line: PlannedLine, from: string, to: string): number {
  if (line.frequency === 'one_off') {
    const first = line.spans[0];
    return first && line.startOn >= from && line.startOn <= to ? first.quantityHundredths : 0;
  }
  let total = 0;
  for (const s of spanDays(line)) {
    const a = s.from > from ? s.from : from;
    const b = s.to === null || s.to > to ? to : s.to;
    const days = daysIn(a, b);
    if (days === 0) continue;
    total += line.frequency === 'per_day' ? s.quantityHundredths * days : divideRoundHalfUp(BigInt(s.quantityHundredths) * BigInt(days), 7n);
  }
  return total;
}

export type RateSpan = { from: string; ratePence: number };

/**
 * The contract rate in force over [from, to]: from the line's pricing rows (line_pricing) where
 * it has them, otherwise its own unit cost spans. `rates` lists each distinct rate the period
 * crosses, so a period across a price change is told to split at the day.
 */
export function ratesOver(spans: readonly RateSpan[], from: string, to: string): { ratePence: number; from: string }[] {
  const sorted = [...spans].sort((a, b) => a.from.localeCompare(b.from));
  const out: { ratePence: number; from: string }[] = [];
  sorted.forEach((s, i) => {
    const next = sorted[i + 1]?.from;
    const spanTo = next === undefined ? null : dateOf(dayNumber(next) - 1);
    if (spanTo !== null && spanTo < from) return;
    if (s.from > to) return;
    if (out.at(-1)?.ratePence === s.ratePence) return;
    out.push({ ratePence: s.ratePence, from: s.from > from ? s.from : from });
  });
  // A period before the first rate takes the first (a line's unit cost applies from its start).
  if (out.length === 0 && sorted[0]) out.push({ ratePence: sorted[0].ratePence, from });
  return out;
}

/** Within tolerance: actual is at most reference plus the larger of bp of reference and the unit allowance. */
export function withinTolerance(actualHundredths: number, referenceHundredths: number, tol: Tolerance): boolean {
  const allowance = Math.max(divideRoundHalfUp(BigInt(referenceHundredths) * BigInt(tol.quantityBp), 10_000n), tol.quantityHundredths);
  return actualHundredths <= referenceHundredths + allowance;
}

export type LineFacts = { status: string; unit: string; startOn: string; endOn: string | null };

export type MatchInput = {
  /** The service line named, when it exists and is the provider's; null otherwise. */
  line: LineFacts | null;
  invoiced: { periodFrom: string; periodTo: string; unit: string; quantityHundredths: number; ratePence: number };
  plannedHundredths: number;
  deliveredHundredths: number;
  /** The contract rates over the period (ratesOver). */
  rates: readonly { ratePence: number; from: string }[];
  /** Another live invoice line for the same service line and an overlapping period, if any. */
  duplicateOf: { invoiceReference: string; lineNo: number; periodFrom: string; periodTo: string } | null;
  tolerance: Tolerance;
};

export type MatchOutcome = { status: 'matched'; holdReason: null; holdDetail: null } | { status: 'held'; holdReason: HoldReason; holdDetail: string };

function q(h: number): string {
  return (h / 100).toFixed(2).replace(/\.00$/, '');
}
function gbp(p: number): string {
  return `£${(p / 100).toFixed(2)}`;
}
const held = (holdReason: HoldReason, holdDetail: string): MatchOutcome => ({ status: 'held', holdReason, holdDetail });

/**
 * The first reason that holds the line, in this order: no such package, ended package, duplicate,
 * rate mismatch, over-delivery (delivered or invoiced above planned beyond tolerance), not
 * delivered (invoiced above delivered beyond tolerance, unless the difference in money at the
 * contract rate is within the amount tolerance); otherwise matched.
 */
export function matchLine(m: MatchInput): MatchOutcome {
  const { line, invoiced: inv, tolerance } = m;
  if (!line) return held('no_such_package', 'No service line of this provider has this reference.');
  if (line.status === 'proposed') return held('no_such_package', 'The service line has not been approved.');
  if (line.status === 'cancelled') return held('ended_package', 'The service line was cancelled.');
  if (inv.periodFrom < line.startOn) return held('ended_package', `The period starts before the service line does (${line.startOn}).`);
  if (line.endOn !== null && inv.periodTo > line.endOn) return held('ended_package', `The period runs after the service line ended (${line.endOn}).`);
  if (m.duplicateOf) {
    const d = m.duplicateOf;
    return held('duplicate', `Already invoiced on invoice ${d.invoiceReference} line ${d.lineNo} (${d.periodFrom} to ${d.periodTo}).`);
  }
  if (inv.unit !== line.unit) return held('rate_mismatch', `Invoiced by the ${inv.unit}; the service line is priced by the ${line.unit}.`);
  if (m.rates.length > 1) return held('rate_mismatch', `The contract rate changes on ${m.rates[1]!.from}: invoice the days before and from it on separate lines.`);
  const rate = m.rates[0]?.ratePence;
  if (rate === undefined || rate !== inv.ratePence) return held('rate_mismatch', `Invoiced at ${gbp(inv.ratePence)}; the contract rate in force is ${rate === undefined ? 'unknown' : gbp(rate)}.`);
  if (!withinTolerance(m.deliveredHundredths, m.plannedHundredths, tolerance)) {
    return held('over_delivery', `Delivered ${q(m.deliveredHundredths)} against ${q(m.plannedHundredths)} planned.`);
  }
  if (!withinTolerance(inv.quantityHundredths, m.plannedHundredths, tolerance)) {
    return held('over_delivery', `Invoiced ${q(inv.quantityHundredths)} against ${q(m.plannedHundredths)} planned.`);
  }
  if (!withinTolerance(inv.quantityHundredths, m.deliveredHundredths, tolerance)) {
    const gap = amountOf(inv.quantityHundredths, rate) - amountOf(m.deliveredHundredths, rate);
    if (gap > tolerance.amountPence) return held('not_delivered', `Invoiced ${q(inv.quantityHundredths)} against ${q(m.deliveredHundredths)} delivered.`);
  }
  return { status: 'matched', holdReason: null, holdDetail: null };
}
