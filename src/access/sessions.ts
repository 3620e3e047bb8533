import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { staffMembership, type StaffTeam } from '../partnership/directory.js';
import type { Actor } from './actor.js';
import { roleLabels, sectorOfProfession, type Role } from './roles.js';
import { sessions, users } from './schema.js';
import { places } from '../partnership/schema.js';

export const SESSION_COOKIE = 'caretrust_session';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SessionView = {
  actor: Actor;
  teams: StaffTeam[];
  place: { id: string; preset: string; name: string };
  csrfToken: string;
  expiresAt: Date;
};

type UserRow = { placeId: string; userId: string; email: string; displayName: string; role: string; staffId: string | null; providerPartnerId: string | null };

/** Who a user is today: role, profession, sector and teams. */
async function actorFrom(db: Executor, row: UserRow, now: Date): Promise<{ actor: Actor; teams: StaffTeam[] }> {
  const membership = row.staffId ? await staffMembership(db, row.placeId, row.staffId, londonDateOf(now)) : null;
  const teams = membership?.teams ?? [];
  const role = row.role as Role;
  return {
    actor: {
      placeId: row.placeId,
      userId: row.userId,
      role,
      displayName: row.displayName,
      email: row.email,
      staffId: row.staffId,
      profession: membership?.profession ?? null,
      sector: role === 'team_manager' || role === 'coordinator' ? 'integrated' : sectorOfProfession(membership?.profession),
      teamIds: teams.map((t) => t.teamId),
      managedTeamIds: teams.filter((t) => t.roleInTeam === 'manager').map((t) => t.teamId),
      providerPartnerId: row.providerPartnerId,
    },
    teams,
  };
}

/** The actor for an account (command-line loads act as an account, never as nobody). */
export async function actorOfUser(db: Executor, placeId: string, userId: string, now: Date): Promise<Actor | null> {
  const [row] = await db
    .select({ placeId: users.placeId, userId: users.id, email: users.email, displayName: users.displayName, role: users.role, staffId: users.staffId, providerPartnerId: users.providerPartnerId, active: users.active })
    .from(users)
    .where(and(eq(users.placeId, placeId), eq(users.id, userId)));
  if (!row || !row.active) return null;
  return (await actorFrom(db, row, now)).actor;
}

/** The signed-in user behind a session token, or null when it is unknown, ended or expired. */
export async function resolveSession(db: Executor, token: string, now: Date): Promise<SessionView | null> {
  const [row] = await db
    .select({
      placeId: sessions.placeId,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      staffId: users.staffId,
      providerPartnerId: users.providerPartnerId,
      active: users.active,
      preset: places.preset,
      placeName: places.name,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.placeId, sessions.placeId), eq(users.id, sessions.userId)))
    .innerJoin(places, eq(places.placeId, sessions.placeId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.endedAt), gt(sessions.expiresAt, now)));
  if (!row || !row.active) return null;
  const { actor, teams } = await actorFrom(db, row, now);
  return {
    actor,
    teams,
    place: { id: row.placeId, preset: row.preset, name: row.placeName },
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export function sessionBody(s: SessionView) {
  return {
    user: {
      id: s.actor.userId,
      email: s.actor.email,
      displayName: s.actor.displayName,
      role: s.actor.role,
      roleLabel: roleLabels[s.actor.role],
      staffId: s.actor.staffId,
      teams: s.teams.map((t) => ({ id: t.teamId, name: t.name, kind: t.kind, zone: t.zone, roleInTeam: t.roleInTeam })),
    },
    place: s.place,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
  };
}
