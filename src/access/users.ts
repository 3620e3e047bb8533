import { and, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from './passwords.js';
import type { Role } from './roles.js';
import { users } from './schema.js';

export type NewUser = {
  placeId: string;
  email: string;
  displayName: string;
  role: Role;
  staffId?: string | null;
  password: string;
};

export async function createUser(tx: Executor, u: NewUser): Promise<string> {
  const id = newId();
  await tx.insert(users).values({
    placeId: u.placeId,
    id,
    email: u.email.toLowerCase(),
    displayName: u.displayName,
    role: u.role,
    staffId: u.staffId ?? null,
    passwordHash: await hashPassword(u.password),
  });
  return id;
}

export async function usersOfPlace(tx: Executor, placeId: string) {
  return tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, staffId: users.staffId, active: users.active })
    .from(users)
    .where(and(eq(users.placeId, placeId)))
    .orderBy(users.email);
}

/** The account of a staff member, if they have one (so allocation can reach the worker's user). */
export async function userOfStaff(tx: Executor, placeId: string, staffId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.placeId, placeId), eq(users.staffId, staffId), eq(users.active, true)));
  return row?.id ?? null;
}
