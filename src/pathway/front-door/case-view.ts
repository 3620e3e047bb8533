import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import { sectorsMayShare } from '../../access/policy.js';
import type { Sector } from '../../access/roles.js';
import { usersOfPlace } from '../../access/users.js';
import { londonDateOf } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { membersOfTeam, staffByIds, teamById } from '../../partnership/directory.js';
import { professionLabel } from '../../partnership/professions.js';
import { personForPolicy, personRefs, type PersonRef } from '../../people/service.js';
import { eventsOfCase } from '../events.js';
import * as q from './queries.js';

type Ref = { id: string; name: string };
type StaffView = Ref & { profession: string; professionLabel: string };

export type CaseView = {
  id: string;
  version: number;
  /** open; closed; transferred (closed because it moved to another case, transferredToCaseId). */
  status: 'open' | 'closed' | 'transferred';
  person: PersonRef;
  team: Ref;
  worker: StaffView | null;
  sector: string;
  referralId: string | null;
  openedAt: string;
  openedBy: Ref | null;
  closedAt: string | null;
  closedBy: Ref | null;
  closeReason: string | null;
  transferredFromCaseId: string | null;
  transferredToCaseId: string | null;
  /** Whether this user may transfer or close it: it is open and they belong to the team holding it. */
  mayChange: boolean;
  /** The team's members today, to transfer to (only for those who may change the case). */
  members: (StaffView & { roleInTeam: string })[];
  history: { at: string; action: string; summary: string; by: string; sector: string }[];
  /** Steps of the other sector left out because the person objects to sharing. */
  withheld: number;
};

const staffView = (s: { id: string; name: string; profession: string }): StaffView => ({ ...s, profession: s.profession, professionLabel: professionLabel(s.profession) });

/**
 * A case with the person, team and worker it is about and its history, through the access policy
 * for the person. A closed case stays readable to whoever may still open the person's record.
 */
export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  const placeId = ctx.actor.placeId;
  let found: q.CaseRow | undefined;
  return withPersonAccess(
    ctx,
    'case.read',
    async (tx) => {
      found = await q.caseById(tx, placeId, id);
      if (!found) throw new NotFoundError('There is no case with this id in this place.');
      return personForPolicy(tx, placeId, found.personId);
    },
    async (tx, person, grant, at) => {
      const c = found!;
      // One query after another: a page read needs no more than one connection at a time.
      const people = await personRefs(tx, placeId, [person.id]);
      const team = await teamById(tx, placeId, c.teamId);
      const workers = c.workerStaffId ? await staffByIds(tx, placeId, [c.workerStaffId]) : new Map();
      const users = new Map((await usersOfPlace(tx, placeId)).map((u) => [u.id, u.displayName]));
      const events = await eventsOfCase(tx, placeId, c.personId, c.id);
      const userRef = (userId: string | null): Ref | null => (userId ? { id: userId, name: users.get(userId) ?? '' } : null);
      const cameFrom = events.find((e) => e.action === 'case.transferred' && e.subjectId === c.id);
      const wentTo = events.find((e) => e.action === 'case.transferred' && (e.detail as { fromCaseId?: string }).fromCaseId === c.id);
      const mayChange = !c.closedAt && ctx.actor.teamIds.includes(c.teamId);
      const members = mayChange ? await membersOfTeam(tx, placeId, c.teamId, londonDateOf(at)) : [];
      const visible = events.filter((e) => sectorsMayShare(person, ctx.actor.sector, e.sector as Sector));
      const worker = c.workerStaffId ? workers.get(c.workerStaffId) : undefined;
      await auditAllowed(tx, ctx.actor, at, { action: 'case.read', personIds: [person.id], detail: { caseId: id, via: grant.kind } });
      return {
        id: c.id,
        version: c.version,
        status: !c.closedAt ? 'open' : wentTo ? 'transferred' : 'closed',
        person: people.get(person.id)!,
        team: { id: c.teamId, name: team?.name ?? '' },
        worker: worker ? staffView(worker) : null,
        sector: c.sector,
        referralId: c.referralId,
        openedAt: c.openedAt.toISOString(),
        openedBy: userRef(c.openedBy),
        closedAt: c.closedAt?.toISOString() ?? null,
        closedBy: userRef(c.closedBy),
        closeReason: c.closeReason,
        transferredFromCaseId: ((cameFrom?.detail as { fromCaseId?: string } | undefined)?.fromCaseId as string | undefined) ?? null,
        transferredToCaseId: wentTo?.subjectId ?? null,
        mayChange,
        members: members.map((m) => ({ ...staffView(m), roleInTeam: m.roleInTeam })),
        history: visible.map((e) => ({ at: e.at.toISOString(), action: e.action, summary: e.summary, by: e.actorName, sector: e.sector })),
        withheld: events.length - visible.length,
      };
    },
    { read: true },
  );
}
