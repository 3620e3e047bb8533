import { describe, expect, it } from 'vitest';
import { FlowActivity } from './flow-activity.js';
import { SynthIds } from './ids.js';
import { instantOn } from './dates.js';
import { resolveHistory } from './history.js';
import type { NewPerson } from './people.js';

const ctx = (seed: number) => ({
  placeId: '00000000-0000-7000-8000-000000000001',
  seed,
  preset: 'torbay',
  asOf: '2026-11-01',
  // The recent two years only (the preset's history is the seed's, tested in seed-history.test.ts).
  history: resolveHistory({ dissolvedOn: null }, '2026-11-01'),
  ids: new SynthIds(seed, instantOn('2026-11-01')),
  hospitalId: '00000000-0000-7000-8000-000000000002',
  dischargeTeamId: '00000000-0000-7000-8000-000000000003',
  zoneOfPractice: new Map([['practice', '00000000-0000-7000-8000-000000000004']]),
});
const people: NewPerson[] = Array.from({ length: 3000 }, (_, i) => ({
  id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  birthDate: `${1925 + (i % 90)}-05-01`,
  gpPracticeId: 'practice',
  givenName: 'A',
  familyName: 'B',
})) as NewPerson[];

describe('synthetic hospital flow', () => {
  it('gives the same stays for the same seed, and others for another', () => {
    const a = new FlowActivity(ctx(2005)).rowsFor(people, () => false);
    const b = new FlowActivity(ctx(2005)).rowsFor(people, () => false);
    const c = new FlowActivity(ctx(7)).rowsFor(people, () => false);
    expect(a).toEqual(b);
    expect(c.stays.map((s) => s.id)).not.toEqual(a.stays.map((s) => s.id));
  });

  it('admits older people more often, keeps delays few, and never discharges before admission or readiness', () => {
    const r = new FlowActivity(ctx(2005)).rowsFor(people, () => false);
    const perPerson = (min: number, max: number) => {
      const group = people.filter((p) => {
        const age = 2026 - Number(String(p.birthDate).slice(0, 4));
        return age >= min && age < max;
      });
      const ids = new Set(group.map((p) => p.id));
      return r.stays.filter((s) => ids.has(s.personId)).length / group.length;
    };
    expect(perPerson(85, 200)).toBeGreaterThan(perPerson(18, 65) * 3);
    const discharged = r.stays.filter((s) => s.status === 'discharged');
    const delayed = discharged.filter((s) => (s.delayDays ?? 0) > 0);
    expect(delayed.length / discharged.length).toBeLessThan(0.15);
    for (const s of discharged) expect(s.dischargedAt!.getTime()).toBeGreaterThan(s.admittedAt.getTime());
    expect(r.days.length).toBe(delayed.reduce((n, s) => n + s.delayDays!, 0));
  });

  it('keeps the ward history of the stays that moved: from the admission to the discharge without a gap, through the admissions unit', () => {
    const r = new FlowActivity(ctx(2005)).rowsFor(people, () => false);
    const spellsOf = new Map<string, typeof r.spells>();
    for (const w of r.spells) spellsOf.set(w.stayId, [...(spellsOf.get(w.stayId) ?? []), w]);
    let moved = 0;
    for (const s of r.stays) {
      const spells = (spellsOf.get(s.id) ?? []).sort((a, b) => a.seq - b.seq);
      // A stay that never moved keeps none: it spent every night on its own ward.
      if (spells.length === 0) continue;
      expect(spells.length).toBe(2);
      expect(spells[0]).toMatchObject({ seq: 1, ward: 'Acute Medical Unit' });
      expect(spells[0]!.fromAt).toEqual(s.admittedAt);
      for (let i = 1; i < spells.length; i++) expect(spells[i]!.fromAt).toEqual(spells[i - 1]!.toAt);
      const last = spells[spells.length - 1]!;
      expect(last.ward).toBe(s.ward);
      expect(last.toAt ?? null).toEqual(s.dischargedAt ?? null);
      moved++;
    }
    const moves = r.events.filter((e) => e.kind === 'ward_move');
    expect(moves).toHaveLength(moved);
    expect(moved / r.stays.length).toBeGreaterThan(0.1);
  });
});
