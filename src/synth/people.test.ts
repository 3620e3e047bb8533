import { describe, expect, it } from 'vitest';
import { uuidPattern } from '../platform/ids.js';
import { SynthIds } from './ids.js';
import { Random } from './random.js';
import { loadPreset } from './preset.js';
import { PeopleGenerator, type PeopleContext } from './people.js';

function context(population: number, seed = 1): PeopleContext {
  const preset = loadPreset('torbay');
  const zones = preset.zones.map((z, i) => ({
    code: z.code,
    id: `zone-${i}`,
    weight: z.weight,
    town: z.town,
    districts: z.postcodeDistricts,
    practiceIds: [`practice-${i}`],
    caseloadTeamId: `team-${i}`,
  }));
  return { placeId: 'place', preset, seed, population, asOf: '2026-11-01', ids: new SynthIds(seed, new Date('2026-11-01T00:00:00Z')), zones, triageTeamId: 'spoe' };
}

describe('synthetic identifiers and randomness', () => {
  it('are UUID v7-shaped, the same for the same seed and key, different otherwise', () => {
    const a = new SynthIds(1, new Date('2026-11-01T00:00:00Z'));
    const b = new SynthIds(2, new Date('2026-11-01T00:00:00Z'));
    const id = a.id('person', 0);
    expect(id).toMatch(uuidPattern);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(a.id('person', 0)).toBe(id);
    expect(b.id('person', 0)).not.toBe(id);
    expect(a.id('person', 1)).not.toBe(id);
    // Time-ordered by the order given (people by their index).
    expect(a.id('person', 5, 5) < a.id('person', 6, 6)).toBe(true);
  });

  it('give the same stream for the same seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.int(0, 1000))(new Random(seed, 's')));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });
});

describe('PeopleGenerator', () => {
  it('makes exactly the population asked for, in batches that never split a household', () => {
    for (const population of [1, 2, 7, 1000, 5003]) {
      let count = 0;
      const ids = new Set<string>();
      for (const batch of new PeopleGenerator(context(population)).batches(100)) {
        expect(batch.people.length).toBeLessThanOrEqual(100 + 8);
        for (const p of batch.people) ids.add(p.id!);
        const inBatch = new Set(batch.people.map((p) => p.id));
        // Carers, contacts and relationships only point at people in the same batch, so each batch inserts on its own.
        for (const c of batch.carers) expect(inBatch.has(c.personId) && inBatch.has(c.carerPersonId)).toBe(true);
        for (const c of batch.contacts) expect(inBatch.has(c.personId)).toBe(true);
        for (const r of batch.relationships) expect(inBatch.has(r.personId)).toBe(true);
        count += batch.people.length;
      }
      expect(count).toBe(population);
      expect(ids.size).toBe(population);
    }
  });

  it('starts the same whatever the population, so a bigger place extends a smaller one', () => {
    const first = (population: number) => [...new PeopleGenerator(context(population)).batches(500)][0]!.people.slice(0, 200);
    expect(first(1000)).toEqual(first(3000));
  });
});
