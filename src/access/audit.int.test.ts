import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, sql } from '../platform/db.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { appendAudit, verifyChain } from './audit.js';

let t: TestApp;
let nurse: Client;
let auditor: Client;
beforeAll(async () => {
  t = await startTestApp();
  nurse = await t.signIn('nurse');
  auditor = await t.signIn('auditor');
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('records every read and write of a person, with who, role, action and outcome', async () => {
    const made = await nurse.post('/api/people', { givenName: 'Harold', familyName: 'Ledgerton', birthDate: '1939-07-07' });
    const id = made.body.id;
    await nurse.get(`/api/people/${id}`);
    await nurse.patch(`/api/people/${id}`, { phone: '01803 222333' }, { 'if-match': '"1"' });
    await nurse.get(`/api/people?q=ledgerton`);
    const log = await auditor.get(`/api/audit?personId=${id}`);
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((e: any) => e.action).reverse();
    expect(actions).toEqual(['person.create', 'person.read', 'person.update', 'person.search']);
    for (const e of log.body.entries) {
      expect(e.user.id).toBe(nurse.user.id);
      expect(e.role).toBe('nurse');
      expect(e.outcome).toBe('allowed');
    }
    const byUser = await auditor.get(`/api/audit?userId=${nurse.user.id}&limit=2`);
    expect(byUser.body.entries).toHaveLength(2);
    expect(byUser.body.nextBefore).toBe(byUser.body.entries[1].seq);
  });

  it('writes nothing when the change it records fails', async () => {
    const before = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_entry`);
    const bad = await nurse.post('/api/people', { givenName: 'Ivy', familyName: 'Rollback', birthDate: '1939-07-07', gpPracticeOds: 'Z00000' });
    expect(bad.status).toBe(400);
    const after = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_entry`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await nurse.get('/api/people?q=rollback')).body.results).toEqual([]);
  });

  it('records every one of many reads made at once, in chains that verify', async () => {
    const made = await nurse.post('/api/people', { givenName: 'Mabel', familyName: 'Crowdwell', birthDate: '1941-03-03' });
    const id = made.body.id;
    const reads = await Promise.all(Array.from({ length: 30 }, () => nurse.get(`/api/people/${id}`)));
    expect(reads.map((r) => r.status)).toEqual(Array(30).fill(200));
    const log = await auditor.get(`/api/audit?personId=${id}&limit=100`);
    expect(log.body.entries.filter((e: any) => e.action === 'person.read')).toHaveLength(30);
    const seqs = log.body.entries.map((e: any) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await verifyChain(t.database.db, nurse.placeId)).problems).toEqual([]);
  });

  it('chains entries appended together, with any text in them, so that they verify', async () => {
    const placeId = nurse.placeId;
    const made = await nurse.post('/api/people', { givenName: 'Zoë', familyName: 'Ó Ceallaigh-Brontë', birthDate: '1940-02-29' });
    const events = ['café visit “noted”', 'line\nbreak and \\ backslash', 'emoji 🩺 and tab\t', ''].map((reason, i) => ({
      placeId,
      userId: i === 3 ? null : nurse.user.id,
      role: 'nurse',
      action: 'person.read',
      personIds: i === 2 ? [] : [made.body.id],
      outcome: 'allowed' as const,
      reason,
      detail: { zeta: 1, alpha: { nested: ['ü', 2.5, null] }, note: "it's <b>bold</b>" },
    }));
    await t.database.db.transaction((tx) => appendAudit(tx, events, new Date('2026-03-01T12:34:56.789Z')));
    const stored = await rowsOf<{ reason: string; stripe: number; stripe_seq: string }>(
      t.database.db,
      sql`select reason, stripe::int as stripe, stripe_seq from audit_entry where place_id = ${placeId} and at = '2026-03-01T12:34:56.789Z' order by seq`,
    );
    expect(stored.map((r) => r.reason)).toEqual(events.map((e) => e.reason));
    expect(new Set(stored.map((r) => r.stripe)).size).toBe(1);
    expect(stored.map((r) => Number(r.stripe_seq) - Number(stored[0]!.stripe_seq))).toEqual([0, 1, 2, 3]);
    expect((await verifyChain(t.database.db, placeId)).problems).toEqual([]);
  });

  it('detects an edited entry, a removed one and a removed last entry', async () => {
    const placeId = nurse.placeId;
    for (let i = 0; i < 40; i++) await nurse.get(`/api/people?q=ledgerton`);
    const clean = await verifyChain(t.database.db, placeId);
    expect(clean.problems).toEqual([]);
    expect(clean.entries).toBeGreaterThan(40);

    const entry = (where: ReturnType<typeof sql>) =>
      rowsOf<{ seq: number; stripe: number }>(t.database.db, sql`select seq::int8 as seq, stripe::int as stripe from audit_entry e where place_id = ${placeId} and ${where} order by seq limit 1`);
    const followed = sql`exists (select 1 from audit_entry f where f.place_id = e.place_id and f.stripe = e.stripe and f.stripe_seq = e.stripe_seq + 1)`;
    const last = sql`not exists (select 1 from audit_entry f where f.place_id = e.place_id and f.stripe = e.stripe and f.stripe_seq > e.stripe_seq)`;

    const [edit] = await entry(followed);
    await t.database.db.execute(sql`update audit_entry set reason = 'nothing to see' where place_id = ${placeId} and seq = ${edit!.seq}`);
    const edited = await verifyChain(t.database.db, placeId);
    expect(edited.problems).toContainEqual(expect.objectContaining({ seq: Number(edit!.seq), problem: expect.stringMatching(/edited/) }));

    const [gone] = await entry(sql`${followed} and seq <> ${edit!.seq}`);
    await t.database.db.execute(sql`delete from audit_entry where place_id = ${placeId} and seq = ${gone!.seq}`);
    const removed = await verifyChain(t.database.db, placeId);
    expect(removed.problems).toContainEqual(expect.objectContaining({ stripe: Number(gone!.stripe), problem: expect.stringMatching(/missing/) }));

    const [tail] = await entry(sql`${last} and stripe <> ${gone!.stripe}`);
    await t.database.db.execute(sql`delete from audit_entry where place_id = ${placeId} and seq = ${tail!.seq}`);
    const cut = await verifyChain(t.database.db, placeId);
    expect(cut.problems).toContainEqual(expect.objectContaining({ stripe: Number(tail!.stripe), problem: expect.stringMatching(/removed from the end/) }));
  });
});
