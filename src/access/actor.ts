import type { Db } from '../platform/db.js';
import type { Clock } from '../platform/clock.js';
import type { Role, Sector } from './roles.js';

/** Who is acting: the signed-in user, resolved once per request. */
export type Actor = {
  placeId: string;
  userId: string;
  role: Role;
  displayName: string;
  email: string;
  staffId: string | null;
  profession: string | null;
  sector: Sector;
  /** Teams the user's staff record belongs to today. */
  teamIds: string[];
  /** Teams the user manages today. */
  managedTeamIds: string[];
  /** Provider staff: the one provider whose placements the portal shows them. */
  providerPartnerId?: string | null;
};

/** The generator and command-line tools act as the system, never as a person. */
export function systemActor(placeId: string): Actor {
  return {
    placeId,
    userId: '00000000-0000-0000-0000-000000000000',
    role: 'administrator',
    displayName: 'Caretrust system',
    email: 'system@caretrust.invalid',
    staffId: null,
    profession: null,
    sector: 'integrated',
    teamIds: [],
    managedTeamIds: [],
  };
}

/** What every service operation is given: the database, the clock and who is acting. */
export type Ctx = { db: Db; clock: Clock; actor: Actor };
