import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../access/actor.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import type { Incoming } from './engine.js';
import { peopleOutOfHospital, type Someone } from './int-support.js';

// Runs on PostgreSQL only (*.pg.test.ts, see vitest.config.ts): it needs two transactions at once,
// which PGlite's one connection cannot give.
let t: TestApp;
let trust: Client;
let coordinator: Client;
let out: Someone[];
const someone = () => out.shift()!;
const HOSPITAL = '9SD01';

beforeAll(async () => {
  t = await startTestApp();
  [trust, coordinator] = await Promise.all([t.signIn('integration'), t.signIn('coordinator')]);
  out = await peopleOutOfHospital(t, coordinator.placeId, 2);
});
afterAll(() => t.close());

describe('a chunk prepared while the one before is written (PostgreSQL)', () => {
  // The feed overlaps chunks only where two transactions can run at once.
  it('carries on from the stays the chunk before left, and refuses to write over a change made in between', async () => {
    const { applyBatch, prepareBatch, writeBatch, CarriedStayChanged } = await import('./engine.js');
    const actor = { ...systemActor(coordinator.placeId), role: 'integration' as const };
    const at = new Date('2026-11-02T09:00:00Z');
    const run = async (p: Someone, spell: string, meddle: boolean) => {
      const first: Incoming[] = [{ kind: 'admit', sourceSystem: 'PIPE', eventId: `${spell}-a`, at: new Date('2026-10-20T08:00:00Z'), sourceStayId: spell, person: { nhsNumber: p.nhsNumber }, hospital: HOSPITAL, ward: 'Ward A', admissionMethod: '21' }];
      const second: Incoming[] = [{ kind: 'ward_move', sourceSystem: 'PIPE', eventId: `${spell}-m`, at: new Date('2026-10-21T08:00:00Z'), stay: { sourceSystem: 'PIPE', sourceStayId: spell }, ward: 'Ward B' }];
      let release!: () => void;
      const written = new Promise<void>((r) => (release = r));
      let carry!: Parameters<typeof prepareBatch>[3];
      const one = t.database.db.transaction(async (tx) => {
        const applied = applyBatch(await prepareBatch(tx, actor.placeId, first), actor, at, first);
        carry = applied.carry;
        await writeBatch(tx, actor, at, applied, 'stay.import');
        release();
      });
      await written;
      const two = t.database.db.transaction(async (tx) => {
        // Prepared before the first commits: the stay is not in the database yet, only in the carry.
        const applied = applyBatch(await prepareBatch(tx, actor.placeId, second, carry), actor, at, second);
        expect(applied.outcomes).toEqual([{ status: 'applied', stayId: expect.any(String) }]);
        await one;
        if (meddle) {
          const [stay] = (await staysOfPerson(p)).filter((s) => s.sourceStayId === spell);
          const other = await trust.post(`/api/stays/${stay!.id}/ward-moves`, { sourceSystem: 'OTHER', eventId: `${spell}-x`, at: '2026-10-20T20:00:00Z', ward: 'Ward C' });
          expect(other.status).toBe(200);
        }
        await writeBatch(tx, actor, at, applied, 'stay.import');
      });
      return two;
    };
    const [p, q] = [someone(), someone()];
    await run(p, 'pipe-1', false);
    const [stay] = (await staysOfPerson(p)).filter((s) => s.sourceStayId === 'pipe-1');
    // The discharge team's relationship, linked by the first chunk as it wrote, is kept by the second.
    expect(stay).toMatchObject({ ward: 'Ward B', version: 2, relationshipId: expect.any(String) });
    expect(stay!.wards.map((w) => w.ward)).toEqual(['Ward A', 'Ward B']);
    await expect(run(q, 'pipe-2', true)).rejects.toBeInstanceOf(CarriedStayChanged);
    const [kept] = (await staysOfPerson(q)).filter((s) => s.sourceStayId === 'pipe-2');
    expect(kept!.wards.map((w) => w.ward)).toEqual(['Ward A', 'Ward C']);
  });
});

/** A person's stays as stored, with their wards (read from the database: this test looks under the engine). */
async function staysOfPerson(p: Someone) {
  const { hospitalStays, wardSpells } = await import('./schema.js');
  const { and, asc, eq } = await import('drizzle-orm');
  const rows = await t.database.db.select().from(hospitalStays).where(and(eq(hospitalStays.placeId, coordinator.placeId), eq(hospitalStays.personId, p.id)));
  const spells = await t.database.db.select().from(wardSpells).where(eq(wardSpells.placeId, coordinator.placeId)).orderBy(asc(wardSpells.seq));
  return rows.map((r) => ({ ...r, wards: spells.filter((w) => w.stayId === r.id) }));
}
