import { and, eq } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { UnauthorisedError } from '../platform/errors.js';
import { places } from '../partnership/schema.js';
import { hashPassword, passwordMatches } from './passwords.js';
import { newToken, resolveSession, tokenHash, type SessionView } from './sessions.js';
import { sessions, users } from './schema.js';

// Verifying against a real hash when the email is unknown keeps the answer time the same,
// so sign-in does not reveal which emails have accounts.
let decoyHash: Promise<string> | null = null;

export type SignIn = { email: string; password: string; place?: string };

export async function signIn(
  db: Db,
  input: SignIn,
  opts: { now: Date; sessionHours: number; defaultPlace: string },
): Promise<{ token: string; session: SessionView }> {
  const email = input.email.trim().toLowerCase();
  const candidates = await db
    .select({ placeId: users.placeId, id: users.id, hash: users.passwordHash, active: users.active, preset: places.preset })
    .from(users)
    .innerJoin(places, eq(places.placeId, users.placeId))
    .where(eq(users.email, email));
  const wanted = input.place ?? (candidates.length > 1 ? opts.defaultPlace : undefined);
  const user = candidates.find((c) => wanted === undefined || c.preset === wanted);
  if (!user || !user.active) {
    decoyHash ??= hashPassword('decoy password for unknown accounts');
    await passwordMatches(await decoyHash, input.password);
    throw new UnauthorisedError('The email address or password is not right. Check them and try again.');
  }
  if (!(await passwordMatches(user.hash, input.password))) {
    throw new UnauthorisedError('The email address or password is not right. Check them and try again.');
  }
  const token = newToken();
  await db.insert(sessions).values({
    placeId: user.placeId,
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.sessionHours * 3600_000),
  });
  const session = await resolveSession(db, token, opts.now);
  if (!session) throw new UnauthorisedError();
  return { token, session };
}

export async function signOut(db: Db, token: string, now: Date): Promise<void> {
  await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.tokenHash, tokenHash(token))));
}
