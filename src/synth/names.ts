import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { en_GB } from '@faker-js/faker';
import type { Random } from './random.js';

/**
 * Names and streets for synthetic people. Faker's en_GB locale has British street names but
 * borrows its person names from the American list, so given names (by decade of birth, so an
 * 85-year-old is a Joan rather than an Olivia) and family names come from names.json.
 */
type NameData = {
  given: { female: Record<string, string[]>; male: Record<string, string[]> };
  family: string[];
};

const data = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'names.json'), 'utf8'),
) as NameData;

const cohorts = Object.keys(data.given.female)
  .map(Number)
  .sort((a, b) => b - a);

function cohortOf(birthYear: number): string {
  for (const c of cohorts) if (birthYear >= c) return String(c);
  return String(cohorts[cohorts.length - 1]);
}

export type Sex = 'female' | 'male';

export function givenName(rng: Random, sex: Sex, birthYear: number): string {
  const list = data.given[sex][cohortOf(birthYear)];
  if (!list) throw new Error(`no given names for ${sex} born ${birthYear}`);
  return rng.pick(list);
}

export function familyName(rng: Random): string {
  return rng.pick(data.family);
}

const fakerStreets = (en_GB.location?.street_name as string[] | undefined) ?? [];
if (fakerStreets.length === 0) throw new Error('faker en_GB has no street names');

/** Street names for a place: the British list plus the place's own (seafront, harbour …). */
export function streetList(localStreets: readonly string[]): string[] {
  // Local names appear several times so that they are common in the place, as they would be.
  return [...fakerStreets, ...localStreets.flatMap((s) => [s, s, s, s])];
}

const inwardLetters = [...'ABDEFGHJLNPQRSTUWXYZ'];

/** A postcode in one of the zone's districts; the inward part is random, so rarely a real one. */
export function postcode(rng: Random, district: string): string {
  return `${district} ${rng.int(1, 9)}${rng.pick(inwardLetters)}${rng.pick(inwardLetters)}`;
}

/**
 * Ofcom reserves these ranges for drama: numbers in them are never anyone's.
 * 01632 960000–960999 (landline) and 07700 900000–900999 (mobile).
 */
export function landline(rng: Random): string {
  return `01632 960${String(rng.int(0, 999)).padStart(3, '0')}`;
}
export function mobile(rng: Random): string {
  return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
}
