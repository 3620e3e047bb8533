import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { builtOnce } from '../platform/built-once.js';
import { pgArray, type Executor } from '../platform/db.js';
import { partners, staff, teamMembers, teams, zones } from './schema.js';

export type StaffTeam = {
  teamId: string;
  name: string;
  kind: string;
  roleInTeam: string;
  zone: { id: string; name: string } | null;
};

export type StaffMembership = { profession: string; teams: StaffTeam[] } | null;

/**
 * A staff member's profession and the teams they belong to on a day, in one statement: it runs
 * on every signed-in request, as part of resolving the session.
 */
export async function staffMembership(db: Executor, placeId: string, staffId: string, on: string): Promise<StaffMembership> {
  const [member] = await db
    .select({
      profession: staff.profession,
      teams: sql<StaffTeam[]>`coalesce((
        select json_agg(json_build_object(
          'teamId', t.id, 'name', t.name, 'kind', t.kind, 'roleInTeam', tm.role_in_team,
          'zone', case when z.id is null then null else json_build_object('id', z.id, 'name', z.name) end
        ) order by t.name)
        from team_member tm
        join team t on t.place_id = tm.place_id and t.id = tm.team_id
        left join zone z on z.place_id = t.place_id and z.id = t.zone_id
        where tm.place_id = ${placeId} and tm.staff_id = ${staffId}
          and tm.valid_from <= ${on}::date
          and (tm.valid_to is null or tm.valid_to >= ${on}::date) -- valid_to is the membership's last day
      ), '[]'::json)`,
    })
    .from(staff)
    .where(and(eq(staff.placeId, placeId), eq(staff.id, staffId)));
  if (!member) return null;
  return { profession: member.profession, teams: member.teams };
}

export type PracticeRef = { id: string; ods: string; name: string; zone: { id: string; code: string; name: string } | null };

/** The columns that bring a GP practice and its zone beside a row holding the practice's id (left joins). */
export const practiceColumns = {
  practiceId: partners.id,
  practiceOds: partners.odsCode,
  practiceName: partners.name,
  zoneId: zones.id,
  zoneCode: zones.code,
  zoneName: zones.name,
};
type PracticeColumns = { practiceId: string | null; practiceOds: string | null; practiceName: string | null; zoneId: string | null; zoneCode: string | null; zoneName: string | null };

/** The practice of a row selected with `practiceColumns`; undefined when it has none. */
export function practiceRefOf(r: PracticeColumns): PracticeRef | undefined {
  if (!r.practiceId) return undefined;
  return { id: r.practiceId, ods: r.practiceOds ?? '', name: r.practiceName ?? '', zone: r.zoneId ? { id: r.zoneId, code: r.zoneCode ?? '', name: r.zoneName ?? '' } : null };
}

/** GP practices with their zones, by id: a person's zone follows from their practice. */
export async function practicesByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, PracticeRef>> {
  if (ids.length === 0) return new Map();
  const rows = await practicesQuery(db, { placeId, ids: pgArray([...new Set(ids)]) });
  return new Map(rows.map((r) => [r.practiceId, practiceRefOf(r)!]));
}

// The look-ups below run on every step of the front door: each is built once (src/platform/built-once.ts),
// with its ids as one array parameter.
const practicesQuery = builtOnce((db) =>
  db
    .select(practiceColumns)
    .from(partners)
    .leftJoin(zones, and(eq(zones.placeId, partners.placeId), eq(zones.id, partners.zoneId)))
    .where(and(eq(partners.placeId, sql.placeholder('placeId')), sql`${partners.id} = any(${sql.placeholder('ids')}::uuid[])`)),
);

/** The GP practice with this ODS code in the place, or null. */
export async function practiceIdByOds(db: Executor, placeId: string, ods: string): Promise<string | null> {
  const [row] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.placeId, placeId), eq(partners.odsCode, ods), eq(partners.kind, 'gp_practice')));
  return row?.id ?? null;
}

export type TeamRef = { id: string; name: string; kind: string };

export async function teamsByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, TeamRef>> {
  if (ids.length === 0) return new Map();
  const rows = await teamsQuery(db, { placeId, ids: pgArray([...new Set(ids)]) });
  return new Map(rows.map((r) => [r.id, r]));
}

const teamsQuery = builtOnce((db) =>
  db
    .select({ id: teams.id, name: teams.name, kind: teams.kind })
    .from(teams)
    .where(and(eq(teams.placeId, sql.placeholder('placeId')), sql`${teams.id} = any(${sql.placeholder('ids')}::uuid[])`)),
);

export type TeamDetail = { id: string; name: string; kind: string; zoneId: string | null; code: string };

export async function teamById(db: Executor, placeId: string, id: string): Promise<TeamDetail | null> {
  const [row] = await teamQuery(db, { placeId, id });
  return row ?? null;
}

const teamColumns = { id: teams.id, name: teams.name, kind: teams.kind, zoneId: teams.zoneId, code: teams.code };
const teamQuery = builtOnce((db) =>
  db
    .select(teamColumns)
    .from(teams)
    .where(and(eq(teams.placeId, sql.placeholder('placeId')), eq(teams.id, sql.placeholder('id')))),
);

/** The teams of a kind in a place (the single point of entry; a zone's integrated team). */
export async function teamsOfKind(db: Executor, placeId: string, kind: string, zoneId?: string): Promise<TeamDetail[]> {
  return zoneId ? teamsOfKindInZoneQuery(db, { placeId, kind, zoneId }) : teamsOfKindQuery(db, { placeId, kind });
}

const teamsOfKindQuery = builtOnce((db) =>
  db
    .select(teamColumns)
    .from(teams)
    .where(and(eq(teams.placeId, sql.placeholder('placeId')), eq(teams.kind, sql.placeholder('kind'))))
    .orderBy(teams.code),
);
const teamsOfKindInZoneQuery = builtOnce((db) =>
  db
    .select(teamColumns)
    .from(teams)
    .where(and(eq(teams.placeId, sql.placeholder('placeId')), eq(teams.kind, sql.placeholder('kind')), eq(teams.zoneId, sql.placeholder('zoneId'))))
    .orderBy(teams.code),
);

/** Whether a staff member belongs to a team on a day, and as what. */
export async function membershipOf(db: Executor, placeId: string, teamId: string, staffId: string, on: string): Promise<'member' | 'manager' | null> {
  const rows = await membershipQuery(db, { placeId, teamId, staffId, on });
  if (rows.some((r) => r.roleInTeam === 'manager')) return 'manager';
  return rows.length ? 'member' : null;
}

const membershipQuery = builtOnce((db) =>
  db
    .select({ roleInTeam: teamMembers.roleInTeam })
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.placeId, sql.placeholder('placeId')),
        eq(teamMembers.teamId, sql.placeholder('teamId')),
        eq(teamMembers.staffId, sql.placeholder('staffId')),
        lte(teamMembers.validFrom, sql.placeholder('on')),
        or(isNull(teamMembers.validTo), gte(teamMembers.validTo, sql.placeholder('on'))),
      ),
    ),
);

export type StaffRef = { id: string; name: string; profession: string };

export async function staffByIds(db: Executor, placeId: string, ids: string[]): Promise<Map<string, StaffRef>> {
  if (ids.length === 0) return new Map();
  const rows = await staffQuery(db, { placeId, ids: pgArray([...new Set(ids)]) });
  return new Map(rows.map((r) => [r.id, { id: r.id, name: `${r.given} ${r.family}`, profession: r.profession }]));
}

/** Members of a team on a day (for allocation choices and caseload views). */
export async function membersOfTeam(db: Executor, placeId: string, teamId: string, on: string): Promise<(StaffRef & { roleInTeam: string })[]> {
  const rows = await db
    .select({ id: staff.id, given: staff.givenName, family: staff.familyName, profession: staff.profession, roleInTeam: teamMembers.roleInTeam })
    .from(teamMembers)
    .innerJoin(staff, and(eq(staff.placeId, teamMembers.placeId), eq(staff.id, teamMembers.staffId)))
    .where(
      and(
        eq(teamMembers.placeId, placeId),
        eq(teamMembers.teamId, teamId),
        lte(teamMembers.validFrom, on),
        or(isNull(teamMembers.validTo), gte(teamMembers.validTo, on)),
      ),
    )
    .orderBy(staff.familyName, staff.givenName);
  return rows.map((r) => ({ id: r.id, name: `${r.given} ${r.family}`, profession: r.profession, roleInTeam: r.roleInTeam }));
}

const staffQuery = builtOnce((db) =>
  db
    .select({ id: staff.id, given: staff.givenName, family: staff.familyName, profession: staff.profession })
    .from(staff)
    .where(and(eq(staff.placeId, sql.placeholder('placeId')), sql`${staff.id} = any(${sql.placeholder('ids')}::uuid[])`)),
);
