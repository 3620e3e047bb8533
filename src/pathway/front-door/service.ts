import type { Ctx } from '../../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import { endRelationshipsHeld, endRelationshipsHeldSql, grantRelationshipsSql } from '../../access/relationships.js';
import { isPractitioner, referrerRoles, roleLabels } from '../../access/roles.js';
import { asOneStatement } from '../../platform/bulk.js';
import { isUniqueViolation, type Executor } from '../../platform/db.js';
import { ConflictError, InvalidError, NotFoundError, invalidFromIssues } from '../../platform/errors.js';
import { teamById, teamsOfKind } from '../../partnership/directory.js';
import { personForPolicy } from '../../people/service.js';
import { recordEvent, recordEventsSql } from '../events.js';
import { caseOpening } from './cases.js';
import { takeIn, type IntakeAnswer, type ReferralChannel } from './intake.js';
import * as q from './queries.js';
import { newReferralInput, type NewReferral } from './types.js';
import { namesOf, referralView, type ReferralNames, type ReferralView } from './view.js';
import { together } from '../../platform/in-turn.js';

export type { IntakeAnswer, ReferralChannel } from './intake.js';

/** The single point of entry's team, which holds front-door triage while a referral waits. */
async function frontDoorTeam(tx: Executor, placeId: string) {
  const [spoe] = await teamsOfKind(tx, placeId, 'single_point_of_entry');
  return spoe ?? null;
}

async function viewOf(tx: Executor, ctx: Ctx, row: q.ReferralRow, known?: Partial<ReferralNames>): Promise<ReferralView> {
  return (await viewsOf(tx, ctx, [row], known))[0]!;
}

async function viewsOf(tx: Executor, ctx: Ctx, rows: q.ReferralRow[], known?: Partial<ReferralNames>): Promise<ReferralView[]> {
  const names = await namesOf(tx, ctx.actor.placeId, rows, known);
  return rows.map((r) => referralView(r, names));
}

type PersonRow = Awaited<ReturnType<typeof personForPolicy>>;

/** The name of the person a step has just read for the policy, so its view need not read it again. */
const personKnown = (r: q.ReferralRow, p: PersonRow): Partial<ReferralNames> => ({ people: new Map([[r.personId, `${p.givenName} ${p.familyName}`]]) });

/**
 * A referral arrives at the front door, from a co-ordinator, another system, a file or a
 * discharge. The person is matched against the register before a new record is made; the same
 * externalRef again changes nothing; with joinOpen an open referral for the person is joined.
 * The rules are the intake's (intake.ts), the same for one referral as for a batch.
 */
export async function receiveReferral(
  ctx: Ctx,
  raw: NewReferral,
  channel: ReferralChannel,
): Promise<{ referral: ReferralView; created: boolean }> {
  if (!referrerRoles.includes(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'referral.receive', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not send referrals.` });
  }
  const parsed = newReferralInput.safeParse(raw);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const input = parsed.data;
  const placeId = ctx.actor.placeId;
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new InvalidError('A referral cannot be received in the future.', [{ field: 'receivedAt', problem: 'is in the future' }]);
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [answer] = await takeIn(tx, ctx.actor, now, [raw], channel);
      if ('problem' in answer!) throw answer.problem;
      // A new referral is the row the intake wrote, as it wrote it: no need to read it back.
      return { referral: await viewOf(tx, ctx, answer!.referral), created: answer!.created };
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.externalRef) {
      // The same referral arrived twice at once: answer with the one that was stored.
      const same = await q.referralByExternalRef(ctx.db, placeId, input.externalRef);
      if (same) return { referral: await viewOf(ctx.db, ctx, same), created: false };
    }
    throw err;
  }
}

/**
 * Many referrals at once (a feed's discharges), by the same rules as one: each answered with the
 * referral it became (new, joined, or the same one again) or its problem, in the caller's
 * transaction when ctx.db is one.
 */
export async function receiveReferrals(ctx: Ctx, raws: NewReferral[], channel: ReferralChannel): Promise<IntakeAnswer[]> {
  if (raws.length === 0) return [];
  if (!referrerRoles.includes(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'referral.receive', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not send referrals.` });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction((tx) => takeIn(tx, ctx.actor, now, raws, channel));
}

function requireCoordinator(ctx: Ctx, action: string): Promise<void> {
  if (ctx.actor.role === 'coordinator' || ctx.actor.role === 'team_manager') return Promise.resolve();
  return denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: 'Only a health and social care co-ordinator (or a team manager) triages at the front door.' });
}

/** Loads a referral and runs a step through the access policy on its person. */
async function stepOn<T>(
  ctx: Ctx,
  id: string,
  action: string,
  work: (tx: Executor, r: q.ReferralRow, at: Date, person: PersonRow) => Promise<T>,
  opts: { read?: boolean } = {},
): Promise<T> {
  const placeId = ctx.actor.placeId;
  let referral: q.ReferralRow | undefined;
  return withPersonAccess(
    ctx,
    action,
    async (tx) => {
      referral = await q.referralById(tx, placeId, id);
      if (!referral) throw new NotFoundError('There is no referral with this id.');
      return personForPolicy(tx, placeId, referral.personId);
    },
    (tx, person, _grant, at) => work(tx, referral!, at, person),
    opts,
  );
}

function stale(r: q.ReferralRow, version: number, wanted: string): never {
  if (r.version !== version) {
    throw new ConflictError(`This referral has changed since you opened it (it is now version ${r.version}). Reload it.`, { currentVersion: r.version, status: r.status });
  }
  throw new ConflictError(`This referral is ${r.status}; this step needs it to be ${wanted}. Triage takes two steps and no more.`, { status: r.status });
}

/** Step 1, at the front door: resolved with an outcome, nothing more needed from a team. */
export async function resolveReferral(ctx: Ctx, id: string, input: { outcome: string; note: string; version: number }): Promise<ReferralView> {
  await requireCoordinator(ctx, 'referral.resolve');
  return stepOn(ctx, id, 'referral.resolve', async (tx, r, at) => {
    const updated = await q.updateReferral(tx, ctx.actor.placeId, id, { version: input.version, status: 'received' }, {
      status: 'resolved',
      outcome: input.outcome,
      outcomeNote: input.note,
      resolvedAt: at,
      resolvedBy: ctx.actor.userId,
    });
    if (!updated) stale(r, input.version, 'received');
    await endTriage(tx, ctx, r.personId, at);
    await recordEvent(tx, ctx.actor, at, {
      personId: r.personId,
      kind: 'triage',
      action: 'triage.resolved',
      summary: `Resolved at the front door: ${input.outcome}${input.note ? ` — ${input.note}` : ''}`,
      sector: 'integrated',
      subjectId: id,
      detail: { outcome: input.outcome },
    });
    await auditAllowed(tx, ctx.actor, at, { action: 'referral.resolve', personIds: [r.personId], detail: { referralId: id, outcome: input.outcome } });
    return viewOf(tx, ctx, updated!);
  });
}

async function endTriage(tx: Executor, ctx: Ctx, personId: string, at: Date): Promise<void> {
  const spoe = await frontDoorTeam(tx, ctx.actor.placeId);
  if (spoe) await endRelationshipsHeld(tx, ctx.actor.placeId, personId, { kind: 'triage', teamId: spoe.id }, at, ctx.actor.userId);
}

/** Step 1, accepted: to the team the place's routing rules proposed unless the co-ordinator chooses another. */
export async function acceptReferral(ctx: Ctx, id: string, input: { teamId?: string; version: number }): Promise<ReferralView> {
  await requireCoordinator(ctx, 'referral.accept');
  return stepOn(ctx, id, 'referral.accept', async (tx, r, at, person) => {
    const teamId = input.teamId ?? r.proposedTeamId;
    if (!teamId) {
      const why = r.notCoveredSignpost !== null ? `No team of this place covers this referral (${r.routingReason}); signpost: ${r.notCoveredSignpost}` : `No team could be proposed (${r.routingReason || 'the person has no GP practice in a zone'})`;
      throw new InvalidError(`${why}. Choose a team, or resolve the referral at the front door.`, [{ field: 'teamId', problem: 'is required for this referral' }]);
    }
    const team = await teamById(tx, ctx.actor.placeId, teamId);
    if (!team) throw new InvalidError('That team is not a team of this place.', [{ field: 'teamId', problem: 'is not a team in this place' }]);
    const updated = await q.updateReferral(tx, ctx.actor.placeId, id, { version: input.version, status: 'received' }, {
      status: 'accepted',
      teamId,
      acceptedAt: at,
      acceptedBy: ctx.actor.userId,
    });
    if (!updated) stale(r, input.version, 'received');
    const spoe = await frontDoorTeam(tx, ctx.actor.placeId);
    const overridden = r.proposedTeamId && r.proposedTeamId !== teamId;
    // Triage ends, the team's relationship begins, the timeline's step: one statement.
    await tx.execute(
      asOneStatement([
        spoe ? endRelationshipsHeldSql(ctx.actor.placeId, r.personId, { kind: 'triage', teamId: spoe.id }, at, ctx.actor.userId) : null,
        grantRelationshipsSql([{ placeId: ctx.actor.placeId, personId: r.personId, kind: 'referral', teamId, sector: 'integrated', reason: `referral ${id}`, validFrom: at, grantedBy: ctx.actor.userId }]).statement,
        recordEventsSql(ctx.actor, at, [
          {
            personId: r.personId,
            kind: 'triage',
            action: 'triage.accepted',
            summary: `Accepted and sent to ${team.name}${overridden ? ' (not the proposed zone team)' : ''}`,
            sector: 'integrated',
            subjectId: id,
            detail: { teamId, proposedTeamId: r.proposedTeamId },
          },
        ]),
      ])!,
    );
    // The answer is read before the audit entry, which holds its stripe's head until the commit.
    const view = await viewOf(tx, ctx, updated!, { ...personKnown(r, person), teams: new Map([[team.id, { id: team.id, name: team.name }]]) });
    await auditAllowed(tx, ctx.actor, at, { action: 'referral.accept', personIds: [r.personId], detail: { referralId: id, teamId } });
    return view;
  });
}

/** Step 2, in the team: a worker is allocated, the case opens on the caseload, and that is the end of triage. */
export async function allocateReferral(ctx: Ctx, id: string, input: { workerStaffId: string; version: number }): Promise<ReferralView> {
  if (!isPractitioner(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'referral.allocate', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not allocate work.` });
  }
  return stepOn(ctx, id, 'referral.allocate', async (tx, r, at, person) => {
    if (r.status !== 'accepted' || r.version !== input.version) stale(r, input.version, 'accepted');
    if (!ctx.actor.teamIds.includes(r.teamId!)) {
      throw new ConflictError('Only a member or manager of the team the referral was sent to allocates it.', { teamId: r.teamId });
    }
    const opened = await caseOpening(tx, ctx, { personId: r.personId, teamId: r.teamId!, workerStaffId: input.workerStaffId, referralId: id }, at);
    const updated = await q.updateReferral(tx, ctx.actor.placeId, id, { version: input.version, status: 'accepted' }, {
      status: 'allocated',
      workerStaffId: input.workerStaffId,
      allocatedAt: at,
      allocatedBy: ctx.actor.userId,
    });
    if (!updated) stale(r, input.version, 'accepted');
    const hours = (at.getTime() - r.receivedAt.getTime()) / 3600_000;
    // The case and its relationships, the referral's relationship ending, the timeline's step: one statement.
    await tx.execute(
      asOneStatement([
        ...opened.writes,
        endRelationshipsHeldSql(ctx.actor.placeId, r.personId, { kind: 'referral', teamId: r.teamId! }, at, ctx.actor.userId),
        recordEventsSql(ctx.actor, at, [
          {
            personId: r.personId,
            kind: 'allocation',
            action: 'referral.allocated',
            summary: `Allocated to ${opened.workerName} (${hours < 48 ? `${hours.toFixed(1)} hours` : `${Math.round(hours / 24)} days`} after the referral arrived)`,
            sector: opened.sector,
            subjectId: id,
            detail: { caseId: opened.caseId, workerStaffId: input.workerStaffId, hoursFromReceived: Math.round(hours * 10) / 10 },
          },
        ]),
      ])!,
    );
    // The answer is read before the audit entry, which holds its stripe's head until the commit.
    const view = await viewOf(tx, ctx, updated!, { ...personKnown(r, person), staff: new Map([[input.workerStaffId, { id: input.workerStaffId, name: opened.workerName }]]) });
    await auditAllowed(tx, ctx.actor, at, { action: 'referral.allocate', personIds: [r.personId], detail: { referralId: id, caseId: opened.caseId } });
    return view;
  });
}

export async function getReferral(ctx: Ctx, id: string): Promise<ReferralView> {
  // A read: no transaction, and the view's names are read while its audit entry is written.
  return stepOn(
    ctx,
    id,
    'referral.read',
    async (tx, r, at) => {
      const [view] = await together(tx, [
        () => viewOf(tx, ctx, r),
        () => auditAllowed(tx, ctx.actor, at, { action: 'referral.read', personIds: [r.personId], detail: { referralId: id } }),
      ]);
      return view;
    },
    { read: true },
  );
}

/**
 * The front door's queue (co-ordinators: everything; team members: their teams' referrals).
 * A list of names is person data, so it is audited with the people it shows.
 */
export async function listReferrals(ctx: Ctx, f: { status?: string; teamId?: string; personId?: string; limit: number }): Promise<ReferralView[]> {
  if (!isPractitioner(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'referral.list', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not see referrals about people.` });
  }
  const frontDoor = ctx.actor.role === 'coordinator';
  if (f.teamId && !frontDoor && !ctx.actor.teamIds.includes(f.teamId)) {
    return denyAndAudit(ctx, { action: 'referral.list', personIds: [], reason: 'team', message: 'You see the referrals of your own teams only.' });
  }
  const teamIds = f.teamId ? [f.teamId] : frontDoor ? undefined : ctx.actor.teamIds;
  const now = ctx.clock.now();
  return auditedRead(ctx, async (tx) => {
    const rows = await q.listReferrals(tx, ctx.actor.placeId, { status: f.status, teamIds, personId: f.personId, limit: f.limit });
    await auditAllowed(tx, ctx.actor, now, { action: 'referral.list', personIds: [...new Set(rows.map((r) => r.personId))], detail: { ...f } });
    return viewsOf(tx, ctx, rows);
  });
}

