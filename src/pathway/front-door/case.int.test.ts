import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../access/roles.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { allocatedPerson } from '../assessments/int-support.js';

let t: TestApp;
const as: Partial<Record<Role, Client>> = {};
const who = (role: Role) => as[role]!;
const numbers = testNhsNumbers(999_930_000);
const staffIdOf = (c: Client) => (c.user as any).staffId as string;
let zone1Practice: string;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ['integration', 'coordinator', 'nurse', 'social_worker', 'team_manager', 'commissioner', 'auditor'] as Role[]) as[role] = await t.signIn(role);
  zone1Practice = (await who('coordinator').get('/api/place')).body.zones[0].practices[0].odsCode;
});
afterAll(() => t.close());

async function openCase(familyName: string) {
  const nhsNumber = numbers.next().value;
  const person = await allocatedPerson(t, { integration: who('integration'), coordinator: who('coordinator'), manager: who('team_manager') }, staffIdOf(who('social_worker')), {
    nhsNumber,
    givenName: 'Winifred',
    familyName,
    birthDate: '1936-02-29',
    gender: '2',
    gpPracticeOds: zone1Practice,
  });
  const caseload = await who('team_manager').get(`/api/caseloads?teamId=${person.teamId}`);
  const theCase = caseload.body.cases.find((c: any) => c.person.id === person.id);
  return { ...person, nhsNumber, caseId: theCase.id as string };
}

describe('GET /api/cases/:id', () => {
  it('shows the case with the person, team, worker and its history, and follows it through a transfer and its close', async () => {
    const c = await openCase('Casebrook');
    const read = await who('team_manager').get(`/api/cases/${c.caseId}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toMatchObject({
      id: c.caseId,
      status: 'open',
      person: { id: c.id, name: 'Winifred Casebrook', nhsNumber: c.nhsNumber, birthDate: '1936-02-29' },
      team: { id: c.teamId },
      worker: { id: staffIdOf(who('social_worker')), name: who('social_worker').user.displayName, professionLabel: 'Social worker' },
      referralId: c.referralId,
      openedBy: { id: who('team_manager').user.id, name: who('team_manager').user.displayName },
      closedAt: null,
      transferredFromCaseId: null,
      transferredToCaseId: null,
      mayChange: true,
    });
    expect(read.body.team.name).toMatch(/integrated team/);
    expect(read.body.history.map((h: any) => h.action)).toEqual(['referral.allocated']);
    expect(read.body.members.map((m: any) => m.id)).toContain(staffIdOf(who('nurse')));
    // The worker reads it too: the case is hers.
    expect((await who('social_worker').get(`/api/cases/${c.caseId}`)).body.worker.id).toBe(staffIdOf(who('social_worker')));

    const moved = await who('team_manager').post(`/api/cases/${c.caseId}/transfer`, { workerStaffId: staffIdOf(who('nurse')), reason: 'Wound care now leads.', version: 1 });
    const old = await who('team_manager').get(`/api/cases/${c.caseId}`);
    expect(old.body).toMatchObject({ status: 'transferred', transferredToCaseId: moved.body.caseId, closeReason: 'transferred: Wound care now leads.', mayChange: false, members: [] });
    expect(old.body.history.map((h: any) => h.action)).toEqual(['referral.allocated', 'case.transferred']);
    const next = await who('team_manager').get(`/api/cases/${moved.body.caseId}`);
    expect(next.body).toMatchObject({ status: 'open', transferredFromCaseId: c.caseId, worker: { id: staffIdOf(who('nurse')), professionLabel: 'District nurse' } });

    const closed = await who('team_manager').post(`/api/cases/${moved.body.caseId}/close`, { reason: 'Healed; nothing more for the team.', version: next.body.version });
    expect(closed.status).toBe(200);
    // Closing ended the team's relationship: reading the closed case now needs break-glass, like the record.
    expect((await who('team_manager').get(`/api/cases/${moved.body.caseId}`)).status).toBe(403);
    await who('team_manager').post(`/api/people/${c.id}/break-glass`, { reason: 'Checking the closed case for a complaint response.' });
    const after = await who('team_manager').get(`/api/cases/${moved.body.caseId}`);
    expect(after.body).toMatchObject({ status: 'closed', closeReason: 'Healed; nothing more for the team.', closedBy: { id: who('team_manager').user.id }, mayChange: false });
    expect(after.body.history.map((h: any) => h.action)).toEqual(['case.transferred', 'case.closed']);
  });

  it('refuses a practitioner with no relationship and roles without person detail, auditing each refusal', async () => {
    const c = await openCase('Closedaway');
    await who('team_manager').post(`/api/cases/${c.caseId}/close`, { reason: 'Moved away from the area.', version: 1 });
    // The worker's relationship ended with the case.
    const worker = await who('social_worker').get(`/api/cases/${c.caseId}`);
    expect(worker.status).toBe(403);
    expect(worker.body).toMatchObject({ error: 'forbidden', breakGlassAllowed: true });
    expect(worker.body.message).toMatch(/no legitimate relationship/);
    const commissioner = await who('commissioner').get(`/api/cases/${c.caseId}`);
    expect(commissioner.status).toBe(403);
    expect(commissioner.body.breakGlassAllowed).toBe(false);
    const audit = await who('auditor').get(`/api/audit?personId=${c.id}&limit=50`);
    const denied = audit.body.entries.filter((e: any) => e.action === 'case.read' && e.outcome === 'denied');
    expect(denied.map((e: any) => e.user.id).sort()).toEqual([who('social_worker').user.id, who('commissioner').user.id].sort());
  });

  it('answers 400 for an id that is not one and 404 for a case that does not exist', async () => {
    const bad = await who('team_manager').get('/api/cases/case-42');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a case id (a UUID)' }]);
    const none = await who('team_manager').get('/api/cases/0190a3c5-0000-7000-8000-00000000beef');
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('There is no case with this id in this place.');
  });
});
