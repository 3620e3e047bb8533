import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';

let t: TestApp;
let commissioner: Client;
let board: { id: string; name: string };
let today: string;

beforeAll(async () => {
  t = await startTestApp();
  commissioner = await t.signIn('commissioner');
  today = '2026-10-01';
  const list = await commissioner.get('/api/commissioning/groups');
  expect(list.status).toBe(200);
  board = list.body.groups.find((g: { kind: string }) => g.kind === 'joint_board');
});
afterAll(() => t.close());

describe('commissioning groups', () => {
  it('lists the preset’s groups, one per client group, with a joint board for mental health', async () => {
    const list = await commissioner.get('/api/commissioning/groups');
    expect(list.body.groups).toHaveLength(7);
    expect(board).toMatchObject({ name: 'Torbay mental health joint commissioning board', clientGroups: ['mental_health'], leadPartner: { name: 'Torbay Care Trust' } });
    const one = await commissioner.get(`/api/commissioning/groups/${board.id}`);
    expect(one.status).toBe(200);
    expect(one.body.budget.lines.map((l: { code: string }) => l.code)).toContain('BL/mental_health_services/mental_health/ALL');
    expect(one.body.budget.lines.every((l: { spentPence: number }) => Number.isInteger(l.spentPence))).toBe(true);
    expect(one.body.members.some((m: { role: string }) => m.role === 'chair')).toBe(true);
  });

  it('adds a member, ends the membership once, and records a decision whose reference is unique in the group', async () => {
    const added = await commissioner.post(`/api/commissioning/groups/${board.id}/members`, { name: 'Zennor Example', role: 'lay_member', basis: 'elected', fromOn: '2026-04-01' });
    expect(added.status).toBe(201);
    const member = added.body.members.find((m: { name: string }) => m.name === 'Zennor Example');
    expect(member).toMatchObject({ basis: 'elected', current: true, toOn: null });
    const ended = await commissioner.post(`/api/commissioning/groups/${board.id}/members/${member.id}/end`, { toOn: '2026-06-30' });
    expect(ended.status).toBe(200);
    expect(ended.body.members.find((m: { id: string }) => m.id === member.id)).toMatchObject({ toOn: '2026-06-30', current: false });
    const again = await commissioner.post(`/api/commissioning/groups/${board.id}/members/${member.id}/end`, { toOn: '2026-07-30' });
    expect(again.status).toBe(409);
    const decision = { decidedOn: today, reference: 'JCB-TEST-1', title: 'Crisis beds', text: 'The board agrees to commission two crisis beds.' };
    const recorded = await commissioner.post(`/api/commissioning/groups/${board.id}/decisions`, decision);
    expect(recorded.status).toBe(201);
    expect(recorded.body.decisions[0]).toMatchObject({ reference: 'JCB-TEST-1', title: 'Crisis beds' });
    const dup = await commissioner.post(`/api/commissioning/groups/${board.id}/decisions`, decision);
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('JCB-TEST-1');
  });

  it('refuses bad input with the field and what is wrong, and writes nothing', async () => {
    const bad = await commissioner.post(`/api/commissioning/groups/${board.id}/members`, { name: '', role: 'boss', fromOn: '2026-13-01' });
    expect(bad.status).toBe(400);
    const backwards = await commissioner.post(`/api/commissioning/groups/${board.id}/members`, { name: 'A Person', role: 'member', fromOn: '2026-05-01', toOn: '2026-04-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([{ field: 'toOn', problem: 'must not be before fromOn (2026-05-01)' }]);
    const noContract = await commissioner.post(`/api/commissioning/groups/${board.id}/decisions`, { decidedOn: today, reference: 'X-1', title: 'x', text: 'y', contractIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(noContract.status).toBe(400);
    expect(noContract.body.details[0]).toMatchObject({ field: 'contractIds.0' });
    const wrongLine = await commissioner.post('/api/commissioning/groups', { name: 'New group', clientGroups: ['older_people'], budgetLineCodes: ['BL/home_care/mental_health/ALL', 'POOL/BANK'], validFrom: '2026-04-01' });
    expect(wrongLine.status).toBe(400);
    expect(wrongLine.body.details.map((d: { field: string }) => d.field)).toEqual(['budgetLineCodes.0', 'budgetLineCodes.1']);
    const missing = await commissioner.get('/api/commissioning/groups/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const after = await commissioner.get('/api/commissioning/groups');
    expect(after.body.groups).toHaveLength(7);
  });

  it('lets readers read and only commissioners write; a refusal is audited', async () => {
    const finance = await t.signIn('finance_officer');
    expect((await finance.get(`/api/commissioning/groups/${board.id}`)).status).toBe(200);
    const refused = await finance.post(`/api/commissioning/groups/${board.id}/decisions`, { decidedOn: today, reference: 'F-1', title: 'x', text: 'y' });
    expect(refused.status).toBe(403);
    expect((await (await t.signIn('coordinator')).get('/api/commissioning/groups')).status).toBe(403);
  });
});
