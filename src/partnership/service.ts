import type { Executor } from '../platform/db.js';
import { isIsoDate, londonDateOf } from '../platform/dates.js';
import { systemClock } from '../platform/clock.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import {
  selectDelegations,
  selectPartner,
  selectPartnerByOds,
  selectPartners,
  selectPlace,
  selectPlaceByPreset,
  selectTeamMemberCounts,
  selectTeams,
  selectTeamsOfStaff,
  selectZone,
  selectZones,
  insertPartner,
  type Delegation,
  type Partner,
  type Place,
  type Team,
  type Zone,
} from './queries.js';
import { delegationView, type DelegationView } from './delegations.js';

export type { Delegation, DelegationView, Partner, Place, Team, Zone };

/** The place as the overview shows it: what it is, not how it was generated. */
export type PlaceView = Pick<Place, 'preset' | 'name' | 'description' | 'clientGroups' | 'establishedOn' | 'dissolvedOn'> & { id: string };
export type ZoneView = Zone & { practices: Partner[] };
export type TeamView = Team & { zoneCode: string | null; managingPartnerName: string; members: number; managers: number };

export type PlaceOverview = {
  place: PlaceView;
  /** The day the overview describes (team membership and delegations in force). */
  on: string;
  partners: Partner[];
  zones: ZoneView[];
  teams: TeamView[];
  /** Periods in force on the day: who holds which function for which client groups. */
  delegationsInForce: DelegationView[];
  /** Every period, taken-back functions included, oldest first within each function. */
  delegationHistory: DelegationView[];
};

export type TeamMembership = { teamId: string; roleInTeam: string };

/**
 * A period (delegation, membership, partner's existence) is in force on a day when it has
 * started and its last day (valid_to, inclusive) has not passed. Open ends are unbounded.
 */
export function inForceOn(period: { validFrom: string | null; validTo: string | null }, on: string): boolean {
  return (period.validFrom === null || period.validFrom <= on) && (period.validTo === null || period.validTo >= on);
}

function dayOrToday(on: string | undefined, field = 'on'): string {
  if (on === undefined) return londonDateOf(systemClock.now());
  if (!isIsoDate(on)) throw new InvalidError(`${field} must be a date written YYYY-MM-DD`, [{ field, problem: 'not a date' }]);
  return on;
}

export function placeByPreset(db: Executor, preset: string): Promise<Place | null> {
  return selectPlaceByPreset(db, preset);
}

/**
 * The last day of a place that was dissolved (its partnership ended), or null while it goes on.
 * After that day the place's records are kept read-only (see platform/request-guards.ts).
 */
export async function placeDissolvedOn(db: Executor, placeId: string): Promise<string | null> {
  const place = await selectPlace(db, placeId);
  if (!place) throw new NotFoundError(`No place ${placeId}.`);
  return place.dissolvedOn;
}

/** The shape of a place on a day: partners, zones and their practices, teams, delegations. */
export async function placeOverview(db: Executor, placeId: string, on?: string): Promise<PlaceOverview> {
  const day = dayOrToday(on);
  const place = await selectPlace(db, placeId);
  if (!place) throw new NotFoundError(`No place ${placeId}.`);
  const [partners, zones, teams, history, counts] = await Promise.all([
    selectPartners(db, placeId),
    selectZones(db, placeId),
    selectTeams(db, placeId),
    selectDelegations(db, placeId),
    selectTeamMemberCounts(db, placeId, day),
  ]);
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const zoneCode = new Map(zones.map((z) => [z.id, z.code]));
  const delegationHistory = history.map((d) => delegationView(d, partnerName));
  const members = new Map<string, { members: number; managers: number }>();
  for (const c of counts) {
    const m = members.get(c.teamId) ?? { members: 0, managers: 0 };
    if (c.roleInTeam === 'manager') m.managers += c.count;
    else m.members += c.count;
    members.set(c.teamId, m);
  }
  const { placeId: id, preset, name, description, clientGroups, establishedOn, dissolvedOn } = place;
  return {
    place: { id, preset, name, description, clientGroups, establishedOn, dissolvedOn },
    on: day,
    partners,
    zones: zones.map((z) => ({ ...z, practices: partners.filter((p) => p.kind === 'gp_practice' && p.zoneId === z.id) })),
    teams: teams.map((t) => ({
      ...t,
      zoneCode: t.zoneId ? (zoneCode.get(t.zoneId) ?? null) : null,
      managingPartnerName: partnerName.get(t.managingPartnerId) ?? '',
      members: members.get(t.id)?.members ?? 0,
      managers: members.get(t.id)?.managers ?? 0,
    })),
    delegationsInForce: delegationHistory.filter((d) => inForceOn(d, day)),
    delegationHistory,
  };
}

/** The place's zones, by code (the board and the measures filter by them). */
export async function zonesOfPlace(db: Executor, placeId: string): Promise<{ id: string; code: string; name: string }[]> {
  return (await selectZones(db, placeId)).map((z) => ({ id: z.id, code: z.code, name: z.name }));
}

/** A person's zone follows from their GP practice; null when the practice is unknown or unzoned. */
export async function zoneOfPractice(db: Executor, placeId: string, practiceId: string): Promise<Zone | null> {
  const practice = await selectPartner(db, placeId, practiceId);
  if (!practice || practice.kind !== 'gp_practice' || !practice.zoneId) return null;
  return selectZone(db, placeId, practice.zoneId);
}

/** The teams a staff member sits in on a day, and as what. */
export async function teamsOfStaff(db: Executor, placeId: string, staffId: string, on: string): Promise<TeamMembership[]> {
  return selectTeamsOfStaff(db, placeId, staffId, dayOrToday(on));
}

/** A GP practice of the place by its ODS code ("t90101 " is read as "T90101"). */
export async function practiceByOds(db: Executor, placeId: string, ods: string): Promise<Partner | null> {
  const code = ods.trim().toUpperCase();
  if (!/^[A-Z]\d{5}$/.test(code)) {
    throw new InvalidError('ods must be a GP practice ODS code: a letter and five digits', [{ field: 'ods', problem: 'not a practice code' }]);
  }
  const partner = await selectPartnerByOds(db, placeId, code);
  return partner && partner.kind === 'gp_practice' ? partner : null;
}

/** The place's client groups (older_people, mental_health …) as the preset gave them. */
export async function placeClientGroups(db: Executor, placeId: string): Promise<string[]> {
  return (await selectPlace(db, placeId))?.clientGroups ?? [];
}

/**
 * A new partner of the place (commissioning adds providers it contracts with); an ODS code another
 * partner already has is refused with the field named.
 */
export async function addPartner(
  db: Executor,
  placeId: string,
  p: { id: string; kind: 'provider' | 'voluntary' | 'nhs_trust'; name: string; odsCode: string | null; validFrom: string | null },
): Promise<Partner> {
  if (p.odsCode && (await selectPartnerByOds(db, placeId, p.odsCode))) {
    throw new InvalidError(`Another partner of this place already has ODS code ${p.odsCode}.`, [{ field: 'odsCode', problem: 'is already the code of another partner' }]);
  }
  return insertPartner(db, { placeId, id: p.id, kind: p.kind, name: p.name, odsCode: p.odsCode, zoneId: null, validFrom: p.validFrom, validTo: null });
}
