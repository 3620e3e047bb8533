import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../platform/db.js';
import { startTestApp, type Client, type TestApp } from '../../tests/support/test-app.js';
import { testNhsNumbers } from './nhs-number.js';

let t: TestApp;
let coordinator: Client;
let nurse: Client;
// Numbers from the top of the reserved range, well clear of the fixture's people.
const freshNumbers = testNhsNumbers(999_990_000);
const nextNhs = () => freshNumbers.next().value as string;

beforeAll(async () => {
  t = await startTestApp();
  coordinator = await t.signIn('coordinator');
  nurse = await t.signIn('nurse');
});
afterAll(() => t.close());

const newPerson = (over: Record<string, unknown> = {}) => ({
  givenName: 'Elsie',
  familyName: 'Pennywhistle',
  birthDate: '1938-04-02',
  gender: '2',
  postcode: 'TQ1 2AB',
  addressLines: ['4 Harbour View', 'Torquay'],
  ...over,
});

describe('finding a person', () => {
  it('finds Mrs Smith, 85, by name, and the co-ordinator opens her record with her GP practice and zone', async () => {
    const found = await coordinator.get('/api/people?q=smith');
    expect(found.status).toBe(200);
    const mrsSmith = found.body.results.find((p: any) => p.title === 'Mrs' && p.familyName === 'Smith' && p.age === 85);
    expect(mrsSmith).toBeDefined();
    expect(mrsSmith.access).toBe('relationship');
    const record = await coordinator.get(`/api/people/${mrsSmith.id}`);
    expect(record.status).toBe(200);
    expect(record.body.gpPractice.ods).toMatch(/^[A-Z]\d{5}$/);
    expect(record.body.zone.name).toBeTruthy();
    expect(record.headers.etag).toBe(`"${record.body.version}"`);
    const now = t.clock.now();
    const holding = await rowsOf<{ name: string; kind: string }>(
      t.database.db,
      sql`select distinct t.name, r.kind from care_relationship r join team t on t.id = r.team_id
          where r.person_id = ${mrsSmith.id} and r.valid_from <= ${now} and (r.valid_to is null or r.valid_to > ${now})`,
    );
    expect(holding.length).toBeGreaterThan(0);
    expect(record.body.teams.map((x: any) => [x.name, x.relationshipKind]).sort()).toEqual(holding.map((h) => [h.name, h.kind]).sort());
  });

  it('finds a person by NHS number typed with spaces, and by name fragment with date of birth', async () => {
    const made = await nurse.post('/api/people', newPerson({ nhsNumber: nextNhs(), givenName: 'Winifred', familyName: 'Quillfeather', birthDate: '1940-06-15' }));
    expect(made.status).toBe(201);
    const n: string = made.body.nhsNumber;
    const byNumber = await coordinator.get(`/api/people?q=${encodeURIComponent(`${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`)}`);
    expect(byNumber.body.results.map((p: any) => p.id)).toEqual([made.body.id]);
    const byNameAndDob = await coordinator.get(`/api/people?q=${encodeURIComponent('quill 15/06/1940')}`);
    expect(byNameAndDob.body.results[0].id).toBe(made.body.id);
    const wrongDob = await coordinator.get(`/api/people?q=${encodeURIComponent('quill 16/06/1940')}`);
    expect(wrongDob.body.results).toEqual([]);
  });

  it('still finds a name typed with a slip', async () => {
    await nurse.post('/api/people', newPerson({ givenName: 'Theodora', familyName: 'Brackenbury', birthDate: '1950-01-01' }));
    const slip = await coordinator.get('/api/people?q=brakenbury');
    expect(slip.body.results.some((p: any) => p.familyName === 'Brackenbury')).toBe(true);
  });

  it('ranks names that start with the fragment above names that merely contain it', async () => {
    const res = await coordinator.get('/api/people?q=smi&limit=50');
    const first = res.body.results[0];
    expect(`${first.givenName} ${first.familyName}`.toLowerCase()).toMatch(/(^| )smi/);
  });

  it('asks for at least two characters', async () => {
    const res = await coordinator.get('/api/people?q=s');
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('q');
  });
});

describe('opening a record', () => {
  it('shows the carers by name, the people the person cares for, and their contacts, as recorded', async () => {
    const [link] = await rowsOf<{ person_id: string; carer_person_id: string; relationship: string; carer_name: string }>(
      t.database.db,
      sql`select c.person_id, c.carer_person_id, c.relationship, p.given_name || ' ' || p.family_name as carer_name
          from person_carer c join person p on p.id = c.carer_person_id
          where exists (select 1 from person_contact k where k.person_id = c.person_id) order by c.person_id limit 1`,
    );
    expect(link).toBeDefined();
    const contacts = await rowsOf<{ name: string; relationship: string; next_of_kin: boolean }>(
      t.database.db,
      sql`select name, relationship, next_of_kin from person_contact where person_id = ${link!.person_id} order by name`,
    );
    for (const id of [link!.person_id, link!.carer_person_id]) {
      expect((await coordinator.post(`/api/people/${id}/break-glass`, { reason: 'checking who looks after this person before a visit' })).status).toBe(200);
    }
    const record = await coordinator.get(`/api/people/${link!.person_id}`);
    expect(record.status).toBe(200);
    expect(record.body.carers).toContainEqual(expect.objectContaining({ personId: link!.carer_person_id, name: link!.carer_name, relationship: link!.relationship }));
    expect(record.body.contacts.map((c: any) => [c.name, c.relationship, c.nextOfKin])).toEqual(contacts.map((c) => [c.name, c.relationship, c.next_of_kin]));
    const carer = await coordinator.get(`/api/people/${link!.carer_person_id}`);
    expect(carer.body.caresFor).toContainEqual(expect.objectContaining({ personId: link!.person_id, relationship: link!.relationship }));
    expect(carer.body.aliases).toEqual([]);
  });
});

describe('adding a person', () => {
  it('refuses an NHS number with a wrong check digit, naming the field, and stores nothing', async () => {
    const res = await nurse.post('/api/people', newPerson({ nhsNumber: '9434765918', familyName: 'Nevermade' }));
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field: 'nhsNumber', problem: expect.stringContaining('check digit') });
    const search = await coordinator.get('/api/people?q=nevermade');
    expect(search.body.results).toEqual([]);
  });

  it('refuses a second record with the same NHS number and points to the first', async () => {
    const nhsNumber = nextNhs();
    const first = await nurse.post('/api/people', newPerson({ nhsNumber, familyName: 'Oakhampton' }));
    expect(first.status).toBe(201);
    const again = await nurse.post('/api/people', newPerson({ nhsNumber, familyName: 'Oakhampton' }));
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('duplicate');
    expect(again.body.candidates[0].id).toBe(first.body.id);
  });

  it('proposes a likely duplicate (same birth date, similar name) and creates it only when told it is someone else', async () => {
    const first = await nurse.post('/api/people', newPerson({ givenName: 'Margery', familyName: 'Tidewell', birthDate: '1936-09-09' }));
    expect(first.status).toBe(201);
    const likely = await nurse.post('/api/people', newPerson({ givenName: 'Marjory', familyName: 'Tidewell', birthDate: '1936-09-09' }));
    expect(likely.status).toBe(409);
    expect(likely.body.candidates.map((c: any) => c.id)).toContain(first.body.id);
    const sure = await nurse.post('/api/people', newPerson({ givenName: 'Marjory', familyName: 'Tidewell', birthDate: '1936-09-09', allowPossibleDuplicate: true }));
    expect(sure.status).toBe(201);
  });

  it('places a person in the zone of their GP practice', async () => {
    const place = await (await t.signIn('administrator')).get('/api/place');
    const zone = place.body.zones[2];
    const practice = zone.practices[0];
    const made = await nurse.post('/api/people', newPerson({ familyName: 'Zonetest', gpPracticeOds: practice.odsCode }));
    expect(made.status).toBe(201);
    expect(made.body.zone.id).toBe(zone.id);
    const unknown = await nurse.post('/api/people', newPerson({ familyName: 'Zonetest', gpPracticeOds: 'Z99999', allowPossibleDuplicate: true }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('gpPracticeOds');
  });
});

describe('changing a person', () => {
  it('keeps every version, and refuses a change made to a stale version', async () => {
    const made = await nurse.post('/api/people', newPerson({ familyName: 'Versionworth' }));
    const id = made.body.id;
    const ok = await nurse.patch(`/api/people/${id}`, { phone: '01803 000111' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    expect(ok.body.phone).toBe('01803 000111');
    const stale = await nurse.patch(`/api/people/${id}`, { phone: '01803 999999' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const noVersion = await nurse.patch(`/api/people/${id}`, { phone: '01803 999999' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.details[0].field).toBe('If-Match');
    const reread = await nurse.get(`/api/people/${id}`);
    expect(reread.body.phone).toBe('01803 000111');
    const versions = await nurse.get(`/api/people/${id}/versions`);
    expect(versions.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(versions.body.versions[1].change).toContain('phone');
  });

  it('merges two records of one person: the other lives on as an alias, and its NHS number moves over', async () => {
    const nhsNumber = nextNhs();
    const keep = await nurse.post('/api/people', newPerson({ givenName: 'Agatha', familyName: 'Mergewell', birthDate: '1931-01-05' }));
    const other = await nurse.post('/api/people', newPerson({ givenName: 'Aggie', familyName: 'Mergewell', birthDate: '1931-01-05', nhsNumber, allowPossibleDuplicate: true }));
    expect(other.status).toBe(201);
    const merged = await nurse.post(`/api/people/${keep.body.id}/merge`, { mergeId: other.body.id, reason: 'same person, registered twice' }, { 'if-match': '"1"' });
    expect(merged.status).toBe(200);
    expect(merged.body.nhsNumber).toBe(nhsNumber);
    expect(merged.body.aliases).toEqual([expect.objectContaining({ personId: other.body.id, givenName: 'Aggie' })]);
    const old = await nurse.get(`/api/people/${other.body.id}`);
    expect(old.status).toBe(200);
    expect(old.body.mergedInto).toBe(keep.body.id);
    const search = await coordinator.get(`/api/people?q=${nhsNumber}`);
    expect(search.body.results.map((p: any) => p.id)).toEqual([keep.body.id]);
  });
});
