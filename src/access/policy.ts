import type { Executor } from '../platform/db.js';
import type { Actor } from './actor.js';
import { activeRelationships, type ActiveRelationship } from './relationships.js';
import { isPractitioner, roleLabels, type Sector } from './roles.js';

/** What the policy needs to know of a person: who they are and what they consented to. */
export type PersonForPolicy = { id: string; objectsToHealthSocialCareSharing: boolean };

export type AccessGrant = {
  kind: ActiveRelationship['kind'];
  relationshipId: string;
  sector: Sector;
  validTo: Date | null;
};

export type AccessDecision =
  | { allowed: true; grant: AccessGrant }
  | { allowed: false; message: string; breakGlassAllowed: boolean; reason: string };

/** Register look-ups (to find a person, avoid a duplicate) show identifying details only. */
export function mayLookUpRegister(actor: Actor): boolean {
  return isPractitioner(actor.role) || actor.role === 'auditor';
}

export function mayBreakGlass(actor: Actor): boolean {
  return isPractitioner(actor.role);
}

/** With an objection to sharing, a relationship opens the record only within its own sector. */
export function sectorsMayShare(person: PersonForPolicy, viewer: Sector, relationship: Sector): boolean {
  if (!person.objectsToHealthSocialCareSharing) return true;
  return viewer === 'integrated' || relationship === 'integrated' || viewer === relationship;
}

const sectorWords: Record<Sector, string> = { health: 'health', social_care: 'social care', integrated: 'integrated care' };

/** The relationships through which this actor reaches this person now (their own and their teams'). */
export function relationshipsOfActor(tx: Executor, actor: Actor, personId: string, at: Date): Promise<ActiveRelationship[]> {
  return activeRelationships(tx, actor.placeId, personId, { userId: actor.userId, teamIds: actor.teamIds }, at);
}

/**
 * The access policy for a person's record, in one place: a practitioner opens a record only
 * through a legitimate relationship (their own, or their team's) that is current, and that the
 * person's sharing preferences allow; otherwise break-glass. Other roles see no person detail.
 */
export async function decidePersonAccess(
  tx: Executor,
  actor: Actor,
  person: PersonForPolicy,
  at: Date,
  /** The actor's current relationships with this person, when the caller has read them already. */
  known?: ActiveRelationship[],
): Promise<AccessDecision> {
  if (!isPractitioner(actor.role)) {
    return {
      allowed: false,
      breakGlassAllowed: false,
      reason: 'role',
      message: `Your role (${roleLabels[actor.role]}) sees no person-level clinical or care detail.`,
    };
  }
  const held = known ?? (await relationshipsOfActor(tx, actor, person.id, at));
  if (held.length === 0) {
    return {
      allowed: false,
      breakGlassAllowed: true,
      reason: 'no_relationship',
      message: 'You have no legitimate relationship with this person. If you need the record now, break glass and give your reason: it will be reviewed.',
    };
  }
  const usable = held.filter((r) => sectorsMayShare(person, actor.sector, r.sector as Sector));
  if (usable.length === 0) {
    const through = [...new Set(held.map((r) => sectorWords[r.sector as Sector]))].join(' and ');
    return {
      allowed: false,
      breakGlassAllowed: true,
      reason: 'sharing_objection',
      message: `This person has objected to sharing between health and social care. Your relationship is through ${through}, and you work in ${sectorWords[actor.sector]}.`,
    };
  }
  // An ordinary relationship is preferred to break-glass, and the one lasting longest to others.
  const rank = (r: ActiveRelationship) => (r.kind === 'break_glass' ? 1 : 0);
  usable.sort((a, b) => rank(a) - rank(b) || (b.validTo?.getTime() ?? Infinity) - (a.validTo?.getTime() ?? Infinity));
  const best = usable[0]!;
  return { allowed: true, grant: { kind: best.kind as AccessGrant['kind'], relationshipId: best.id, sector: best.sector as Sector, validTo: best.validTo } };
}
