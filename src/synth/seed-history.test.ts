import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPglite, rowsOf, sql, type Database } from '../platform/db.js';
import { assessedForPackage } from '../pathway/measures/queries.js';
import { packageTiming, tally } from '../pathway/measures/rule.js';
import { seedPlace } from './seed.js';
import { loadPreset, parsePreset, presetNames } from './preset.js';
import { resolveHistory } from './history.js';

const asOf = '2026-11-01';
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const YEAR = 365.25 * 86_400_000;

async function freshDatabase(): Promise<Database> {
  const d = await openPglite();
  await migrateDatabase(d);
  return d;
}

/** The standard error of a share p measured on n cases. */
const standardError = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('a preset’s history', () => {
  it('covers at least five years around each place’s changes, with periods that differ', () => {
    for (const name of presetNames()) {
      const preset = loadPreset(name);
      const h = resolveHistory(preset, asOf);
      expect((h.end - h.start) / YEAR, name).toBeGreaterThanOrEqual(5);
      // The place's establishment falls inside the history, with a period before it.
      expect(h.start, name).toBeLessThan(day(preset.establishedOn));
      expect(h.periods.length, name).toBeGreaterThanOrEqual(2);
      expect(new Set(h.periods.map((p) => `${p.referralRate}|${p.within28DaysShare}|${p.delayedDischargeRate}`)).size, name).toBe(h.periods.length);
    }
    expect(resolveHistory(loadPreset('torbay'), asOf).start).toBe(day('2003-04-01'));
    const bexley = resolveHistory(loadPreset('bexley'), asOf);
    expect([bexley.start, bexley.historyEnd]).toEqual([day('2001-04-01'), day('2012-04-01')]);
    // Dissolved on 30 September 2006: nothing after it.
    expect(resolveHistory(loadPreset('wbh'), asOf).end).toBe(day('2006-10-01'));
  });

  it('can start on another day, and samples a long history down to a few years’ worth', () => {
    const torbay = loadPreset('torbay');
    expect(resolveHistory(torbay, asOf, '2015-04-01').start).toBe(day('2015-04-01'));
    const h = resolveHistory(torbay, asOf);
    expect(h.sample * ((h.historyEnd - h.start) / YEAR)).toBeCloseTo(3, 5);
    expect(resolveHistory(torbay, asOf, '2023-11-01').sample).toBe(1);
  });

  it('refuses periods out of order, and says where', () => {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'presets', 'bexley.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.history.periods.reverse();
    expect(() => parsePreset(data)).toThrow(/history\.periods\.1\.from: periods must be listed in order/);
  });
});

describe('Bexley seeded over its history (2001–2012) and the recent years', () => {
  let d: Database;
  let placeId: string;
  const q = <T,>(text: string) => rowsOf<T>(d.db, sql.raw(text.replaceAll(':place', `'${placeId}'`)));

  beforeAll(async () => {
    d = await freshDatabase();
    // The whole history rather than its default sample, so that each period has cases enough to measure.
    ({ placeId } = await seedPlace(d.db, { preset: 'bexley', population: 5000, seed: 11, asOf, historySample: 1, demoAccounts: false }));
  });
  afterAll(async () => d?.close());

  it('spans its window: from April 2001 to March 2012, then the two years before the as-of day', async () => {
    const [r] = await q<{ first: string; last: string; gap: number; history: number }>(`
      select min(received_at)::text first, max(received_at)::text last,
             count(*) filter (where received_at >= '2012-04-01' and received_at < '2024-11-01')::int gap,
             count(*) filter (where received_at < '2012-04-01')::int history
      from referral where place_id = :place`);
    expect(r!.first < '2001-07-01' && r!.first >= '2001-04-01').toBe(true);
    expect(r!.last < asOf).toBe(true);
    expect(r!.gap).toBe(0);
    expect(r!.history).toBeGreaterThan(500);
    // Every year of the history has activity.
    const years = await q<{ y: number }>(`select distinct extract(year from received_at)::int y from referral where place_id = :place and received_at < '2012-04-01' order by 1`);
    expect(years.map((y) => y.y)).toEqual([2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012].filter((y) => y < 2012 || years.some((x) => x.y === 2012)));
    // Nothing of the history is still open today.
    const [open] = await q<{ n: number }>(`select count(*)::int n from care_case where place_id = :place and closed_at is null and opened_at < '2012-04-01'`);
    expect(open!.n).toBe(0);
  });

  it('puts more packages in place within 28 days under the care trust than before it and after it, as its periods say', async () => {
    const timings = async (from: string, to: string) => {
      const rows = await assessedForPackage(d.db, placeId, from, to);
      return rows.map((r) => packageTiming(r.completedOn, r.firstInPlaceOn, asOf));
    };
    const share = (list: ReturnType<typeof packageTiming>[]) => {
      const t = tally(list);
      return { n: t.assessments, p: t.withinTarget / t.assessments };
    };
    // Configured 55% before June 2003, 80% under the care trust, 68% once the council took it back.
    const trust = share(await timings('2003-06-01', '2009-03-31'));
    const others = share([...(await timings('2001-04-01', '2003-05-31')), ...(await timings('2009-04-01', '2012-03-31'))]);
    expect(Math.min(trust.n, others.n)).toBeGreaterThan(40);
    // Each within three standard errors of what was configured (the others' a blend of 55% and 68%).
    expect(Math.abs(trust.p - 0.8)).toBeLessThan(3 * standardError(0.8, trust.n));
    expect(others.p).toBeGreaterThan(0.55 - 3 * standardError(0.55, others.n));
    expect(others.p).toBeLessThan(0.68 + 3 * standardError(0.68, others.n));
    // And the difference more than twice its standard error.
    expect(trust.p - others.p).toBeGreaterThan(2 * Math.hypot(standardError(trust.p, trust.n), standardError(others.p, others.n)));
  });

  it('delays fewer discharges under the care trust than before it', async () => {
    const rows = await q<{ period: string; n: number; delayed: number }>(`
      select case when admitted_on < '2003-06-01' then 'before' else 'trust' end period, count(*)::int n, count(*) filter (where delay_days > 0)::int delayed
      from hospital_stay where place_id = :place and status = 'discharged' and admitted_on < '2009-04-01' group by 1 order by 1`);
    const [before, trust] = rows.map((r) => ({ n: r.n, p: r.delayed / r.n }));
    expect(Math.min(before!.n, trust!.n)).toBeGreaterThan(300);
    // Configured twice the recent rate before the care trust, 1.1 times under it.
    // The difference more than twice its standard error.
    expect(before!.p - trust!.p).toBeGreaterThan(2 * Math.hypot(standardError(before!.p, before!.n), standardError(trust!.p, trust!.n)));
  });

  it('provides in-house support through the partner accountable for provision: the care trust from June 2003, the council again from April 2009', async () => {
    const rows = await q<{ period: string; kind: string; n: number }>(`
      select case when l.started_on < '2003-06-01' then '1 before' when l.started_on < '2009-04-01' then '2 trust' else '3 council' end period, p.kind, count(*)::int n
      from service_line l join partner p on p.place_id = l.place_id and p.id = l.provider_partner_id
      where l.place_id = :place and l.component in ('Reablement', 'Equipment') and l.started_on is not null group by 1, 2 order by 1, 2`);
    const kinds = (period: string) => rows.filter((r) => r.period === period).map((r) => r.kind);
    expect(kinds('1 before')).toEqual(['council']);
    expect(kinds('2 trust')).toEqual(['care_trust']);
    // Everything after April 2009, the recent years included, is the council's.
    expect(kinds('3 council')).toEqual(['council']);
    // Bought-in home care is still the provider's.
    const [bought] = await q<{ n: number }>(`
      select count(*)::int n from service_line l join partner p on p.place_id = l.place_id and p.id = l.provider_partner_id
      where l.place_id = :place and l.component = 'Home support or domiciliary care' and p.kind <> 'provider'`);
    expect(bought!.n).toBe(0);
  });
});

describe('Witham, Braintree and Halstead, dissolved in 2006', () => {
  let d: Database;
  let placeId: string;
  const q = <T,>(text: string) => rowsOf<T>(d.db, sql.raw(text.replaceAll(':place', `'${placeId}'`)));

  beforeAll(async () => {
    d = await freshDatabase();
    ({ placeId } = await seedPlace(d.db, { preset: 'wbh', population: 1500, seed: 5, asOf, demoAccounts: false }));
  });
  afterAll(async () => d?.close());

  it('generates nothing after its end on 30 September 2006, and leaves nobody on a caseload today', async () => {
    const end = `timestamptz '2006-10-01 00:00 Europe/London'`;
    const [r] = await q<{ referrals: number; events: number; lines: number; stays: number; first: string; open: number; rels: number }>(`
      select (select count(*)::int from referral where place_id = :place and received_at >= ${end}) referrals,
             (select count(*)::int from pathway_event where place_id = :place and at >= ${end}) events,
             (select count(*)::int from service_line where place_id = :place and (started_on > '2006-09-30' or ended_on > '2006-09-30')) lines,
             (select count(*)::int from hospital_stay where place_id = :place and (admitted_at >= ${end} or discharged_at >= ${end})) stays,
             (select min(received_at)::text from referral where place_id = :place) first,
             (select count(*)::int from care_case where place_id = :place and closed_at is null) open,
             (select count(*)::int from care_relationship where place_id = :place and valid_from >= ${end}) rels`);
    expect(r).toMatchObject({ referrals: 0, events: 0, lines: 0, stays: 0, rels: 0 });
    expect(r!.first < '2000-10-01').toBe(true);
    // Only Mrs Smith's story, the demonstration, may be open as it was on the last day.
    expect(r!.open).toBeLessThanOrEqual(2);
  });

  it('refers older people only: nobody under 65 on the day of their referral', async () => {
    const [r] = await q<{ younger: number; all: number }>(`
      select count(*) filter (where date_part('year', age(r.received_at::date, p.birth_date)) < 65)::int younger, count(*)::int "all"
      from referral r join person p on p.place_id = r.place_id and p.id = r.person_id
      where r.place_id = :place and r.source <> 'family_carer'`);
    expect(r!.all).toBeGreaterThan(50);
    expect(r!.younger).toBe(0);
  });
});
