import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { rowsOf, sql } from '../platform/db.js';

let t: TestApp;
let admin: Client;
let socialWorker: Client;
let place: { partners: { id: string; kind: string; name: string }[]; delegationHistory: any[] };

const groups = ['older_people'];
const partner = (kind: string) => place.partners.find((p) => p.kind === kind)!;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signIn('administrator');
  socialWorker = await t.signIn('social_worker');
  place = (await admin.get('/api/place')).body;
});
afterAll(() => t.close());

async function auditActions(action: string): Promise<any[]> {
  return rowsOf(t.database.db, sql`select action, outcome, detail from audit_entry where place_id = ${admin.placeId} and action = ${action} order by seq`);
}

describe('delegation periods (torbay)', () => {
  it('an administrator records a period; an overlapping one for the same function and client group is a 409 naming the existing period', async () => {
    const made = await admin.post('/api/delegations', {
      function: 'community_health_provision',
      clientGroups: groups,
      fromPartnerId: partner('council').id,
      toPartnerId: partner('care_trust').id,
      validFrom: '2010-04-01',
      legalBasis: 'section_75',
      legalBasisText: 'Section 75 agreement, schedule 3',
      boardDecisionRef: 'TB-2010-07',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ function: 'community_health_provision', validTo: null, legalBasis: 'section_75', boardDecisionRef: 'TB-2010-07', recordedBy: admin.user.id });

    const overlap = await admin.post('/api/delegations', {
      function: 'community_health_provision',
      clientGroups: ['older_people', 'mental_health'],
      fromPartnerId: partner('council').id,
      toPartnerId: partner('council').id,
      validFrom: '2015-01-01',
      legalBasis: 'other',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toContain(made.body.id);
    expect(overlap.body.message).toContain('2010-04-01 to open');

    const other = await admin.post('/api/delegations', {
      function: 'community_health_provision',
      clientGroups: ['mental_health'],
      fromPartnerId: partner('council').id,
      toPartnerId: partner('council').id,
      validFrom: '2015-01-01',
      legalBasis: 'other',
    });
    expect(other.status).toBe(201);
    expect((await auditActions('delegation.record')).length).toBe(2);
  });

  it('supersedes a period: the old one ends the day before, the new one starts, both in the history, and the accountable partner follows the date', async () => {
    const history = (await admin.get('/api/delegations')).body.delegations;
    const open = history.find((d: any) => d.function === 'community_health_provision' && d.clientGroups.join() === 'older_people');
    const next = await admin.post(`/api/delegations/${open.id}/supersede`, {
      toPartnerId: partner('council').id,
      validFrom: '2020-04-01',
      legalBasis: 'other',
      boardDecisionRef: 'TB-2019-31',
      reason: 'Taken back by the council',
    });
    expect(next.status).toBe(201);
    expect(next.body.ended).toMatchObject({ id: open.id, validTo: '2020-03-31', endReason: 'Taken back by the council', endedBy: admin.user.id });
    expect(next.body.started).toMatchObject({ validFrom: '2020-04-01', supersedesId: open.id, toPartnerId: partner('council').id });

    const after = (await admin.get('/api/delegations')).body.delegations;
    expect(after.length).toBe(history.length + 1);
    // Everything else is as it was: only the superseded period gained its last day.
    for (const d of history.filter((x: any) => x.id !== open.id)) expect(after.find((x: any) => x.id === d.id)).toEqual(d);

    const before = await socialWorker.get('/api/delegations/accountable?function=community_health_provision&clientGroup=older_people&on=2019-06-01');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ basis: 'delegation', partner: { id: partner('care_trust').id }, delegation: { id: open.id } });
    const later = await socialWorker.get('/api/delegations/accountable?function=community_health_provision&clientGroup=older_people&on=2021-06-01');
    expect(later.body).toMatchObject({ basis: 'delegation', partner: { id: partner('council').id }, delegation: { id: next.body.started.id } });
    const earlier = await socialWorker.get('/api/delegations/accountable?function=community_health_provision&clientGroup=older_people&on=2001-06-01');
    expect(earlier.body).toMatchObject({ basis: 'statutory', delegation: null });
    expect(earlier.body.partner.kind).not.toBe('council');
    const asc = await socialWorker.get('/api/delegations/accountable?function=asc_assessment&clientGroup=older_people&on=2004-01-01');
    expect(asc.body).toMatchObject({ basis: 'statutory', partner: { id: partner('council').id } });

    const [audit] = await auditActions('delegation.supersede');
    expect(audit).toMatchObject({ outcome: 'allowed', detail: { delegationId: open.id, endedOn: '2020-03-31', startedId: next.body.started.id } });
  });

  it('ends an open period once; an ended period is history and is not changed again', async () => {
    const made = await admin.post('/api/delegations', {
      function: 'public_health',
      clientGroups: groups,
      fromPartnerId: partner('council').id,
      toPartnerId: partner('care_trust').id,
      validFrom: '2014-04-01',
      legalBasis: 'section_75',
    });
    const ended = await admin.post(`/api/delegations/${made.body.id}/end`, { validTo: '2016-03-31', reason: 'Agreement not renewed' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ validTo: '2016-03-31', endReason: 'Agreement not renewed' });
    const again = await admin.post(`/api/delegations/${made.body.id}/end`, { validTo: '2017-03-31', reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('2016-03-31');
    expect((await auditActions('delegation.end')).map((a) => a.detail.after.validTo)).toEqual(['2016-03-31']);
    // The database itself refuses an edit of history and a deletion.
    await expect(t.database.db.execute(sql`update delegation set valid_to = '2018-01-01' where id = ${made.body.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from delegation where id = ${made.body.id}`)).rejects.toThrow();
  });

  it('answers bad input with a 400 naming the field, and refuses writes to anyone but an administrator', async () => {
    const bad = await admin.post('/api/delegations', { function: 'flying', clientGroups: [], fromPartnerId: 'x', toPartnerId: partner('council').id, validFrom: '2020-02-30', legalBasis: 'section_75' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/function/);
    expect(bad.body.message).toMatch(/validFrom/);
    const backwards = await admin.post('/api/delegations', {
      function: 'asc_provision',
      clientGroups: ['children'],
      fromPartnerId: partner('council').id,
      toPartnerId: partner('care_trust').id,
      validFrom: '2030-01-01',
      validTo: '2029-01-01',
      legalBasis: 'section_75',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/validTo/);
    const q = await socialWorker.get('/api/delegations/accountable?function=asc_assessment&clientGroup=older_people&on=yesterday');
    expect(q.status).toBe(400);
    expect(q.body.message).toMatch(/on/);
    const missing = await admin.post('/api/delegations/0190a0a0-0000-7000-8000-000000000000/end', { validTo: '2020-01-01', reason: 'No such period' });
    expect(missing.status).toBe(404);

    const refused = await socialWorker.post('/api/delegations', {
      function: 'asc_provision',
      clientGroups: ['older_people'],
      fromPartnerId: partner('council').id,
      toPartnerId: partner('council').id,
      validFrom: '2030-01-01',
      legalBasis: 'other',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('administrator');
    expect((await auditActions('delegation.record')).some((a) => a.outcome === 'denied')).toBe(true);
  });
});
