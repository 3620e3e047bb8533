import type { people, personCarers, personContacts } from '../people/schema.js';
import type { relationships } from '../access/schema.js';
import { testNhsNumbers } from '../people/nhs-number.js';
import { searchNameOf } from '../people/search-name.js';
import type { Preset } from './preset.js';
import { Random, weightedPicker } from './random.js';
import type { SynthIds } from './ids.js';
import { addDays, birthDateForAge, instantOn } from './dates.js';
import { householdMembers, householdTypeFor, type MemberSpec } from './households.js';
import { familyName, givenName, landline, mobile, postcode, streetList, type Sex } from './names.js';
import { caseloadsFor, mrsSmithRelationships } from './caseloads.js';

export type NewPerson = typeof people.$inferInsert;
export type NewCarer = typeof personCarers.$inferInsert;
export type NewContact = typeof personContacts.$inferInsert;
export type NewRelationship = typeof relationships.$inferInsert;

/** A zone as the people generator needs it: where people live and whose caseload they join. */
export type ZoneForPeople = {
  code: string;
  id: string;
  weight: number;
  town: string;
  districts: string[];
  practiceIds: string[];
  /** The zone's integrated team, which holds caseloads; null where the preset has none. */
  caseloadTeamId: string | null;
};

export type PeopleContext = {
  placeId: string;
  preset: Preset;
  seed: number;
  population: number;
  asOf: string;
  ids: SynthIds;
  /** Zone 1 first: Mrs Smith lives there. */
  zones: ZoneForPeople[];
  /** The front door (single point of entry) that is triaging Mrs Smith. */
  triageTeamId: string | null;
};

export type PeopleBatch = {
  people: NewPerson[];
  carers: NewCarer[];
  contacts: NewContact[];
  relationships: NewRelationship[];
};

/** England-wide ethnic categories (census 2021, rounded) for presets that give none. */
const englandEthnicity: Record<string, number> = {
  A: 73.5, B: 0.9, C: 6.3, D: 0.9, E: 0.4, F: 0.8, G: 0.9, H: 3.3, J: 2.7, K: 1.1, L: 1.6, M: 1.1, N: 2.5, P: 0.5, R: 0.8, S: 1.6, Z: 1.0,
};
const interpreterLanguages: Record<string, readonly string[]> = {
  C: ['Polish', 'Romanian', 'Portuguese', 'Lithuanian'],
  H: ['Punjabi', 'Gujarati'],
  J: ['Urdu', 'Punjabi'],
  K: ['Bengali', 'Sylheti'],
  R: ['Cantonese', 'Mandarin'],
};
const contactRelations = ['daughter', 'son', 'niece', 'nephew', 'granddaughter', 'grandson', 'neighbour', 'friend'] as const;
const familyRelations = new Set<string>(['daughter', 'son', 'niece', 'nephew', 'granddaughter', 'grandson']);

/** What every member of a household shares. */
type Household = {
  id: string;
  zone: ZoneForPeople;
  practiceId: string;
  addressLines: string[];
  postcode: string;
  landline: string;
  ethnicity: string;
  size: number;
};

/** The probability that someone of this age is on a zone team's caseload (older people with needs). */
export function caseloadChance(age: number): number {
  if (age >= 85) return 0.35;
  if (age >= 75) return 0.15;
  if (age >= 65) return 0.06;
  if (age >= 18) return 0.015;
  return 0;
}

/**
 * The population of a place, household by household, in batches. Deterministic: one seeded
 * stream drives every choice, so the same preset, seed and population give the same rows.
 * Memory stays flat: only the current batch is held.
 */
export class PeopleGenerator {
  private readonly rng: Random;
  private readonly nhsNumbers = testNhsNumbers();
  private readonly createdAt: Date;
  private readonly pickZone: (rng: Random) => ZoneForPeople;
  private readonly pickHeadAge: (rng: Random) => { from: number; to: number };
  private readonly pickEthnicity: (rng: Random) => string;
  private readonly streets: string[];
  private index = 0;
  private households = 0;
  private contactCount = 0;
  private relationshipCount = 0;
  private batch: PeopleBatch = { people: [], carers: [], contacts: [], relationships: [] };

  constructor(private readonly ctx: PeopleContext) {
    if (ctx.zones.length === 0) throw new Error('a place needs at least one zone to house people');
    for (const z of ctx.zones) if (z.practiceIds.length === 0) throw new Error(`zone ${z.code} has no GP practice`);
    this.rng = new Random(ctx.seed, `people:${ctx.preset.name}`);
    this.createdAt = instantOn(ctx.asOf);
    this.pickZone = weightedPicker(ctx.zones.map((z) => ({ value: z, weight: z.weight })));
    this.pickHeadAge = weightedPicker(ctx.preset.population.householdHeadAges.map((b) => ({ value: b, weight: b.weight })));
    const ethnicity = ctx.preset.population.ethnicity ?? englandEthnicity;
    this.pickEthnicity = weightedPicker(Object.entries(ethnicity).map(([value, weight]) => ({ value, weight })));
    this.streets = streetList(ctx.preset.population.localStreets);
  }

  /** Yields batches of about `batchSize` people (a household is never split across batches). */
  *batches(batchSize = 2000): Generator<PeopleBatch> {
    if (this.ctx.population > 0) this.mrsSmith();
    while (this.index < this.ctx.population) {
      this.household();
      if (this.batch.people.length >= batchSize) yield this.flush();
    }
    if (this.batch.people.length > 0) yield this.flush();
  }

  get generated(): number {
    return this.index;
  }

  private flush(): PeopleBatch {
    const b = this.batch;
    this.batch = { people: [], carers: [], contacts: [], relationships: [] };
    return b;
  }

  private remaining(): number {
    return this.ctx.population - this.index;
  }

  private nextRelationshipId(): string {
    return this.ctx.ids.id('relationship', this.relationshipCount++);
  }

  private newHousehold(zone: ZoneForPeople, size: number): Household {
    const rng = this.rng;
    const id = this.ctx.ids.id('household', this.households, this.households);
    this.households++;
    const street = rng.pick(this.streets);
    const house = rng.int(1, 160);
    const line1 = rng.chance(0.14) ? `Flat ${rng.int(1, 24)}, ${house} ${street}` : `${house} ${street}`;
    return {
      id,
      zone,
      practiceId: rng.pick(zone.practiceIds),
      addressLines: [line1, zone.town, this.ctx.preset.population.county],
      postcode: postcode(rng, rng.pick(zone.districts)),
      landline: landline(rng),
      ethnicity: this.pickEthnicity(rng),
      size,
    };
  }

  private title(sex: Sex | 'unknown', age: number, role: MemberSpec['role'], married: boolean): string {
    const rng = this.rng;
    if (age < 16) return '';
    if (sex === 'unknown') return 'Mx';
    if (rng.chance(0.01)) return 'Dr';
    if (sex === 'male') return 'Mr';
    if (married) return rng.chance(0.85) ? 'Mrs' : 'Ms';
    if (age >= 65) return rng.weighted([
      { value: 'Mrs', weight: 0.72 },
      { value: 'Miss', weight: 0.18 },
      { value: 'Ms', weight: 0.1 },
    ]);
    return rng.chance(0.6) ? 'Ms' : 'Miss';
  }

  /** One person into the batch; returns its row. */
  private person(spec: MemberSpec, hh: Household, family: string, married: boolean): NewPerson {
    const rng = this.rng;
    const ctx = this.ctx;
    const birthDate = birthDateForAge(ctx.asOf, spec.age, rng.int(0, 364));
    const birthYear = Number(birthDate.slice(0, 4));
    // A few adults have a gender that is not known or not stated.
    const unknown = spec.age >= 18 && rng.chance(0.001);
    const given = givenName(rng, spec.sex, birthYear);
    const otherNames = rng.chance(0.45) ? givenName(rng, spec.sex, birthYear) : '';
    const ownMobile = spec.age >= 14 && rng.chance(spec.age >= 75 ? 0.45 : 0.88) ? mobile(rng) : '';
    const email =
      spec.age >= 18 && spec.age < 75 && rng.chance(0.3)
        ? `${given}.${family}${rng.int(1, 99)}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')
        : '';
    const languages = interpreterLanguages[hh.ethnicity];
    const interpreterLanguage =
      languages && spec.age >= 18 && rng.chance(spec.age >= 65 ? 0.15 : 0.05)
        ? rng.pick(languages)
        : rng.chance(0.0008)
          ? 'British Sign Language'
          : '';
    const objects = spec.age >= 16 && rng.chance(0.01);
    const i = this.index++;
    const nhs = this.nhsNumbers.next();
    const row: NewPerson = {
      placeId: ctx.placeId,
      id: ctx.ids.id('person', i, i),
      nhsNumber: nhs.done ? null : nhs.value,
      givenName: given,
      familyName: family,
      otherNames,
      preferredName: '',
      title: this.title(unknown ? 'unknown' : spec.sex, spec.age, spec.role, married),
      birthDate,
      deathDate: null,
      gender: unknown ? 'X' : spec.sex === 'female' ? '2' : '1',
      ethnicity: rng.chance(0.92) ? hh.ethnicity : this.pickEthnicity(rng),
      addressLines: hh.addressLines,
      postcode: hh.postcode,
      phone: ownMobile || (rng.chance(spec.age >= 65 ? 0.85 : 0.4) ? hh.landline : ''),
      email,
      gpPracticeId: hh.practiceId,
      householdId: hh.id,
      livesAlone: hh.size === 1,
      interpreterLanguage,
      consentToShare: true,
      objectsToHealthSocialCareSharing: objects,
      sharingNote: objects ? 'Has asked that health and social care do not share their records with each other.' : '',
      consentRecordedOn: objects ? addDays(ctx.asOf, -rng.int(30, 3000)) : null,
      searchName: searchNameOf({ givenName: given, familyName: family, otherNames }),
      mergedIntoId: null,
      version: 1,
      createdAt: this.createdAt,
      updatedAt: this.createdAt,
    };
    this.batch.people.push(row);
    this.maybeCaseload(row, spec.age, hh.zone);
    if (spec.age >= 65) this.contactsOf(row, spec.age);
    return row;
  }

  private maybeCaseload(p: NewPerson, age: number, zone: ZoneForPeople): void {
    if (!zone.caseloadTeamId || !this.rng.chance(caseloadChance(age))) return;
    for (const r of caseloadsFor(this.rng, p, zone.caseloadTeamId, this.ctx.asOf, () => this.nextRelationshipId())) this.batch.relationships.push(r);
  }

  /** Next of kin and other contacts who are not on the register. */
  private contactsOf(p: NewPerson, age: number): void {
    const rng = this.rng;
    if (!rng.chance(0.55)) return;
    const count = rng.chance(0.2) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const relation = rng.pick(contactRelations);
      const female = relation === 'daughter' || relation === 'niece' || relation === 'granddaughter' || (!familyRelations.has(relation) && rng.chance(0.6));
      const born = Number(p.birthDate.slice(0, 4)) + (relation.startsWith('grand') ? 55 : familyRelations.has(relation) ? 28 : rng.int(-10, 30));
      const keepsName = (relation === 'son' || relation === 'grandson' || relation === 'nephew') && rng.chance(0.8);
      const name = `${givenName(rng, female ? 'female' : 'male', born)} ${keepsName ? p.familyName : familyName(rng)}`;
      const isFamily = familyRelations.has(relation);
      this.batch.contacts.push({
        placeId: this.ctx.placeId,
        id: this.ctx.ids.id('contact', this.contactCount++),
        personId: p.id,
        name,
        relationship: relation,
        phone: rng.chance(0.8) ? mobile(rng) : landline(rng),
        nextOfKin: k === 0 && isFamily,
        powerOfAttorney: isFamily && age >= 75 && rng.chance(0.08),
      });
    }
  }

  private household(): void {
    const rng = this.rng;
    const band = this.pickHeadAge(rng);
    const headAge = rng.int(band.from, band.to);
    const type = householdTypeFor(rng, headAge);
    const members = householdMembers(rng, headAge, type).slice(0, this.remaining());
    const zone = this.pickZone(rng);
    const hh = this.newHousehold(zone, members.length);
    const family = familyName(rng);
    const couple = members.some((m) => m.role === 'partner');
    const rows: NewPerson[] = [];
    for (const m of members) {
      const ownFamily = m.role === 'partner' && rng.chance(0.15) ? familyName(rng) : family;
      rows.push(this.person(m, hh, ownFamily, couple && m.role !== 'child'));
    }

    const head = rows[0];
    const partner = rows[1];
    if (!head) return;
    // Older couples: one often cares for the other.
    if (partner && members[1]?.role === 'partner' && headAge >= 65 && (members[1]?.age ?? 0) >= 65 && rng.chance(0.25)) {
      const [cared, carer] = rng.chance(0.5) ? [head, partner] : [partner, head];
      this.carer(cared, carer, cared.familyName === carer.familyName ? 'spouse' : 'partner', headAge, true);
    }
    // Older people living alone: some have a son or daughter nearby who cares for them.
    if (type === 'alone' && headAge >= 65 && rng.chance(headAge >= 75 ? 0.14 : 0.05) && this.remaining() > 0) {
      this.adultChildCarer(head, headAge, zone);
    }
  }

  private adultChildCarer(parent: NewPerson, parentAge: number, zone: ZoneForPeople): void {
    const rng = this.rng;
    const childAge = Math.max(18, parentAge - rng.int(22, 38));
    const sex: Sex = rng.chance(0.62) ? 'female' : 'male';
    const withPartner = rng.chance(0.55) && this.remaining() >= 2;
    const members: MemberSpec[] = [{ age: childAge, sex, role: 'head' }];
    if (withPartner) members.push({ age: Math.max(18, childAge + rng.int(-4, 4)), sex: sex === 'female' ? 'male' : 'female', role: 'partner' });
    const hh = this.newHousehold(zone, members.length);
    const family = sex === 'male' || !withPartner ? parent.familyName : familyName(rng);
    const child = this.person(members[0]!, hh, family, withPartner);
    if (members[1]) this.person(members[1], hh, family, true);
    this.carer(parent, child, sex === 'female' ? 'daughter' : 'son', parentAge, false);
  }

  private carer(cared: NewPerson, carer: NewPerson, relationship: string, age: number, livesWith: boolean): void {
    this.batch.carers.push({
      placeId: this.ctx.placeId,
      id: this.ctx.ids.id('carer', `${cared.id}|${carer.id}`),
      personId: cared.id,
      carerPersonId: carer.id,
      relationship,
      livesWith,
      mainCarer: true,
      createdAt: this.createdAt,
      validFrom: addDays(this.ctx.asOf, -this.rng.int(90, Math.max(120, (age - 60) * 365))),
    });
  }

  /**
   * Mrs Smith, Torbay's fictional 85-year-old with several health and social care needs, is in
   * every place: she lives alone in zone 1, her daughter is her next of kin, the front door is
   * triaging a referral for her and zone 1's team has her on its caseload.
   */
  private mrsSmith(): void {
    const ctx = this.ctx;
    const rng = this.rng;
    const zone = ctx.zones[0]!;
    const hh = this.newHousehold(zone, 1);
    hh.practiceId = zone.practiceIds[0]!;
    hh.postcode = postcode(rng, zone.districts[0]!);
    const i = this.index++;
    const nhs = this.nhsNumbers.next();
    const row: NewPerson = {
      placeId: ctx.placeId,
      id: ctx.ids.id('person', i, i),
      nhsNumber: nhs.done ? null : nhs.value,
      givenName: mrsSmith.givenName,
      familyName: mrsSmith.familyName,
      otherNames: mrsSmith.otherNames,
      preferredName: '',
      title: 'Mrs',
      birthDate: birthDateForAge(ctx.asOf, mrsSmith.age, 150),
      deathDate: null,
      gender: '2',
      ethnicity: 'A',
      addressLines: hh.addressLines,
      postcode: hh.postcode,
      phone: hh.landline,
      email: '',
      gpPracticeId: hh.practiceId,
      householdId: hh.id,
      livesAlone: true,
      interpreterLanguage: '',
      consentToShare: true,
      objectsToHealthSocialCareSharing: false,
      sharingNote: '',
      consentRecordedOn: null,
      searchName: searchNameOf(mrsSmith),
      mergedIntoId: null,
      version: 1,
      createdAt: this.createdAt,
      updatedAt: this.createdAt,
    };
    this.batch.people.push(row);
    this.batch.contacts.push({
      placeId: ctx.placeId,
      id: ctx.ids.id('contact', this.contactCount++),
      personId: row.id,
      name: `${givenName(rng, 'female', 1966)} ${familyName(rng)}`,
      relationship: 'daughter',
      phone: mobile(rng),
      nextOfKin: true,
      powerOfAttorney: false,
    });
    for (const r of mrsSmithRelationships(row, zone.caseloadTeamId, ctx.triageTeamId, ctx.asOf, () => this.nextRelationshipId())) {
      this.batch.relationships.push(r);
    }
  }
}

/** Mrs Smith's names and age: the same in every place and every seed, so demos can find her. */
export const mrsSmith = { givenName: 'Elsie', familyName: 'Smith', otherNames: 'May', age: 85 } as const;
