import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { personOnTeamCaseload, put } from '../pathway/assessments/int-support.js';
import { sql } from 'drizzle-orm';
import { londonDateOf } from '../platform/dates.js';
import { rowsOf } from '../platform/db.js';

let t: TestApp;
let nurse: Client;
let socialWorker: Client;
let auditor: Client;
let finance: Client;

beforeAll(async () => {
  t = await startTestApp();
  [nurse, socialWorker, auditor, finance] = await Promise.all([t.signIn('nurse'), t.signIn('social_worker'), t.signIn('auditor'), t.signIn('finance_officer')]);
});
afterAll(() => t.close());

const today = () => londonDateOf(t.clock.now());

/** Two people on the team's caseload: one cared for, one their carer. */
async function pair() {
  const caredFor = await personOnTeamCaseload(t, nurse);
  const carer = await personOnTeamCaseload(t, nurse, { givenName: 'Arthur', gender: '1', birthDate: '1939-07-01' });
  return { caredFor: caredFor.id, carer: carer.id };
}

describe('carer relationships', () => {
  it('records a carer, shows them on both records, lists them both ways and ends them without losing them', async () => {
    const { caredFor, carer } = await pair();
    const made = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'spouse', livesWith: true, mainCarer: true, validFrom: '2024-03-01' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ carer: { id: carer }, caredFor: { id: caredFor }, relationship: 'spouse', relationshipLabel: 'Spouse', livesWith: true, mainCarer: true, validFrom: '2024-03-01', validTo: null, current: true });

    const caredForRecord = await socialWorker.get(`/api/people/${caredFor}`);
    expect(caredForRecord.body.carers).toEqual([expect.objectContaining({ id: made.body.id, personId: carer, relationship: 'spouse', livesWith: true, mainCarer: true, validFrom: '2024-03-01' })]);
    const carerRecord = await socialWorker.get(`/api/people/${carer}`);
    expect(carerRecord.body.caresFor).toEqual([expect.objectContaining({ id: made.body.id, personId: caredFor, relationship: 'spouse' })]);

    const fromCarer = await socialWorker.get(`/api/people/${carer}/carers`);
    expect(fromCarer.status).toBe(200);
    expect(fromCarer.body.carers).toEqual([]);
    expect(fromCarer.body.caresFor.map((r: any) => r.id)).toEqual([made.body.id]);

    const again = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'spouse' });
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(made.body.id);

    const ended = await socialWorker.post(`/api/people/${caredFor}/carers/${made.body.id}/end`, { validTo: today(), reason: 'Moved into a care home' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ validTo: today(), endReason: 'Moved into a care home', current: false });
    expect((await socialWorker.get(`/api/people/${caredFor}`)).body.carers).toEqual([]);
    const history = await socialWorker.get(`/api/people/${caredFor}/carers`);
    expect(history.body.carers).toEqual([expect.objectContaining({ id: made.body.id, validTo: today(), current: false })]);
    const twice = await socialWorker.post(`/api/people/${caredFor}/carers/${made.body.id}/end`, { validTo: today() });
    expect(twice.status).toBe(409);
    // Once ended, the same carer can be recorded again: a new period.
    const renewed = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'spouse' });
    expect(renewed.status).toBe(201);
    expect(renewed.body.validFrom).toBe(today());

    const audit = await auditor.get(`/api/audit?personId=${carer}&limit=50`);
    const actions = audit.body.entries.filter((e: any) => e.outcome === 'allowed').map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['carer.create', 'carer.list', 'carer.end']));
  });

  it('refuses bad input with the field named, and never a 500', async () => {
    const { caredFor, carer } = await pair();
    const self = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: caredFor, relationship: 'other' });
    expect(self.status).toBe(400);
    expect(self.body.details[0].field).toBe('carerPersonId');
    const unknownCode = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'butler' });
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.body.details[0].field).toBe('relationship');
    const notAPerson = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: '01900000-0000-7000-8000-000000000000', relationship: 'friend' });
    expect(notAPerson.status).toBe(400);
    expect(notAPerson.body.details[0].field).toBe('carerPersonId');
    const badDate = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'friend', validFrom: '2024-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0].field).toBe('validFrom');
    const future = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'friend', validFrom: '2999-01-01' });
    expect(future.status).toBe(400);

    const made = await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'friend', validFrom: '2025-01-10' });
    const early = await socialWorker.post(`/api/people/${caredFor}/carers/${made.body.id}/end`, { validTo: '2025-01-09' });
    expect(early.status).toBe(400);
    expect(early.body.details[0].field).toBe('validTo');
    const missing = await socialWorker.post(`/api/people/${caredFor}/carers/${made.body.id}/end`, {});
    expect(missing.status).toBe(400);
    const badId = await socialWorker.post(`/api/people/${caredFor}/carers/not-a-uuid/end`, { validTo: today() });
    expect(badId.status).toBe(400);
    const elsewhere = await personOnTeamCaseload(t, nurse);
    const wrongPerson = await socialWorker.post(`/api/people/${elsewhere.id}/carers/${made.body.id}/end`, { validTo: today() });
    expect(wrongPerson.status).toBe(404);
  });

  it('goes through the access policy: without a relationship 403 and the refusal audited; roles without care detail refused', async () => {
    const { caredFor } = await pair();
    const { body: stranger } = await nurse.post('/api/people', { givenName: 'Nobody', familyName: 'Carerless', birthDate: '1950-02-02', allowPossibleDuplicate: true });
    // The nurse registered the stranger; the social worker holds no relationship with her.
    const list = await socialWorker.get(`/api/people/${stranger.id}/carers`);
    expect(list.status).toBe(403);
    expect(list.body.breakGlassAllowed).toBe(true);
    const add = await socialWorker.post(`/api/people/${stranger.id}/carers`, { carerPersonId: caredFor, relationship: 'friend' });
    expect(add.status).toBe(403);
    expect((await finance.get(`/api/people/${caredFor}/carers`)).status).toBe(403);
    const audit = await auditor.get(`/api/audit?personId=${stranger.id}&limit=20`);
    const denied = audit.body.entries.filter((e: any) => e.outcome === 'denied' && e.user.id === socialWorker.user.id).map((e: any) => e.action);
    expect(denied).toEqual(expect.arrayContaining(['carer.list', 'carer.create']));
  });
});

describe('merging records', () => {
  it('moves carer relationships to the surviving record, and keeps one that would repeat an open one with the merged record', async () => {
    const { caredFor, carer } = await pair();
    const twin = await personOnTeamCaseload(t, nurse);
    const friend = await personOnTeamCaseload(t, nurse, { givenName: 'Violet', birthDate: '1944-01-01' });
    await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'spouse', livesWith: true });
    const repeated = await socialWorker.post(`/api/people/${twin.id}/carers`, { carerPersonId: carer, relationship: 'spouse' });
    const moved = await socialWorker.post(`/api/people/${twin.id}/carers`, { carerPersonId: friend.id, relationship: 'friend' });
    const merged = await nurse.post(`/api/people/${caredFor}/merge`, { mergeId: twin.id, reason: 'same person, registered twice' }, { 'if-match': '"1"' });
    expect(merged.status).toBe(200);
    expect(merged.body.carers.map((c: any) => c.personId).sort()).toEqual([carer, friend.id].sort());
    expect(merged.body.carers.find((c: any) => c.personId === friend.id).id).toBe(moved.body.id);
    // The repeat stays with the merged record (its history, reached through the alias), not deleted.
    const left = await rowsOf<{ id: string }>(t.database.db, sql`select id from person_carer where person_id = ${twin.id}`);
    expect(left.map((r) => r.id)).toEqual([repeated.body.id]);
  });
});

describe("a carer's assessment started from the cared-for person's record", () => {
  it('records eligibility under regulation 3 with its conditions, and keeps the CLD carer fields', async () => {
    const { caredFor, carer } = await pair();
    await socialWorker.post(`/api/people/${caredFor}/carers`, { carerPersonId: carer, relationship: 'daughter', mainCarer: true });
    const started = await socialWorker.post('/api/assessments', { personId: carer, kind: 'carer', caredForPersonId: caredFor });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ kind: 'carer', caredFor: { id: caredFor }, carerReturn: null });
    const id = started.body.id;
    await put(t, socialWorker, `/api/assessments/${id}/sections/carers`, {
      content: { needsArisingFromCaring: true, carerHealthAtRisk: false, carerUnableToAchieve: ['recreation'], hoursCaringPerWeek: 35 },
      version: 0,
    });
    const saved = await put(t, socialWorker, `/api/assessments/${id}/sections/wellbeing`, { content: { significantImpact: false }, version: 0 });
    const done = await socialWorker.post(`/api/assessments/${id}/complete`, { eligibilityDecision: 'not_eligible', outcome: 'NFA: Information and advice or signposting', version: saved.body.assessmentVersion });
    expect(done.status).toBe(200);
    expect(done.body.eligibilityDecision).toBe('not_eligible');
    // Why: the caring role affects the carer (a) and (b), but without a significant impact on wellbeing (c).
    expect(done.body.eligibilityComputed).toMatchObject({
      rule: 'carer',
      eligible: false,
      conditions: { first: true, second: true, significantImpactOnWellbeing: false },
      unableToAchieve: ['recreation'],
    });
    expect(done.body.assessmentType).toBe('Long term assessment');
    expect(done.body.carerReturn).toEqual({
      clientType: 'Unpaid carer',
      primarySupportReason: 'Social support: Support to unpaid carer',
      totalHoursCaringPerWeek: 35,
      adultsCaredFor: 1,
      linkedPersonIds: [caredFor],
    });
    const read = await socialWorker.get(`/api/assessments/${id}`);
    expect(read.body.carerReturn.linkedPersonIds).toEqual([caredFor]);
  });
});
