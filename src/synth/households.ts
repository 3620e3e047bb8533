import type { Random } from './random.js';

/**
 * Who lives together. A household starts from the age of the person who heads it (from the
 * preset's profile); its type follows from that age, and the other members from its type.
 * Shares are round figures in the spirit of the census: older people more often alone,
 * families headed by people in their thirties and forties.
 */

export type HouseholdType = 'alone' | 'couple' | 'family' | 'single_parent';

export type MemberSpec = {
  age: number;
  sex: 'female' | 'male';
  role: 'head' | 'partner' | 'child';
};

type Mix = { alone: number; couple: number; family: number; single_parent: number };

const mixByHeadAge: readonly { upTo: number; mix: Mix }[] = [
  { upTo: 24, mix: { alone: 0.4, couple: 0.3, family: 0.18, single_parent: 0.12 } },
  { upTo: 44, mix: { alone: 0.22, couple: 0.22, family: 0.46, single_parent: 0.1 } },
  { upTo: 64, mix: { alone: 0.3, couple: 0.42, family: 0.23, single_parent: 0.05 } },
  { upTo: 74, mix: { alone: 0.36, couple: 0.64, family: 0, single_parent: 0 } },
  { upTo: 84, mix: { alone: 0.5, couple: 0.5, family: 0, single_parent: 0 } },
  { upTo: 200, mix: { alone: 0.72, couple: 0.28, family: 0, single_parent: 0 } },
];

export function householdTypeFor(rng: Random, headAge: number): HouseholdType {
  const row = mixByHeadAge.find((r) => headAge <= r.upTo) ?? mixByHeadAge[mixByHeadAge.length - 1]!;
  const m = row.mix;
  let r = rng.next() * (m.alone + m.couple + m.family + m.single_parent);
  if ((r -= m.alone) < 0) return 'alone';
  if ((r -= m.couple) < 0) return 'couple';
  if ((r -= m.family) < 0) return 'family';
  return 'single_parent';
}

/** Older people living alone are more often women (they live longer). */
function headSex(rng: Random, age: number, type: HouseholdType): 'female' | 'male' {
  if (type === 'alone' && age >= 85) return rng.chance(0.74) ? 'female' : 'male';
  if (type === 'alone' && age >= 65) return rng.chance(0.64) ? 'female' : 'male';
  if (type === 'single_parent') return rng.chance(0.88) ? 'female' : 'male';
  return rng.chance(0.5) ? 'female' : 'male';
}

export function householdMembers(rng: Random, headAge: number, type: HouseholdType): MemberSpec[] {
  const sex = headSex(rng, headAge, type);
  const members: MemberSpec[] = [{ age: headAge, sex, role: 'head' }];
  if (type === 'couple' || type === 'family') {
    const partnerAge = Math.max(18, headAge + rng.int(-5, 4));
    const partnerSex = rng.chance(0.95) ? (sex === 'female' ? 'male' : 'female') : sex;
    members.push({ age: partnerAge, sex: partnerSex, role: 'partner' });
  }
  if (type === 'family' || type === 'single_parent') {
    const children = rng.weighted([
      { value: 1, weight: 0.42 },
      { value: 2, weight: 0.4 },
      { value: 3, weight: 0.14 },
      { value: 4, weight: 0.04 },
    ]);
    // Children are born when the parent is 18 to 45, and are under 18 here.
    const oldest = Math.min(17, headAge - 18);
    const youngest = Math.max(0, headAge - 45);
    for (let i = 0; i < children && youngest <= oldest; i++) {
      members.push({ age: rng.int(youngest, oldest), sex: rng.chance(0.5) ? 'female' : 'male', role: 'child' });
    }
  }
  // Grown-up children still living with their parents (head in their late forties to sixties).
  if (headAge >= 45 && headAge <= 66 && type !== 'single_parent' && rng.chance(0.28)) {
    const age = rng.int(18, Math.min(32, headAge - 20));
    members.push({ age, sex: rng.chance(0.45) ? 'female' : 'male', role: 'child' });
  }
  return members;
}
