import type { users } from '../access/schema.js';
import { roles, type Role } from '../access/roles.js';
import { hashPassword } from '../access/passwords.js';
import type { Preset } from './preset.js';
import type { SynthIds } from './ids.js';
import type { PlaceStructure, StaffMember } from './structure.js';
import { caseloadTeamOfZone } from './structure.js';
import { Random } from './random.js';
import { familyName, givenName } from './names.js';

export const demoPassword = 'caretrust-demo';

/** The professions a practitioner role's demo account may belong to, best first. */
const professionsOfRole: Partial<Record<Role, readonly string[]>> = {
  coordinator: ['health_social_care_coordinator'],
  social_worker: ['social_worker', 'approved_social_worker', 'senior_practitioner'],
  nurse: ['district_nurse', 'community_matron', 'nurse', 'community_psychiatric_nurse'],
  therapist: ['occupational_therapist', 'physiotherapist'],
};

export function demoEmail(role: Role, preset: string): string {
  return `${role}@${preset}.demo`;
}

/**
 * Which staff member each demo account belongs to. Practitioners come from zone 1's team (the
 * co-ordinator is the single point of entry's contact for zone 1, a member of both teams), so
 * they can open Mrs Smith's record through a relationship; the team manager manages zone 1's
 * team; the other roles are not staff.
 */
export function demoStaffOf(preset: Preset, structure: PlaceStructure): Map<Role, StaffMember> {
  const out = new Map<Role, StaffMember>();
  const zone1 = preset.zones[0];
  const zone1Team = zone1 ? caseloadTeamOfZone(preset, zone1.code) : null;
  const inZone1 = structure.staffMembers.filter((s) => s.teams.some((t) => t.teamCode === zone1Team));
  for (const [role, professions] of Object.entries(professionsOfRole) as [Role, readonly string[]][]) {
    const pickFrom = (pool: StaffMember[]) => {
      for (const p of professions) {
        const s = pool.find((m) => m.profession === p && m.teams.every((t) => t.roleInTeam === 'member'));
        if (s) return s;
      }
      return undefined;
    };
    const s = pickFrom(inZone1) ?? pickFrom(structure.staffMembers);
    if (s) out.set(role, s);
  }
  const manager = structure.staffMembers.find((s) => s.teams.some((t) => t.teamCode === zone1Team && t.roleInTeam === 'manager'));
  if (manager) out.set('team_manager', manager);
  return out;
}

/** One account per role, `<role>@<preset>.demo`, password `caretrust-demo`. */
export async function demoAccounts(
  preset: Preset,
  structure: PlaceStructure,
  opts: { seed: number; ids: SynthIds; createdAt: Date },
): Promise<(typeof users.$inferInsert)[]> {
  const rng = new Random(opts.seed, `accounts:${preset.name}`);
  const staffOf = demoStaffOf(preset, structure);
  const hashes = await Promise.all(roles.map(() => hashPassword(demoPassword)));
  // The provider portal's demo account works for the place's first provider (partner of kind provider).
  const firstProvider = preset.partners.find((p) => p.kind === 'provider');
  const accountRoles = roles.filter((role) => role !== 'provider_staff' || firstProvider);
  return accountRoles.map((role, i) => {
    const s = staffOf.get(role);
    const sex = rng.chance(0.5) ? 'female' : 'male';
    const displayName = s ? `${s.givenName} ${s.familyName}` : `${givenName(rng, sex, 1975)} ${familyName(rng)}`;
    return {
      placeId: structure.placeId,
      id: opts.ids.id('user', `${preset.name}:${role}`),
      email: demoEmail(role, preset.name),
      displayName,
      passwordHash: hashes[i]!,
      role,
      staffId: s?.id ?? null,
      providerPartnerId: role === 'provider_staff' && firstProvider ? opts.ids.id('partner', `${preset.name}:${firstProvider.key}`) : null,
      active: true,
      createdAt: opts.createdAt,
    };
  });
}
