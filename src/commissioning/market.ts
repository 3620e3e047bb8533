/**
 * The market view: spend, hours and price by provider, service (the budget's service area) or zone,
 * month by month. Committed spend and planned hours come from the pool's commitments (finance's
 * commitment rows, one per price span of each approved, in-place or ended line) prorated to the
 * days of each month (market-rules.ts); paid spend from posted pay runs by their posting month;
 * delivered hours from what providers recorded. Aggregates only: counts of packages and people,
 * never who they are (docs/decisions/0021-market-view-aggregates.md).
 */
import type { Executor } from '../platform/db.js';
import { commitmentRows } from '../finance/commitments.js';
import { serviceAreaLabels, serviceAreaOfComponent, type ServiceArea } from '../finance/budget-lines.js';
import { placeOverview } from '../partnership/service.js';
import { lineUnitsForMarket, type LineUnits } from '../pathway/plans/market-facts.js';
import { deliveredHoursByMonth, paidByMonth } from './market-queries.js';
import { firstDayOf, lastDayOf, monthsBetween, overlapDays, pricePerHourPence, prorated, type Month } from './market-rules.js';

export const marketGroupings = ['provider', 'service', 'zone'] as const;
export type MarketGrouping = (typeof marketGroupings)[number];

export type MarketFigures = {
  committedPence: number;
  paidPence: number;
  plannedHoursHundredths: number;
  deliveredHoursHundredths: number;
  /** Committed spend of hourly lines ÷ their planned hours; null without hours. */
  pricePerHourPence: number | null;
  /** Paid spend of hourly lines ÷ delivered hours; null without either. */
  paidPerDeliveredHourPence: number | null;
  packages: number;
  people: number;
};
export type MarketRow = MarketFigures & { month: Month; key: string; label: string };
export type MarketView = {
  from: Month;
  to: Month;
  by: MarketGrouping;
  months: Month[];
  groups: { key: string; label: string }[];
  rows: MarketRow[];
  totals: (MarketFigures & { month: Month })[];
};

export type LineFacts = { providerPartnerId: string; component: string; zoneCode: string | null };

type Cell = {
  committedPence: number;
  hourlyCommittedPence: number;
  plannedHoursHundredths: number;
  paidPence: number;
  hourlyPaidPence: number;
  deliveredHoursHundredths: number;
  packages: Set<string>;
  people: Set<string>;
};

const newCell = (): Cell => ({ committedPence: 0, hourlyCommittedPence: 0, plannedHoursHundredths: 0, paidPence: 0, hourlyPaidPence: 0, deliveredHoursHundredths: 0, packages: new Set(), people: new Set() });

/** The weekly quantity in force at a span's first day (the last re-pricing on or before it). */
export function weeklyAt(units: LineUnits | undefined, startOn: string): number {
  if (!units) return 0;
  let q = units.weekly[0]?.weeklyHundredths ?? 0;
  for (const w of units.weekly) if (w.from === null || w.from <= startOn) q = w.weeklyHundredths;
  return q;
}

export const unknownKey = 'unknown';
export const directPaymentsKey = 'direct_payments';

/** Labels of the groups of a grouping: providers by name, services by area, zones by name. */
export async function groupLabeller(db: Executor, placeId: string, by: MarketGrouping): Promise<(key: string) => string> {
  if (by === 'service') return (key) => serviceAreaLabels[key as ServiceArea] ?? 'Service not known';
  const overview = await placeOverview(db, placeId);
  const names = new Map<string, string>(by === 'provider' ? overview.partners.map((p) => [p.id, p.name]) : overview.zones.map((z) => [z.code, z.name]));
  const fallback = by === 'provider' ? 'Provider not known' : 'Zone not known';
  return (key) => (key === directPaymentsKey ? 'Direct payments (to people)' : key === 'ALL' ? 'All zones (no GP practice zone)' : (names.get(key) ?? fallback));
}

export function groupKeyOf(by: MarketGrouping, line: LineFacts): string {
  if (by === 'provider') return line.providerPartnerId;
  if (by === 'service') return serviceAreaOfComponent(line.component);
  return line.zoneCode ?? 'ALL';
}

function figuresOf(c: Cell): MarketFigures {
  return {
    committedPence: c.committedPence,
    paidPence: c.paidPence,
    plannedHoursHundredths: c.plannedHoursHundredths,
    deliveredHoursHundredths: c.deliveredHoursHundredths,
    pricePerHourPence: pricePerHourPence(c.hourlyCommittedPence, c.plannedHoursHundredths),
    paidPerDeliveredHourPence: c.hourlyPaidPence > 0 ? pricePerHourPence(c.hourlyPaidPence, c.deliveredHoursHundredths) : null,
    packages: c.packages.size,
    people: c.people.size,
  };
}

export async function marketView(db: Executor, placeId: string, q: { from: Month; to: Month; by: MarketGrouping }): Promise<MarketView> {
  const months = monthsBetween(q.from, q.to);
  const first = firstDayOf(q.from);
  const last = lastDayOf(q.to);
  const spans = (await commitmentRows(db, placeId)).filter((r) => r.startOn <= last);
  const facts = new Map<string, LineFacts>(spans.map((r) => [r.serviceLineId, { providerPartnerId: r.providerPartnerId, component: r.component, zoneCode: r.zoneCode }]));
  const live = spans.filter((r) => r.endOn === null || r.endOn >= first);
  const units = await lineUnitsForMarket(db, placeId, [...new Set(live.map((r) => r.serviceLineId))]);

  const cells = new Map<string, Cell>();
  const cellOf = (month: Month, key: string) => {
    const id = `${month}|${key}`;
    let c = cells.get(id);
    if (!c) cells.set(id, (c = newCell()));
    return c;
  };
  const both = (month: Month, key: string) => [cellOf(month, key), cellOf(month, '*')];

  for (const r of live) {
    const lineUnits = units.get(r.serviceLineId);
    const hourly = lineUnits?.unit === 'hour';
    const weeklyHours = hourly ? weeklyAt(lineUnits, r.startOn) : 0;
    const key = groupKeyOf(q.by, r);
    for (const month of months) {
      const days = overlapDays(r, firstDayOf(month), lastDayOf(month));
      if (days === 0) continue;
      const pence = prorated(r.weeklyPence, days);
      const hours = prorated(weeklyHours, days);
      for (const c of both(month, key)) {
        c.committedPence += pence;
        if (hourly) {
          c.hourlyCommittedPence += pence;
          c.plannedHoursHundredths += hours;
        }
        c.packages.add(r.planId);
        c.people.add(r.personId);
      }
    }
  }

  const hourlyLines = new Set<string>();
  const paid = await paidByMonth(db, placeId, first, last);
  const delivered = await deliveredHoursByMonth(db, placeId, first, last);
  const moreUnits = await lineUnitsForMarket(db, placeId, [...new Set(paid.map((p) => p.serviceLineId).filter((id): id is string => !!id && !units.has(id)))]);
  for (const [id, u] of [...units, ...moreUnits]) if (u.unit === 'hour') hourlyLines.add(id);
  for (const p of paid) {
    const line = p.serviceLineId ? facts.get(p.serviceLineId) : undefined;
    const key = line ? groupKeyOf(q.by, line) : p.providerPartnerId === null ? directPaymentsKey : q.by === 'provider' ? p.providerPartnerId : unknownKey;
    for (const c of both(p.month, key)) {
      c.paidPence += p.amountPence;
      if (p.serviceLineId && hourlyLines.has(p.serviceLineId)) c.hourlyPaidPence += p.amountPence;
    }
  }
  for (const d of delivered) {
    const line = facts.get(d.serviceLineId) ?? { providerPartnerId: d.providerPartnerId, component: '', zoneCode: null };
    const key = facts.has(d.serviceLineId) || q.by === 'provider' ? groupKeyOf(q.by, line) : unknownKey;
    for (const c of both(d.month, key)) c.deliveredHoursHundredths += d.hoursHundredths;
  }

  const label = await groupLabeller(db, placeId, q.by);
  const rows: MarketRow[] = [];
  const keys = new Set<string>();
  for (const [id, c] of cells) {
    const [month, key] = id.split('|') as [Month, string];
    if (key === '*') continue;
    keys.add(key);
    rows.push({ month, key, label: key === unknownKey ? 'Not known' : label(key), ...figuresOf(c) });
  }
  rows.sort((a, b) => a.month.localeCompare(b.month) || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  const groups = [...keys].map((key) => ({ key, label: key === unknownKey ? 'Not known' : label(key) })).sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
  const totals = months.map((month) => ({ month, ...figuresOf(cells.get(`${month}|*`) ?? newCell()) }));
  return { from: q.from, to: q.to, by: q.by, months, groups, rows, totals };
}
