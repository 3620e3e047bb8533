import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import { endRelationship, grantRelationshipsSql } from '../../access/relationships.js';
import { sectorOfProfession, type Sector } from '../../access/roles.js';
import { userOfStaff } from '../../access/users.js';
import { londonDateOf } from '../../platform/dates.js';
import { asOneStatement } from '../../platform/bulk.js';
import type { Executor, SQL } from '../../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { membershipOf, staffByIds, teamById } from '../../partnership/directory.js';
import { personForPolicy } from '../../people/service.js';
import { recordEvent } from '../events.js';
import * as q from './queries.js';

/**
 * Opens a case on a team's caseload (and a worker's): the team and the worker's account get the
 * legitimate relationship the access policy relies on, for as long as the case is open.
 */
export async function openCase(
  tx: Executor,
  ctx: Ctx,
  c: { personId: string; teamId: string; workerStaffId: string | null; referralId: string | null },
  at: Date,
): Promise<{ caseId: string; sector: Sector; workerName: string }> {
  const opening = await caseOpening(tx, ctx, c, at);
  await tx.execute(asOneStatement(opening.writes)!);
  return opening;
}

/**
 * What opening a case writes (the relationships and the case), as statements to run with the
 * step's other writes in one (asOneStatement), after the reads that check the worker belongs to the team.
 */
export async function caseOpening(
  tx: Executor,
  ctx: Ctx,
  c: { personId: string; teamId: string; workerStaffId: string | null; referralId: string | null },
  at: Date,
): Promise<{ caseId: string; sector: Sector; workerName: string; writes: (SQL | null)[] }> {
  const placeId = ctx.actor.placeId;
  let sector: Sector = 'integrated';
  let workerName = '';
  let workerUserId: string | null = null;
  if (c.workerStaffId) {
    const role = await membershipOf(tx, placeId, c.teamId, c.workerStaffId, londonDateOf(at));
    if (!role) throw new InvalidError('That worker is not a member of the team today.', [{ field: 'workerStaffId', problem: 'is not a member of the team' }]);
    const worker = (await staffByIds(tx, placeId, [c.workerStaffId])).get(c.workerStaffId)!;
    sector = sectorOfProfession(worker.profession);
    workerName = worker.name;
    workerUserId = await userOfStaff(tx, placeId, c.workerStaffId);
  }
  const granted = { placeId, personId: c.personId, kind: 'caseload' as const, sector, validFrom: at, grantedBy: ctx.actor.userId };
  const grants = grantRelationshipsSql([
    { ...granted, teamId: c.teamId, reason: 'on the caseload' },
    ...(workerUserId ? [{ ...granted, userId: workerUserId, reason: 'allocated worker' }] : []),
  ]);
  const caseId = newId();
  const row = {
    placeId,
    id: caseId,
    personId: c.personId,
    teamId: c.teamId,
    workerStaffId: c.workerStaffId,
    referralId: c.referralId,
    sector,
    openedAt: at,
    openedBy: ctx.actor.userId,
    closedAt: null,
    closedBy: null,
    closeReason: null,
    teamRelationshipId: grants.ids[0]!,
    workerRelationshipId: grants.ids[1] ?? null,
    // Every column: a statement of rows as JSON writes no defaults.
    version: 1,
  };
  return { caseId, sector, workerName, writes: [grants.statement, q.insertCaseSql(row)] };
}

async function endCaseRelationships(tx: Executor, ctx: Ctx, c: q.CaseRow, at: Date): Promise<void> {
  if (c.teamRelationshipId) await endRelationship(tx, ctx.actor.placeId, c.teamRelationshipId, at, ctx.actor.userId);
  if (c.workerRelationshipId) await endRelationship(tx, ctx.actor.placeId, c.workerRelationshipId, at, ctx.actor.userId);
}

async function onCase<T>(ctx: Ctx, id: string, action: string, work: (tx: Executor, c: q.CaseRow, at: Date) => Promise<T>): Promise<T> {
  const placeId = ctx.actor.placeId;
  let found: q.CaseRow | undefined;
  return withPersonAccess(
    ctx,
    action,
    async (tx) => {
      found = await q.caseById(tx, placeId, id);
      if (!found) throw new NotFoundError('There is no case with this id.');
      return personForPolicy(tx, placeId, found.personId);
    },
    async (tx, _p, _g, at) => {
      const c = found!;
      if (c.closedAt) throw new ConflictError('This case is closed.');
      if (!ctx.actor.teamIds.includes(c.teamId)) throw new ConflictError('Only a member or manager of the team holding the case changes it.', { teamId: c.teamId });
      return work(tx, c, at);
    },
  );
}

function staleCase(c: q.CaseRow, version: number): never {
  throw new ConflictError(`This case has changed since you opened it (it is now version ${c.version}, you sent ${version}). Reload it.`, { currentVersion: c.version });
}

/** Within the team: a new worker. To another team: this case closes and the other team's opens. */
export async function transferCase(ctx: Ctx, id: string, t: { teamId?: string; workerStaffId?: string | null; reason: string; version: number }) {
  return onCase(ctx, id, 'case.transfer', async (tx, c, at) => {
    if (c.version !== t.version) staleCase(c, t.version);
    const placeId = ctx.actor.placeId;
    const toTeam = t.teamId ?? c.teamId;
    const team = await teamById(tx, placeId, toTeam);
    if (!team) throw new InvalidError('That team is not a team of this place.', [{ field: 'teamId', problem: 'is not a team in this place' }]);
    const closed = await q.updateCase(tx, placeId, id, t.version, { closedAt: at, closedBy: ctx.actor.userId, closeReason: `transferred: ${t.reason}` });
    if (!closed) staleCase(c, t.version);
    await endCaseRelationships(tx, ctx, c, at);
    const worker = t.workerStaffId === undefined ? (toTeam === c.teamId ? c.workerStaffId : null) : t.workerStaffId;
    const opened = await openCase(tx, ctx, { personId: c.personId, teamId: toTeam, workerStaffId: worker, referralId: c.referralId }, at);
    await recordEvent(tx, ctx.actor, at, {
      personId: c.personId,
      kind: 'case',
      action: 'case.transferred',
      summary: `Case transferred to ${team.name}${opened.workerName ? `, ${opened.workerName}` : ''}: ${t.reason}`,
      sector: opened.sector,
      subjectId: opened.caseId,
      detail: { fromCaseId: id, teamId: toTeam, workerStaffId: worker },
    });
    await auditAllowed(tx, ctx.actor, at, { action: 'case.transfer', personIds: [c.personId], detail: { from: id, to: opened.caseId } });
    return { caseId: opened.caseId };
  });
}

export async function closeCase(ctx: Ctx, id: string, input: { reason: string; version: number }) {
  return onCase(ctx, id, 'case.close', async (tx, c, at) => {
    const closed = await q.updateCase(tx, ctx.actor.placeId, id, input.version, { closedAt: at, closedBy: ctx.actor.userId, closeReason: input.reason });
    if (!closed) staleCase(c, input.version);
    await endCaseRelationships(tx, ctx, c, at);
    if (c.referralId) {
      const r = await q.referralById(tx, ctx.actor.placeId, c.referralId);
      if (r && r.status === 'allocated') {
        await q.updateReferral(tx, ctx.actor.placeId, r.id, { version: r.version, status: 'allocated' }, { status: 'closed', closedAt: at, closedBy: ctx.actor.userId });
      }
    }
    await recordEvent(tx, ctx.actor, at, { personId: c.personId, kind: 'case', action: 'case.closed', summary: `Case closed: ${input.reason}`, sector: c.sector as Sector, subjectId: id, detail: {} });
    await auditAllowed(tx, ctx.actor, at, { action: 'case.close', personIds: [c.personId], detail: { caseId: id } });
    return { caseId: id, closedAt: at.toISOString() };
  });
}

/** A person's open cases (for the record page and other modules). */
export async function openCasesOf(tx: Executor, placeId: string, personId: string) {
  return q.openCasesOfPerson(tx, placeId, personId);
}
