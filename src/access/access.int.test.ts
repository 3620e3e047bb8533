import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { grantRelationship } from './relationships.js';

let t: TestApp;
let coordinator: Client;
let socialWorker: Client;
let nurse: Client;
let auditor: Client;

beforeAll(async () => {
  t = await startTestApp();
  [coordinator, socialWorker, nurse, auditor] = await Promise.all([
    t.signIn('coordinator'),
    t.signIn('social_worker'),
    t.signIn('nurse'),
    t.signIn('auditor'),
  ]);
});
afterAll(() => t.close());

async function someoneWithoutRelationship(client: Client): Promise<string> {
  const res = await client.get('/api/people?q=jones&limit=50');
  const row = res.body.results.find((p: any) => p.access === 'none');
  expect(row).toBeDefined();
  return row.id;
}

describe('opening a record without a legitimate relationship', () => {
  it('is refused with a way to break glass, and the refusal is audited', async () => {
    const id = await someoneWithoutRelationship(socialWorker);
    const res = await socialWorker.get(`/api/people/${id}`);
    expect(res.status).toBe(403);
    expect(res.body.breakGlassAllowed).toBe(true);
    expect(res.body.message).toMatch(/no legitimate relationship/);
    const audit = await auditor.get(`/api/audit?personId=${id}`);
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({ action: 'person.read', outcome: 'denied', user: expect.objectContaining({ id: socialWorker.user.id }) }),
    );
  });

  it('opens after breaking glass with a reason, for four hours, and waits for review', async () => {
    const id = await someoneWithoutRelationship(coordinator);
    const short = await coordinator.post(`/api/people/${id}/break-glass`, { reason: 'need it' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('reason');
    const reason = 'Called by the ambulance crew at the house; no record of allergies on scene.';
    const glass = await coordinator.post(`/api/people/${id}/break-glass`, { reason });
    expect(glass.status).toBe(200);
    expect(new Date(glass.body.validTo).getTime() - t.clock.now().getTime()).toBe(4 * 3600_000);
    const open = await coordinator.get(`/api/people/${id}`);
    expect(open.status).toBe(200);
    expect(open.body.access.kind).toBe('break_glass');

    const queue = await auditor.get('/api/break-glass?status=pending');
    const item = queue.body.items.find((i: any) => i.person.id === id);
    expect(item).toMatchObject({ reason, user: { id: coordinator.user.id }, reviewStatus: 'pending' });
    const own = await coordinator.post(`/api/break-glass/${item.id}/review`, { outcome: 'appropriate', note: '' });
    expect(own.status).toBe(403);
    const reviewed = await auditor.post(`/api/break-glass/${item.id}/review`, { outcome: 'appropriate', note: 'Emergency call confirmed.' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.reviewedBy.id).toBe(auditor.user.id);
    const again = await auditor.post(`/api/break-glass/${item.id}/review`, { outcome: 'inappropriate', note: '' });
    expect(again.status).toBe(409);

    // Four hours later the access has lapsed.
    t.clock.advance(4 * 3600_000 + 1000);
    const later = await (await t.signIn('coordinator')).get(`/api/people/${id}`);
    expect(later.status).toBe(403);
    t.clock.set(new Date('2026-11-02T09:30:00Z'));
  });
});

describe('roles that see no clinical detail', () => {
  it('refuses a finance officer the register, the record and break-glass', async () => {
    const finance = await t.signIn('finance_officer');
    const id = await someoneWithoutRelationship(coordinator);
    expect((await finance.get('/api/people?q=smith')).status).toBe(403);
    const record = await finance.get(`/api/people/${id}`);
    expect(record.status).toBe(403);
    expect(record.body.breakGlassAllowed).toBe(false);
    expect((await finance.post(`/api/people/${id}/break-glass`, { reason: 'curious about this person' })).status).toBe(403);
  });

  it('keeps the audit log to auditors', async () => {
    expect((await nurse.get('/api/audit?limit=5')).status).toBe(403);
    expect((await auditor.get('/api/audit?limit=5')).status).toBe(200);
  });
});

describe('an objection to sharing between health and social care', () => {
  it('keeps a health relationship from opening the record to social care staff in the same team', async () => {
    const made = await nurse.post('/api/people', { givenName: 'Rosalind', familyName: 'Objectorsby', birthDate: '1944-02-02' });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const shared = nurse.user.teams.find((tm) => socialWorker.user.teams.some((s) => s.id === tm.id));
    expect(shared).toBeDefined();
    // The pathway allocates her to the zone team's caseload for nursing.
    await t.database.db.transaction((tx) =>
      grantRelationship(tx, { placeId: nurse.placeId, personId: id, kind: 'caseload', teamId: shared!.id, sector: 'health', validFrom: t.clock.now() }),
    );
    expect((await socialWorker.get(`/api/people/${id}`)).status).toBe(200);

    const objection = { consentToShare: true, objectsToHealthSocialCareSharing: true, sharingNote: 'Does not want nursing notes shared with the council.', recordedOn: '2026-11-02' };
    const changed = await nurse.patch(`/api/people/${id}`, { consent: objection }, { 'if-match': `"${made.body.version}"` });
    expect(changed.status).toBe(200);
    expect(changed.body.consent.objectsToHealthSocialCareSharing).toBe(true);

    const refused = await socialWorker.get(`/api/people/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/objected to sharing between health and social care/);
    expect((await nurse.get(`/api/people/${id}`)).status).toBe(200);
  });
});

describe("changing things needs the session's CSRF token", () => {
  it('refuses a change without it and accepts the same change with it', async () => {
    const body = { givenName: 'Cyril', familyName: 'Forgedrequest', birthDate: '1950-05-05' };
    const forged = await t.app.inject({ method: 'POST', url: '/api/people', headers: { cookie: nurse.cookie }, payload: body });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toMatch(/CSRF/);
    expect((await nurse.post('/api/people', body)).status).toBe(201);
  });
});
