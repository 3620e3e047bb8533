import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../tests/support/test-app.js';
import { testNhsNumbers } from '../../people/nhs-number.js';
import { outcomesWithUnable, personOnTeamCaseload, put } from './int-support.js';

let t: TestApp;
let nurse: Client;
let socialWorker: Client;
let teamManager: Client;
let commissioner: Client;
let auditor: Client;

beforeAll(async () => {
  t = await startTestApp();
  nurse = await t.signIn('nurse');
  socialWorker = await t.signIn('social_worker');
  teamManager = await t.signIn('team_manager');
  commissioner = await t.signIn('commissioner');
  auditor = await t.signIn('auditor');
});
afterAll(() => t.close());

describe('one shared assessment', () => {
  it('a nurse and a social worker write it together, each section showing its author, and it is completed as eligible', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const started = await socialWorker.post('/api/assessments', { personId: person.id, kind: 'needs' });
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect(started.body.status).toBe('in_progress');
    expect(started.body.sectionsNotStarted).toContain('health');

    const health = await put(t, nurse, `/api/assessments/${id}/sections/health`, { content: { conditions: 'Osteoarthritis', mood: 'Low since the fall' } });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ section: 'health', version: 1, sector: 'health', author: { name: nurse.user.displayName, role: 'nurse' } });
    const impairment = await put(t, nurse, `/api/assessments/${id}/sections/impairment`, { content: { hasImpairmentOrIllness: true }, version: 0 });
    expect(impairment.status).toBe(200);
    const outcomes = await put(t, socialWorker, `/api/assessments/${id}/sections/outcomes`, { content: outcomesWithUnable('nutrition', 'personalHygiene') });
    expect(outcomes.status).toBe(200);
    expect(outcomes.body.sector).toBe('social_care');
    // The social worker adds to the nurse's section: it now shows the social worker as last author.
    const healthAgain = await put(t, socialWorker, `/api/assessments/${id}/sections/health`, {
      content: { conditions: 'Osteoarthritis', mood: 'Low since the fall', continence: 'Managing' },
      version: 1,
    });
    expect(healthAgain.status).toBe(200);
    expect(healthAgain.body).toMatchObject({ version: 2, author: { role: 'social_worker' } });
    await put(t, socialWorker, `/api/assessments/${id}/sections/wellbeing`, { content: { significantImpact: true, areas: ['personal_dignity'] } });

    const read = await nurse.get(`/api/assessments/${id}`);
    expect(read.status).toBe(200);
    const authors = Object.fromEntries(read.body.sections.map((s: any) => [s.section, s.author.role]));
    expect(authors).toEqual({ health: 'social_worker', outcomes: 'social_worker', impairment: 'nurse', wellbeing: 'social_worker' });
    expect(read.body.sections.find((s: any) => s.section === 'impairment').author.name).toBe(nurse.user.displayName);
    expect(read.body.eligibility).toMatchObject({ eligible: true, complete: true, unableToAchieve: ['nutrition', 'personalHygiene'] });

    const done = await socialWorker.post(`/api/assessments/${id}/complete`, {
      eligibilityDecision: 'eligible',
      outcome: 'Progress to support planning or services',
      version: read.body.version,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      assessmentType: 'Long term assessment',
      eligibilityDecision: 'eligible',
      outcome: 'Progress to support planning or services',
      completedOn: '2026-11-02',
      eligibilityComputed: { eligible: true },
    });

    // Completed is read-only.
    const late = await put(t, nurse, `/api/assessments/${id}/sections/health`, { content: { mood: 'better' }, version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/completed on 2026-11-02 and is read-only/);
    const again = await socialWorker.post(`/api/assessments/${id}/complete`, { outcome: 'NFA: Other', version: done.body.version });
    expect(again.status).toBe(409);

    const list = await nurse.get(`/api/people/${person.id}/assessments`);
    expect(list.body.assessments).toHaveLength(1);
    expect(list.body.assessments[0]).toMatchObject({ id, sectionsStarted: 4, status: 'completed' });
  });

  it('answers a stale save with 409 carrying the current content and its author, and keeps every version', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    const first = await put(t, nurse, `/api/assessments/${a.id}/sections/personsView`, { content: { ownView: 'I want to stay at home' } });
    expect(first.status).toBe(200);
    const theirs = await put(t, socialWorker, `/api/assessments/${a.id}/sections/personsView`, { content: { ownView: 'I want to stay at home', goals: ['Walk to the shop'] }, version: 1 });
    expect(theirs.status).toBe(200);
    const stale = await put(t, nurse, `/api/assessments/${a.id}/sections/personsView`, { content: { ownView: 'Home, with help' }, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: 'conflict',
      currentVersion: 2,
      current: { content: { goals: ['Walk to the shop'] }, author: { name: socialWorker.user.displayName, role: 'social_worker' } },
    });
    // Starting a section someone else already started is stale too.
    const twice = await put(t, nurse, `/api/assessments/${a.id}/sections/personsView`, { content: { ownView: 'x' } });
    expect(twice.status).toBe(409);
    expect(twice.body.currentVersion).toBe(2);
    const noSuch = await put(t, nurse, `/api/assessments/${a.id}/sections/health`, { content: { mood: 'ok' }, version: 3 });
    expect(noSuch.status).toBe(409);
    expect(noSuch.body.message).toMatch(/send version 0/);

    // Completing on a stale view of the assessment is refused too.
    const old = await nurse.get(`/api/assessments/${a.id}`);
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/strengths`, { content: { personalStrengths: 'Determined' } });
    const staleComplete = await nurse.post(`/api/assessments/${a.id}/complete`, { outcome: 'Progress to reablement/ST-Max', version: old.body.version });
    expect(staleComplete.status).toBe(409);
    expect(staleComplete.body.currentVersion).toBe(old.body.version + 1);
  });

  it('writes one timeline event per new author of a section, not one per save, and audits every save', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    let version = 0;
    for (const text of ['A', 'Ar', 'Art', 'Arth', 'Arthritis']) {
      const saved = await put(t, nurse, `/api/assessments/${a.id}/sections/health`, { content: { conditions: text }, version });
      expect(saved.status).toBe(200);
      version = saved.body.version;
    }
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/health`, { content: { conditions: 'Arthritis', mood: 'fine' }, version });
    const { rows } = (await t.database.db.execute(
      `select action from pathway_event where person_id = '${person.id}' and kind = 'assessment' order by at, action`,
    )) as unknown as { rows: { action: string }[] };
    expect(rows.map((r) => r.action).sort()).toEqual(['assessment.section_started', 'assessment.section_started', 'assessment.started']);
    const audit = await auditor.get(`/api/audit?personId=${person.id}&limit=50`);
    expect(audit.body.entries.filter((e: any) => e.action === 'assessment.section.save')).toHaveLength(6);
    const versions = (await t.database.db.execute(
      `select count(*)::int as n from assessment_section_version where assessment_id = '${a.id}'`,
    )) as unknown as { rows: { n: number }[] };
    expect(versions.rows[0]!.n).toBe(6);
  });

  it('refuses a decision against the rule without a reason of 10 characters, and records an override with one', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await socialWorker.post('/api/assessments', { personId: person.id, kind: 'needs' });
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/impairment`, { content: { hasImpairmentOrIllness: true } });
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/outcomes`, { content: outcomesWithUnable('nutrition') });
    const notYet = await socialWorker.get(`/api/assessments/${a.id}`);
    const incomplete = await socialWorker.post(`/api/assessments/${a.id}/complete`, {
      eligibilityDecision: 'eligible',
      outcome: 'Progress to support planning or services',
      version: notYet.body.version,
    });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.missing).toEqual(['wellbeing.significantImpact']);
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/wellbeing`, { content: { significantImpact: true, areas: ['control_over_day_to_day_life'] } });
    const read = await socialWorker.get(`/api/assessments/${a.id}`);
    expect(read.body.eligibility.eligible).toBe(false);
    const noReason = await socialWorker.post(`/api/assessments/${a.id}/complete`, {
      eligibilityDecision: 'eligible',
      overrideReason: 'because',
      outcome: 'Progress to support planning or services',
      version: read.body.version,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('overrideReason');
    const overridden = await socialWorker.post(`/api/assessments/${a.id}/complete`, {
      eligibilityDecision: 'eligible',
      overrideReason: 'Fluctuating needs: on bad days she cannot wash or dress either.',
      outcome: 'Progress to support planning or services',
      version: read.body.version,
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({ eligibilityDecision: 'eligible', eligibilityComputed: { eligible: false }, overrideReason: expect.stringContaining('Fluctuating') });
  });

  it('completes a short term assessment without an eligibility decision', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    const empty = await nurse.post(`/api/assessments/${a.id}/complete`, { outcome: 'Progress to reablement/ST-Max', version: a.version });
    expect(empty.status).toBe(409);
    const saved = await put(t, nurse, `/api/assessments/${a.id}/sections/health`, { content: { mobilityAndFalls: 'Unsteady after discharge' } });
    const done = await nurse.post(`/api/assessments/${a.id}/complete`, { outcome: 'Progress to reablement/ST-Max', version: saved.body.assessmentVersion });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ assessmentType: 'Short term assessment', eligibilityDecision: null });
  });

  it("assesses a carer, linked to the person cared for, and refuses one without that link", async () => {
    const caredFor = await personOnTeamCaseload(t, nurse);
    const carer = await personOnTeamCaseload(t, nurse, { givenName: 'Arthur', gender: '1', birthDate: '1939-07-01' });
    const missing = await socialWorker.post('/api/assessments', { personId: carer.id, kind: 'carer' });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('caredForPersonId');
    const self = await socialWorker.post('/api/assessments', { personId: carer.id, kind: 'carer', caredForPersonId: carer.id });
    expect(self.status).toBe(400);
    const started = await socialWorker.post('/api/assessments', { personId: carer.id, kind: 'carer', caredForPersonId: caredFor.id });
    expect(started.status).toBe(201);
    expect(started.body.caredForPersonId).toBe(caredFor.id);
    // Both people are named on the assessment, so the page needs neither record.
    expect(started.body.person).toMatchObject({ id: carer.id, name: expect.stringMatching(/^Arthur Pathway/), birthDate: '1939-07-01' });
    expect(started.body.caredFor).toMatchObject({ id: caredFor.id, name: expect.stringMatching(/^Edith Pathway/) });
    const dup = await socialWorker.post('/api/assessments', { personId: carer.id, kind: 'carer', caredForPersonId: caredFor.id });
    expect(dup.status).toBe(409);
    expect(dup.body.existingId).toBe(started.body.id);
    await put(t, socialWorker, `/api/assessments/${started.body.id}/sections/carers`, {
      content: { needsArisingFromCaring: true, carerHealthAtRisk: true, hoursCaringPerWeek: 50, carersOwnNeeds: 'No break for two years' },
    });
    const saved = await put(t, socialWorker, `/api/assessments/${started.body.id}/sections/wellbeing`, {
      content: { significantImpact: true, areas: ['physical_mental_health_emotional_wellbeing'] },
    });
    const done = await socialWorker.post(`/api/assessments/${started.body.id}/complete`, {
      eligibilityDecision: 'eligible',
      outcome: 'Progress to support planning or services',
      version: saved.body.assessmentVersion,
    });
    expect(done.status).toBe(200);
    expect(done.body.eligibilityComputed).toMatchObject({ rule: 'carer', eligible: true });
  });
});

describe('access', () => {
  it('refuses a practitioner without a relationship (403, audited), and roles that see no care detail', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    const { body: stranger } = await nurse.post('/api/people', { givenName: 'Nobody', familyName: 'Knowsher', birthDate: '1950-02-02', allowPossibleDuplicate: true });
    // The nurse registered the stranger, but the social worker has no relationship with her.
    const refused = await socialWorker.post('/api/assessments', { personId: stranger.id, kind: 'needs' });
    expect(refused.status).toBe(403);
    expect(refused.body.breakGlassAllowed).toBe(true);
    const byCommissioner = await commissioner.get(`/api/assessments/${a.id}`);
    expect(byCommissioner.status).toBe(403);
    const audit = await auditor.get(`/api/audit?personId=${stranger.id}&limit=20`);
    expect(audit.body.entries.some((e: any) => e.action === 'assessment.create' && e.outcome === 'denied')).toBe(true);
    const managerReads = await teamManager.get(`/api/assessments/${a.id}`);
    expect(managerReads.status).toBe(200);
  });

  it('withholds sections of the other sector when the person objects to sharing', async () => {
    const person = await personOnTeamCaseload(t, nurse, {
      consent: { consentToShare: true, objectsToHealthSocialCareSharing: true, sharingNote: 'Does not want the council to see her health notes' },
    });
    const { body: a } = await teamManager.post('/api/assessments', { personId: person.id, kind: 'needs' });
    await put(t, nurse, `/api/assessments/${a.id}/sections/health`, { content: { conditions: 'Private health note' } });
    await put(t, socialWorker, `/api/assessments/${a.id}/sections/strengths`, { content: { networkSupport: 'Daughter nearby' } });
    const bySocialWorker = await socialWorker.get(`/api/assessments/${a.id}`);
    expect(bySocialWorker.status).toBe(200);
    const health = bySocialWorker.body.sections.find((s: any) => s.section === 'health');
    expect(health).toMatchObject({ withheld: true, content: null, sector: 'health' });
    const overwrite = await put(t, socialWorker, `/api/assessments/${a.id}/sections/health`, { content: { conditions: 'x' }, version: 1 });
    expect(overwrite.status).toBe(403);
    const byManager = await teamManager.get(`/api/assessments/${a.id}`);
    expect(byManager.body.sections.every((s: any) => !s.withheld)).toBe(true);
  });
});

describe('who is assessed', () => {
  it('names the person with their NHS number and date of birth on the assessment itself', async () => {
    const nhsNumber = testNhsNumbers(999_920_000).next().value;
    const person = await personOnTeamCaseload(t, nurse, { givenName: 'Olive', familyName: 'Namedhere', nhsNumber, birthDate: '1940-10-10' });
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    const read = await socialWorker.get(`/api/assessments/${a.id}`);
    expect(read.status).toBe(200);
    expect(read.body.person).toEqual({ id: person.id, name: 'Olive Namedhere', nhsNumber, birthDate: '1940-10-10' });
    expect(read.body.caredFor).toBeNull();
    // Refused to those without a relationship, and audited; an assessment that does not exist is 404.
    const { body: other } = await nurse.post('/api/people', { givenName: 'Olive', familyName: 'Elsewhere', birthDate: '1940-10-10', allowPossibleDuplicate: true });
    const { body: theirs } = await nurse.post('/api/assessments', { personId: other.id, kind: 'needs' });
    const refused = await socialWorker.get(`/api/assessments/${theirs.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body).not.toHaveProperty('person');
    const audit = await auditor.get(`/api/audit?personId=${other.id}&limit=20`);
    expect(audit.body.entries.some((e: any) => e.action === 'assessment.read' && e.outcome === 'denied' && e.user.id === socialWorker.user.id)).toBe(true);
    expect((await socialWorker.get('/api/assessments/0190a3c5-0000-7000-8000-0000000000aa')).status).toBe(404);
    const bad = await socialWorker.get('/api/assessments/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be an assessment id (a UUID)' }]);
  });
});

describe('bad input', () => {
  it('names the field: unknown section, unknown code, bad content, unknown fields', async () => {
    const person = await personOnTeamCaseload(t, nurse);
    const { body: a } = await nurse.post('/api/assessments', { personId: person.id, kind: 'needs' });
    const section = await put(t, nurse, `/api/assessments/${a.id}/sections/horoscope`, { content: {} });
    expect(section.status).toBe(400);
    expect(section.body.details[0].field).toBe('section');
    const content = await put(t, nurse, `/api/assessments/${a.id}/sections/outcomes`, { content: { nutrition: { canAchieve: false } } });
    expect(content.status).toBe(400);
    expect(content.body.details[0].field).toBe('content.nutrition.ways');
    const unknownField = await put(t, nurse, `/api/assessments/${a.id}/sections/health`, { content: { mood: 'ok' }, colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details[0].field).toBe('colour');
    const outcome = await nurse.post(`/api/assessments/${a.id}/complete`, { outcome: 'All done', version: 1 });
    expect(outcome.status).toBe(400);
    expect(outcome.body.details[0].field).toBe('outcome');
    const kind = await nurse.post('/api/assessments', { personId: person.id, kind: 'wishes' });
    expect(kind.status).toBe(400);
    expect(kind.body.details[0].field).toBe('kind');
    const nobody = await nurse.post('/api/assessments', { personId: '01900000-0000-7000-8000-000000000000', kind: 'needs' });
    expect(nobody.status).toBe(404);
    const nothing = await nurse.get('/api/assessments/01900000-0000-7000-8000-000000000000');
    expect(nothing.status).toBe(404);
  });
});
