import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, sql } from '../platform/db.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { verifyChain } from './audit.js';

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

  it('detects an edited entry and a removed one', async () => {
    const placeId = nurse.placeId;
    const clean = await verifyChain(t.database.db, placeId);
    expect(clean.problems).toEqual([]);
    expect(clean.entries).toBeGreaterThan(3);

    await t.database.db.execute(sql`update audit_entry set reason = 'nothing to see' where place_id = ${placeId} and seq = 2`);
    const edited = await verifyChain(t.database.db, placeId);
    expect(edited.problems).toContainEqual(expect.objectContaining({ seq: 2, problem: expect.stringMatching(/edited/) }));

    await t.database.db.execute(sql`delete from audit_entry where place_id = ${placeId} and seq = 3`);
    const removed = await verifyChain(t.database.db, placeId);
    expect(removed.problems).toContainEqual(expect.objectContaining({ seq: 3, problem: expect.stringMatching(/missing/) }));
  });
});
