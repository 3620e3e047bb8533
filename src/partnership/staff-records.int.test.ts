import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../tests/support/test-app.js';

describe('staff records', () => {
  it("somerset: an approved social worker's record names the council as employer and the trust as manager", async () => {
    const t = await startTestApp({ preset: 'somerset' });
    try {
      const manager = await t.signIn('team_manager');
      const me = (await manager.get('/api/session')).body;
      const team = me.user.teams[0];
      const caseload = await manager.get(`/api/caseloads?teamId=${team.id}`);
      expect(caseload.status).toBe(200);
      const asw = caseload.body.members.find((m: { profession: string }) => m.profession === 'approved_social_worker');
      expect(asw).toBeDefined();

      const record = await manager.get(`/api/staff/${asw.id}`);
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({ professionLabel: 'Approved social worker', managedApart: true, terms: 'council' });
      expect(record.body.employer).toMatchObject({ kind: 'council', name: expect.stringMatching(/Council/) });
      expect(record.body.managedBy.name).not.toBe(record.body.employer.name);
      expect(record.body.managedBy.kind).toMatch(/trust/);
      expect(record.body.teams.map((x: { id: string }) => x.id)).toContain(team.id);

      // Their manager's own record: employed and managed by the same trust.
      const own = await manager.get(`/api/staff/${me.user.staffId}`);
      expect(own.body.managedApart).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('answers 404 for an unknown staff member and 400 for a malformed id', async () => {
    const t = await startTestApp();
    try {
      const c = await t.signIn('coordinator');
      expect((await c.get('/api/staff/0190f0a0-0000-7000-8000-000000000000')).status).toBe(404);
      const bad = await c.get('/api/staff/nobody');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/staff member id/);
    } finally {
      await t.close();
    }
  });
});
