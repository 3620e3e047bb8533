import type { delegations, partners, places, routingRules, staff, teamMembers, teams, zones } from '../partnership/schema.js';
import type { Preset, PresetStaffGroup } from './preset.js';
import type { SynthIds } from './ids.js';
import { Random } from './random.js';
import { addDays, instantOn } from './dates.js';
import { familyName, givenName } from './names.js';

/**
 * The organisation side of a place, built from its preset: the place, partners, zones,
 * delegations, teams, staff and who sits in which team. Pure: nothing here touches the database.
 */
export type StaffMember = {
  id: string;
  givenName: string;
  familyName: string;
  profession: string;
  /** Team memberships, first the team the staff member was listed under. */
  teams: { teamCode: string; roleInTeam: 'member' | 'manager' }[];
};

export type PlaceStructure = {
  placeId: string;
  partnerIds: Map<string, string>;
  zoneIds: Map<string, string>;
  teamIds: Map<string, string>;
  staffMembers: StaffMember[];
  rows: {
    place: typeof places.$inferInsert;
    zones: (typeof zones.$inferInsert)[];
    partners: (typeof partners.$inferInsert)[];
    delegations: (typeof delegations.$inferInsert)[];
    teams: (typeof teams.$inferInsert)[];
    staff: (typeof staff.$inferInsert)[];
    teamMembers: (typeof teamMembers.$inferInsert)[];
    routingRules: (typeof routingRules.$inferInsert)[];
  };
};

function gradeAt(group: Pick<PresetStaffGroup, 'grade'>, i: number): string {
  return typeof group.grade === 'string' ? group.grade : (group.grade[i % group.grade.length] as string);
}

export function buildStructure(preset: Preset, opts: { seed: number; population: number; asOf: string; ids: SynthIds }): PlaceStructure {
  const { ids, asOf } = opts;
  const rng = new Random(opts.seed, `staff:${preset.name}`);
  const placeId = ids.id('place', preset.name);
  const at = instantOn(asOf);
  const key = (kind: string, k: string) => ids.id(kind, `${preset.name}:${k}`);

  const zoneIds = new Map(preset.zones.map((z) => [z.code, key('zone', z.code)]));
  const partnerIds = new Map(preset.partners.map((p) => [p.key, key('partner', p.key)]));
  const teamIds = new Map(preset.teams.map((t) => [t.code, key('team', t.code)]));
  const partnerId = (k: string) => {
    const id = partnerIds.get(k);
    if (!id) throw new Error(`preset ${preset.name}: no partner "${k}"`);
    return id;
  };
  const delegationIds = new Map(preset.delegations.map((d) => [d.key, key('delegation', d.key)]));

  const rows: PlaceStructure['rows'] = {
    place: {
      placeId,
      preset: preset.name,
      name: preset.placeName,
      description: preset.description,
      clientGroups: [...preset.clientGroups],
      establishedOn: preset.establishedOn,
      dissolvedOn: preset.dissolvedOn,
      synthSeed: opts.seed,
      synthPopulation: opts.population,
      demo: 'yes',
      createdAt: at,
    },
    zones: preset.zones.map((z) => ({ placeId, id: zoneIds.get(z.code)!, code: z.code, name: z.name })),
    partners: preset.partners.map((p) => ({
      placeId,
      id: partnerId(p.key),
      kind: p.kind,
      name: p.name,
      odsCode: p.odsCode ?? null,
      zoneId: p.zone ? (zoneIds.get(p.zone) ?? null) : null,
      validFrom: p.validFrom ?? null,
      validTo: p.validTo ?? null,
    })),
    delegations: preset.delegations.map((d) => ({
      placeId,
      id: delegationIds.get(d.key)!,
      fromPartnerId: partnerId(d.from),
      toPartnerId: partnerId(d.to),
      function: d.function,
      clientGroups: [...d.clientGroups],
      validFrom: d.validFrom,
      validTo: d.validTo ?? null,
      note: d.note,
      legalBasis: d.legalBasis,
      legalBasisText: d.legalBasisText,
      boardDecisionRef: d.boardDecisionRef,
      supersedesId: d.supersedes ? (delegationIds.get(d.supersedes) ?? null) : null,
      recordedAt: instantOn(d.validFrom),
    })),
    teams: preset.teams.map((t) => ({
      placeId,
      id: teamIds.get(t.code)!,
      code: t.code,
      name: t.name,
      kind: t.kind,
      zoneId: t.zone ? (zoneIds.get(t.zone) ?? null) : null,
      managingPartnerId: partnerId(t.managedBy),
    })),
    staff: [],
    teamMembers: [],
    // The front door's rules, in the preset's order (positions 10, 20 … leave room to insert one).
    routingRules: preset.routing.map((r, i) => ({
      placeId,
      id: key('routing_rule', String(i)),
      position: (i + 1) * 10,
      name: r.name,
      clientGroups: [...r.clientGroups],
      needs: [...r.needs],
      ageFrom: r.ageFrom,
      ageTo: r.ageTo,
      zoneId: r.zone ? (zoneIds.get(r.zone) ?? null) : null,
      gpPracticeId: r.gpPractice ? partnerId(r.gpPractice) : null,
      action: r.action,
      teamId: r.team ? (teamIds.get(r.team) ?? null) : null,
      teamKind: r.teamKind,
      signpost: r.signpost,
      version: 1,
      createdAt: at,
      createdBy: null,
      updatedAt: at,
    })),
  };

  // Staff have worked here since the place began or for up to twenty years, whichever is shorter.
  const earliest = preset.establishedOn > addDays(asOf, -20 * 365) ? preset.establishedOn : addDays(asOf, -20 * 365);
  const span = Math.max(1, Math.round((instantOn(addDays(asOf, -60)).getTime() - instantOn(earliest).getTime()) / 86_400_000));
  const integratedTeamOfZone = new Map(
    preset.teams.filter((t) => t.kind === 'integrated_zone' && t.zone).map((t) => [t.zone!, t.code]),
  );
  const staffMembers: StaffMember[] = [];
  let n = 0;
  const addStaff = (teamCode: string, group: Omit<PresetStaffGroup, 'count' | 'alignToZones'>, i: number, roleInTeam: 'member' | 'manager', alsoIn: string | null) => {
    const age = rng.int(23, 63);
    const birthYear = Number(asOf.slice(0, 4)) - age;
    const sex = rng.chance(group.profession.includes('nurse') || group.profession.includes('coordinator') ? 0.82 : 0.65) ? 'female' : 'male';
    const member: StaffMember = {
      id: ids.id('staff', `${preset.name}:${n}`, n),
      givenName: givenName(rng, sex, birthYear),
      familyName: familyName(rng),
      profession: group.profession,
      teams: [{ teamCode, roleInTeam }],
    };
    n++;
    if (alsoIn) member.teams.push({ teamCode: alsoIn, roleInTeam: 'member' });
    const startedOn = addDays(earliest, rng.int(0, span));
    rows.staff.push({
      placeId,
      id: member.id,
      givenName: member.givenName,
      familyName: member.familyName,
      profession: group.profession,
      employerPartnerId: partnerId(group.employer),
      managingPartnerId: partnerId(group.managedBy),
      terms: group.terms,
      grade: gradeAt(group, i),
      email: null,
      startedOn,
      leftOn: null,
    });
    for (const t of member.teams) {
      rows.teamMembers.push({ placeId, teamId: teamIds.get(t.teamCode)!, staffId: member.id, roleInTeam: t.roleInTeam, validFrom: startedOn, validTo: null });
    }
    staffMembers.push(member);
  };

  for (const team of preset.teams) {
    addStaff(team.code, team.manager, 0, 'manager', null);
    for (const group of team.staff) {
      for (let i = 0; i < group.count; i++) {
        // The i-th aligned co-ordinator is also the single point of contact in the i-th zone's team.
        const zone = group.alignToZones ? preset.zones[i % preset.zones.length] : undefined;
        const alsoIn = zone ? (integratedTeamOfZone.get(zone.code) ?? null) : null;
        addStaff(team.code, group, i, 'member', alsoIn && alsoIn !== team.code ? alsoIn : null);
      }
    }
  }

  return { placeId, partnerIds, zoneIds, teamIds, staffMembers, rows };
}

/** The team that holds a zone's caseloads: its integrated team, else any team based in the zone. */
export function caseloadTeamOfZone(preset: Preset, zoneCode: string): string | null {
  const inZone = preset.teams.filter((t) => t.zone === zoneCode);
  return (inZone.find((t) => t.kind === 'integrated_zone') ?? inZone[0])?.code ?? null;
}

/** The front door: the single point of entry where there is one, else zone 1's team. */
export function frontDoorTeam(preset: Preset): string | null {
  const spoe = preset.teams.find((t) => t.kind === 'single_point_of_entry');
  if (spoe) return spoe.code;
  const first = preset.zones[0];
  return first ? caseloadTeamOfZone(preset, first.code) : null;
}
