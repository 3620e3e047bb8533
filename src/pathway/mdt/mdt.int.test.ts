import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { grantRelationship } from '../../access/relationships.js';

let t: TestApp;
let manager: Client;
let nurse: Client;
let finance: Client;
let teamId: string;
let personId: string;

beforeAll(async () => {
  t = await startTestApp();
  [manager, nurse, finance] = await Promise.all([t.signIn('team_manager'), t.signIn('nurse'), t.signIn('finance_officer')]);
  teamId = nurse.user.teams.find((tm) => manager.user.teams.some((m) => m.id === tm.id))!.id;
  const made = await nurse.post('/api/people', { givenName: 'Walter', familyName: 'Meetingham', birthDate: '1937-12-12' });
  personId = made.body.id;
  await t.database.db.transaction((tx) => grantRelationship(tx, { placeId: nurse.placeId, personId, kind: 'caseload', teamId, sector: 'integrated', validFrom: t.clock.now() }));
});
afterAll(() => t.close());

describe('MDT meetings', () => {
  it('records the case list, the discussion and actions; overdue actions show for the owner and on the person', async () => {
    const meeting = await manager.post('/api/mdt-meetings', { teamId, heldOn: '2026-10-20', attendeeStaffIds: [(manager.user as any).staffId, (nurse.user as any).staffId] });
    expect(meeting.status).toBe(201);
    const discussed = await manager.post(`/api/mdt-meetings/${meeting.body.id}/cases`, { personId, note: 'Two falls this month; needs OT home visit.' });
    expect(discussed.status).toBe(200);
    const action = await manager.post(`/api/mdt-meetings/${meeting.body.id}/actions`, {
      personId,
      ownerStaffId: (nurse.user as any).staffId,
      description: 'Arrange OT home visit',
      dueOn: '2026-10-27',
    });
    expect(action.status).toBe(201);
    expect(action.body.overdue).toBe(true);

    const detail = await nurse.get(`/api/mdt-meetings/${meeting.body.id}`);
    expect(detail.body.cases[0]).toMatchObject({ person: { id: personId }, note: 'Two falls this month; needs OT home visit.' });
    const mine = await nurse.get('/api/mdt-actions?overdue=true');
    expect(mine.body.actions.map((a: any) => a.id)).toContain(action.body.id);
    const onRecord = await nurse.get(`/api/people/${personId}/mdt-actions`);
    expect(onRecord.body.actions[0]).toMatchObject({ id: action.body.id, overdue: true });
    const timeline = await nurse.get(`/api/people/${personId}/timeline?kind=mdt`);
    expect(timeline.body.items.map((i: any) => i.action)).toEqual(['mdt.action', 'mdt.discussed']);

    const done = await nurse.post(`/api/mdt-actions/${action.body.id}/done`, {});
    expect(done.body.done).toBe(true);
    expect((await nurse.post(`/api/mdt-actions/${action.body.id}/done`, {})).status).toBe(409);
    expect((await nurse.get('/api/mdt-actions?overdue=true')).body.actions.map((a: any) => a.id)).not.toContain(action.body.id);
  });

  it('refuses an action owner outside the team, a due date before the meeting, and other roles', async () => {
    const meeting = await manager.post('/api/mdt-meetings', { teamId, heldOn: '2026-10-27', attendeeStaffIds: [(manager.user as any).staffId] });
    const early = await manager.post(`/api/mdt-meetings/${meeting.body.id}/actions`, { personId, ownerStaffId: (nurse.user as any).staffId, description: 'Too early', dueOn: '2026-10-01' });
    expect(early.status).toBe(400);
    expect(early.body.details[0].field).toBe('dueOn');
    const outsider = await manager.post(`/api/mdt-meetings/${meeting.body.id}/actions`, { personId, ownerStaffId: '0190a3c5-0000-7000-8000-000000000003', description: 'Nobody', dueOn: '2026-11-30' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.details[0].field).toBe('ownerStaffId');
    expect((await finance.post('/api/mdt-meetings', { teamId, heldOn: '2026-10-27', attendeeStaffIds: [(manager.user as any).staffId] })).status).toBe(403);
  });
});
