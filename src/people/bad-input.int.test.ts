import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';

let t: TestApp;
let nurse: Client;
beforeAll(async () => {
  t = await startTestApp();
  nurse = await t.signIn('nurse');
});
afterAll(() => t.close());

const valid = { givenName: 'Mabel', familyName: 'Inputson', birthDate: '1945-03-03' };

describe('bad input is answered 4xx, naming the field, and nothing is stored', () => {
  it.each([
    ['a wrong type', { ...valid, birthDate: 19450303 }, 'birthDate'],
    ['an impossible date', { ...valid, birthDate: '1945-02-30' }, 'birthDate'],
    ['an unknown field', { ...valid, favouriteColour: 'blue' }, 'favouriteColour'],
    ['an overlong name', { ...valid, givenName: 'A'.repeat(101) }, 'givenName'],
    ['a script in a name', { ...valid, givenName: '<script>alert(1)</script>' }, 'givenName'],
    ['SQL in a name', { ...valid, familyName: "Inputson'); DROP TABLE person; --" }, 'familyName'],
    ['an invalid NHS number', { ...valid, nhsNumber: '1234567890' }, 'nhsNumber'],
    ['a missing name', { birthDate: '1945-03-03', familyName: 'Inputson' }, 'givenName'],
    ['a death before birth', { ...valid, deathDate: '1940-01-01' }, 'deathDate'],
    ['a postcode that is not one', { ...valid, postcode: 'NOT A CODE' }, 'postcode'],
    ['a nested unknown consent field', { ...valid, consent: { consentToShare: true, objectsToHealthSocialCareSharing: false, hack: 1 } }, 'consent.hack'],
  ])('%s', async (_what, body, field) => {
    const res = await nurse.post('/api/people', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid');
    expect(res.body.details.map((d: any) => d.field)).toContain(field);
    expect(res.body.message).toContain(field);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { cookie: nurse.cookie, 'x-csrf-token': nurse.csrfToken, 'content-type': 'application/json' },
      payload: '{"givenName": "Mabel",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/not valid JSON/);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const res = await nurse.post('/api/people', { ...valid, otherNames: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    expect((await nurse.get('/api/people/not-a-uuid')).status).toBe(400);
    expect((await nurse.get('/api/people/0190a3c5-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('stored nothing from any of it', async () => {
    expect((await nurse.get('/api/people?q=inputson')).body.results).toEqual([]);
  });

  it('stores free text as given, for the page to escape', async () => {
    const note = 'Prefers <b>no</b> calls after 6pm & "never" on Sundays';
    const res = await nurse.post('/api/people', {
      ...valid,
      familyName: 'Freetext',
      consent: { consentToShare: true, objectsToHealthSocialCareSharing: false, sharingNote: note, recordedOn: '2026-11-01' },
    });
    expect(res.status).toBe(201);
    expect((await nurse.get(`/api/people/${res.body.id}`)).body.consent.sharingNote).toBe(note);
  });
});
