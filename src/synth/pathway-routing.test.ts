import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { migrateDatabase, openPglite, rowsOf, sql, type Database } from '../platform/db.js';
import { seedPlace } from './seed.js';

/** Every preset in the repository: each is seeded small, and each of its referrals must be routed. */
const presets = readdirSync(new URL('./presets/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

let d: Database;
const placeOf = new Map<string, string>();

beforeAll(async () => {
  d = await openPglite();
  await migrateDatabase(d);
  for (const preset of presets) {
    const { placeId } = await seedPlace(d.db, { preset, population: 300, seed: 11, asOf: '2026-11-01', historySample: 0.2 });
    placeOf.set(preset, placeId);
  }
}, 300_000);
afterAll(() => d?.close());

type Row = { outcome: string; kind: string | null; reason: string; signpost: string | null; status: string; note: string; n: number };

async function routed(preset: string): Promise<Row[]> {
  return rowsOf<Row>(
    d.db,
    sql`
      select case when r.proposed_team_id is not null then 'team' when r.not_covered_signpost is not null then 'not_covered' else 'none' end as outcome,
             t.kind, r.routing_reason as reason, r.not_covered_signpost as signpost, r.status, r.outcome_note as note, count(*)::int as n
        from referral r left join team t on t.place_id = r.place_id and t.id = r.proposed_team_id
       where r.place_id = ${placeOf.get(preset)!}
       group by 1, 2, 3, 4, 5, 6`,
  );
}

describe('synthetic referrals are routed by their preset’s rules', () => {
  it.each(presets)('%s: every referral has a proposed team or a stated reason', async (preset) => {
    const rows = await routed(preset);
    expect(rows.reduce((s, r) => s + r.n, 0), 'the preset generates referrals').toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.reason, JSON.stringify(r)).toMatch(/^Rule /);
      if (r.outcome === 'none') expect(r.reason, JSON.stringify(r)).toMatch(/choose a team/);
      // No team covers it: signposted at the front door, with the rule's signpost as the note.
      if (r.outcome === 'not_covered' && r.status !== 'received') expect(r.note).toBe(r.signpost);
    }
  });

  it('wbh: the rules route referrals of older people to a team and would signpost anyone under 65', async () => {
    const rows = await routed('wbh');
    expect(rows.filter((r) => r.outcome === 'team').reduce((s, r) => s + r.n, 0)).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.outcome === 'not_covered')) expect(r.signpost).toMatch(/Essex County Council/);
    // No one under 65 on the day their referral arrived is proposed a team of the trust.
    const young = rowsOf<{ n: number }>(
      d.db,
      sql`select count(*)::int as n from referral r join person p on p.place_id = r.place_id and p.id = r.person_id
           where r.place_id = ${placeOf.get('wbh')!} and r.proposed_team_id is not null
             and extract(year from age((r.received_at at time zone 'Europe/London')::date, p.birth_date)) < 65`,
    );
    expect((await young)[0]!.n).toBe(0);
  });

  it('somerset: referrals reach the mental-health teams', async () => {
    const rows = await routed('somerset');
    const toTeams = rows.filter((r) => r.outcome === 'team');
    expect(toTeams.length).toBeGreaterThan(0);
    for (const r of toTeams) expect(r.kind).toBe('mental_health');
  });
});
