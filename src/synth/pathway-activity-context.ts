import type { users } from '../access/schema.js';
import { sectorOfProfession, type Role, type Sector } from '../access/roles.js';
import type { Preset } from './preset.js';
import type { PlaceStructure } from './structure.js';
import type { RoutingRule, RoutingTeam } from '../partnership/routing.js';
import { caseloadTeamOfZone, frontDoorTeam } from './structure.js';
import type { SynthIds } from './ids.js';
import { instantOn } from './dates.js';
import { resolveHistory, type ResolvedHistory } from './history.js';

/**
 * What the activity generator needs to know of a place's organisation, built once from the
 * preset, the generated structure and the demo accounts: who works in which team since when,
 * who has an account, which team a GP practice's patients go to, and which partner provides
 * which kind of service. Pure: nothing here touches the database.
 */

/** Someone who takes a step: their account (if any) goes in the *_by columns, their name in the timeline. */
/** A person as the pathway's activity generator reads them. */
export type PersonIn = {
  id: string;
  age: number;
  zoneCode: string | null;
  practiceName: string;
  objects: boolean;
  carers: { carerId: string; name: string; relationship: string }[];
  /** Open caseload relationships a team already holds (from the people generator). */
  caseloads: { id: string; sector: string; teamId: string | null; validFrom: Date }[];
};

export type Someone = {
  staffId: string | null;
  userId: string | null;
  name: string;
  role: Role;
  /** The sector a session of theirs would carry (sessions.ts): managers and co-ordinators are integrated. */
  sector: Sector;
  profession: string;
};

export type Member = Someone & { staffId: string; startedOn: string; roleInTeam: 'member' | 'manager' };

export type TeamInfo = {
  id: string;
  code: string;
  name: string;
  kind: string;
  zoneCode: string | null;
  members: Member[];
  /** Members who hold cases (practitioners, not co-ordinators or managers). */
  caseHolders: Member[];
  managers: Member[];
};

export type ProviderKind = 'homeCare' | 'reablement' | 'equipment' | 'day' | 'meals' | 'residential' | 'nursing' | 'carers';
export type ProviderRef = { id: string; name: string };

export type ActivityPlace = {
  placeId: string;
  preset: string;
  asOf: string;
  /** Midnight (UTC) starting the as-of day: nothing generated happens at or after it. */
  end: Date;
  /** Two years before the end: the recent window (caseloads open at its end, Mrs Smith). */
  windowStart: string;
  /** The instant identifiers are counted from (the as-of day), whatever `end` a history pass has. */
  idBase: Date;
  /** The years of activity and their periods (synth/history.ts). */
  history: ResolvedHistory;
  /** A pass over the history before the recent window: every case closes before its end. */
  historic: boolean;
  /** The trust serves older people only (Witham, Braintree & Halstead): nobody younger is referred. */
  olderOnly: boolean;
  /** In-house support: the partner accountable for asc_provision on a day (its delegations). */
  provisionOn: (kind: ProviderKind, day: string) => ProviderRef | null;
  ids: SynthIds;
  seed: number;
  teams: TeamInfo[];
  /** The team holding a zone's caseloads (the integrated team, else any team in the zone). */
  teamOfZone: Map<string, TeamInfo>;
  /** The team triage proposes for a zone: its integrated team only, as the front door proposes. */
  proposedTeamOfZone: Map<string, TeamInfo>;
  zoneOfPractice: Map<string, { zoneCode: string; name: string }>;
  /**
   * The place's front-door routing rules and teams as the router reads them, with zones named by
   * their codes (a person's zone is known by its code here): referrals are routed as the front door routes them.
   */
  routing: { rules: RoutingRule[]; teams: RoutingTeam[] };
  /** Holds triage relationships while referrals wait (the single point of entry, else zone 1's team). */
  frontDoor: TeamInfo | null;
  /** Co-ordinators, first those aligned to each zone. */
  coordinatorsOfZone: Map<string, Member[]>;
  coordinators: Member[];
  dischargeTeam: TeamInfo | null;
  hospitalName: string;
  integration: Someone | null;
  commissioner: Someone | null;
  /** The demo accounts' staff, by role (zone 1's practitioners). */
  demo: Map<Role, Member>;
  providers: Record<ProviderKind, ProviderRef>;
};

type NewUser = typeof users.$inferInsert;

const coordinatorProfession = 'health_social_care_coordinator';
const caseHolding = new Set([
  'social_worker',
  'approved_social_worker',
  'senior_practitioner',
  'community_care_worker',
  'mental_health_worker',
  'district_nurse',
  'community_matron',
  'nurse',
  'community_psychiatric_nurse',
  'occupational_therapist',
  'physiotherapist',
]);

/** The role an account of this profession has (accounts.ts gives demo accounts the same). */
export function roleOfProfession(profession: string, roleInTeam: 'member' | 'manager'): Role {
  if (roleInTeam === 'manager') return 'team_manager';
  if (profession === coordinatorProfession) return 'coordinator';
  switch (profession) {
    case 'district_nurse':
    case 'community_matron':
    case 'nurse':
    case 'community_psychiatric_nurse':
      return 'nurse';
    case 'occupational_therapist':
    case 'physiotherapist':
      return 'therapist';
    default:
      return 'social_worker';
  }
}

function sessionSector(role: Role, profession: string): Sector {
  return role === 'team_manager' || role === 'coordinator' ? 'integrated' : sectorOfProfession(profession);
}

/** Providers by what they are called, falling back to any partner that provides care. */
function providersOf(preset: Preset, partnerIds: Map<string, string>): Record<ProviderKind, ProviderRef> {
  const order = ['provider', 'voluntary', 'care_trust', 'council', 'nhs_trust'];
  const candidates = preset.partners
    .filter((p) => order.includes(p.kind))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((p) => ({ id: partnerIds.get(p.key)!, name: p.name, kind: p.kind }));
  if (candidates.length === 0) throw new Error(`preset ${preset.name}: no partner provides care services`);
  const providers = candidates.filter((c) => c.kind === 'provider');
  const pool = providers.length ? providers : candidates;
  const find = (pattern: RegExp, fallback: ProviderRef) => pool.find((c) => pattern.test(c.name)) ?? fallback;
  const first = pool[0]!;
  const homeCare = find(/home care|domiciliary/i, first);
  const residential = find(/residential|care homes?|house/i, first);
  const reablement = find(/reablement/i, homeCare);
  return {
    homeCare,
    reablement,
    equipment: find(/reablement|equipment/i, homeCare),
    day: find(/day|residential|care homes?|house/i, homeCare),
    meals: homeCare,
    residential,
    nursing: find(/nursing/i, residential),
    carers: homeCare,
  };
}

/**
 * Who provides in-house support on a day: the partner a delegation of asc_provision hands it to
 * then, or — before any delegation, or once it is taken back — the council that delegated it.
 */
function provisionOf(preset: Preset, partnerIds: Map<string, string>, kinds: readonly string[]): ActivityPlace['provisionOn'] {
  if (kinds.length === 0) return () => null;
  const periods = preset.delegations.filter((d) => d.function === 'asc_provision');
  const council = periods[0]?.from ?? preset.partners.find((p) => p.kind === 'council')?.key;
  const ref = (key: string | undefined): ProviderRef | null => {
    const p = key ? preset.partners.find((x) => x.key === key) : undefined;
    return p ? { id: partnerIds.get(p.key)!, name: p.name } : null;
  };
  return (kind, day) => {
    if (!kinds.includes(kind)) return null;
    const d = periods.find((x) => x.validFrom <= day && (!x.validTo || day <= x.validTo));
    return ref(d?.to ?? council);
  };
}

export function activityPlace(
  preset: Preset,
  structure: PlaceStructure,
  accounts: readonly NewUser[],
  opts: { asOf: string; seed: number; ids: SynthIds; historyFrom?: string; historySample?: number },
): ActivityPlace {
  const userOfStaff = new Map<string, NewUser>();
  for (const u of accounts) if (u.staffId) userOfStaff.set(u.staffId, u);
  const startedOn = new Map(structure.rows.staff.map((s) => [s.id, s.startedOn ?? '1900-01-01']));

  const teams: TeamInfo[] = preset.teams.map((t) => ({
    id: structure.teamIds.get(t.code)!,
    code: t.code,
    name: t.name,
    kind: t.kind,
    zoneCode: t.zone ?? null,
    members: [],
    caseHolders: [],
    managers: [],
  }));
  const teamByCode = new Map(teams.map((t) => [t.code, t]));
  const memberOf = new Map<string, Member[]>();
  for (const s of structure.staffMembers) {
    for (const m of s.teams) {
      const team = teamByCode.get(m.teamCode)!;
      const role = roleOfProfession(s.profession, m.roleInTeam);
      const user = userOfStaff.get(s.id);
      const member: Member = {
        staffId: s.id,
        userId: user?.id ?? null,
        name: `${s.givenName} ${s.familyName}`,
        role,
        sector: sessionSector(role, s.profession),
        profession: s.profession,
        startedOn: startedOn.get(s.id)!,
        roleInTeam: m.roleInTeam,
      };
      team.members.push(member);
      if (m.roleInTeam === 'manager') team.managers.push(member);
      else if (caseHolding.has(s.profession)) team.caseHolders.push(member);
      memberOf.set(s.id, [...(memberOf.get(s.id) ?? []), member]);
    }
  }

  const teamOfZone = new Map<string, TeamInfo>();
  const proposedTeamOfZone = new Map<string, TeamInfo>();
  for (const z of preset.zones) {
    const code = caseloadTeamOfZone(preset, z.code);
    const team = code ? teamByCode.get(code) : undefined;
    if (team) teamOfZone.set(z.code, team);
    if (team?.kind === 'integrated_zone') proposedTeamOfZone.set(z.code, team);
  }
  const zoneOfPractice = new Map<string, { zoneCode: string; name: string }>();
  for (const p of preset.partners) {
    if (p.kind === 'gp_practice' && p.zone) zoneOfPractice.set(structure.partnerIds.get(p.key)!, { zoneCode: p.zone, name: p.name });
  }

  const zoneCodeOf = new Map(structure.rows.zones.map((z) => [z.id, z.code]));
  const routing = {
    rules: structure.rows.routingRules.map(
      (r): RoutingRule => ({
        id: r.id,
        position: r.position,
        name: r.name,
        clientGroups: r.clientGroups,
        needs: r.needs,
        ageFrom: r.ageFrom ?? null,
        ageTo: r.ageTo ?? null,
        zoneId: r.zoneId ? (zoneCodeOf.get(r.zoneId) ?? null) : null,
        gpPracticeId: r.gpPracticeId ?? null,
        action: r.action as RoutingRule['action'],
        teamId: r.teamId ?? null,
        teamKind: r.teamKind ?? null,
        signpost: r.signpost ?? '',
        endedAt: null,
      }),
    ),
    teams: teams.map((t): RoutingTeam => ({ id: t.id, code: t.code, name: t.name, kind: t.kind, zoneId: t.zoneCode })),
  };

  const frontDoorCode = frontDoorTeam(preset);
  const coordinators = teams.flatMap((t) => t.members.filter((m) => m.profession === coordinatorProfession && m.roleInTeam === 'member'));
  const uniqueCoordinators = [...new Map(coordinators.map((c) => [c.staffId, c])).values()];
  const coordinatorsOfZone = new Map<string, Member[]>();
  for (const z of preset.zones) {
    const team = teamOfZone.get(z.code);
    const aligned = uniqueCoordinators.filter((c) => team?.members.some((m) => m.staffId === c.staffId));
    coordinatorsOfZone.set(z.code, aligned.length ? aligned : uniqueCoordinators);
  }

  const userOfRole = (role: Role): Someone | null => {
    const u = accounts.find((a) => a.role === role);
    return u ? { staffId: u.staffId ?? null, userId: u.id!, name: u.displayName, role, sector: 'integrated', profession: '' } : null;
  };
  const demo = new Map<Role, Member>();
  for (const u of accounts) {
    if (!u.staffId) continue;
    const wanted = u.role === 'team_manager' ? 'manager' : 'member';
    const m = (memberOf.get(u.staffId) ?? []).find((x) => x.roleInTeam === wanted) ?? memberOf.get(u.staffId)?.[0];
    if (m) demo.set(u.role as Role, m);
  }

  const hospital = preset.partners.find((p) => p.kind === 'hospital') ?? preset.partners.find((p) => p.kind === 'nhs_trust');
  const history = resolveHistory(preset, opts.asOf, opts.historyFrom, opts.historySample);
  const end = new Date(history.end);
  return {
    placeId: structure.placeId,
    preset: preset.name,
    asOf: opts.asOf,
    end,
    windowStart: new Date(history.recentStart).toISOString().slice(0, 10),
    idBase: instantOn(opts.asOf),
    history,
    // A dissolved place's last years close every case, as a history pass does: nothing is open today.
    historic: preset.dissolvedOn !== null && preset.dissolvedOn < opts.asOf,
    olderOnly: preset.clientGroups.every((g) => g === 'older_people' || g === 'carers'),
    provisionOn: provisionOf(preset, structure.partnerIds, history.inHouseProvision),
    ids: opts.ids,
    seed: opts.seed,
    teams,
    teamOfZone,
    proposedTeamOfZone,
    zoneOfPractice,
    routing,
    frontDoor: frontDoorCode ? (teamByCode.get(frontDoorCode) ?? null) : null,
    coordinatorsOfZone,
    coordinators: uniqueCoordinators,
    dischargeTeam: teams.find((t) => t.kind === 'hospital_discharge') ?? null,
    hospitalName: hospital?.name ?? 'the hospital',
    integration: userOfRole('integration'),
    commissioner: userOfRole('commissioner'),
    demo,
    providers: providersOf(preset, structure.partnerIds),
  };
}

/** Members of a team on a day (they had started by then). */
export function membersOn(list: readonly Member[], day: string): Member[] {
  return list.filter((m) => m.startedOn <= day);
}

/**
 * The place as the history pass sees it: activity from the history's first day to its end (before
 * the recent window), every case closing before then, and the teams staffed throughout — today's
 * staff stand in for those who held the posts then (their start dates describe the present).
 */
export function historicPlace(place: ActivityPlace): ActivityPlace | null {
  const h = place.history;
  if (h.historyEnd - h.start < 150 * 86_400_000) return null;
  const members = new Map<Member, Member>();
  const m = (x: Member): Member => {
    let y = members.get(x);
    if (!y) members.set(x, (y = { ...x, startedOn: '1900-01-01' }));
    return y;
  };
  const teams = new Map<TeamInfo, TeamInfo>(place.teams.map((t) => [t, { ...t, members: t.members.map(m), caseHolders: t.caseHolders.map(m), managers: t.managers.map(m) }]));
  const t = (x: TeamInfo): TeamInfo => teams.get(x)!;
  const mapValues = <K, V>(map: Map<K, V>, f: (v: V) => V) => new Map([...map].map(([k, v]) => [k, f(v)]));
  return {
    ...place,
    end: new Date(h.historyEnd),
    windowStart: new Date(h.start).toISOString().slice(0, 10),
    historic: true,
    teams: [...teams.values()],
    teamOfZone: mapValues(place.teamOfZone, t),
    proposedTeamOfZone: mapValues(place.proposedTeamOfZone, t),
    frontDoor: place.frontDoor ? t(place.frontDoor) : null,
    coordinatorsOfZone: mapValues(place.coordinatorsOfZone, (list) => list.map(m)),
    coordinators: place.coordinators.map(m),
    dischargeTeam: place.dischargeTeam ? t(place.dischargeTeam) : null,
    demo: mapValues(place.demo, m),
  };
}
