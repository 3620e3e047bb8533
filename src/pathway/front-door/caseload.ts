import type { Ctx } from '../../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../../access/guard.js';
import { isPractitioner, roleLabels } from '../../access/roles.js';
import { londonDateOf } from '../../platform/dates.js';
import type { Executor } from '../../platform/db.js';
import { InvalidError } from '../../platform/errors.js';
import { membersOfTeam, staffByIds, teamById, teamsOfKind } from '../../partnership/directory.js';
import { personNames } from '../../people/service.js';
import * as q from './queries.js';
import type { CaseloadQuery } from './types.js';

/** Referrals listed on the waiting list (it is counted in full). */
const WAITING_LISTED = 200;

/**
 * A page of the open cases of a worker, a team or a zone, most recently opened first, with the
 * team's waiting list (accepted, not yet allocated), the counts of open and waiting cases and the
 * open cases per member. Members and managers of the teams concerned see them; the people on the
 * page and on the waiting list are audited.
 */
export async function caseload(ctx: Ctx, f: CaseloadQuery) {
  if (!isPractitioner(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'case.list', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) sees caseload counts in reports, not names.` });
  }
  const placeId = ctx.actor.placeId;
  const now = ctx.clock.now();
  let teamIds: string[] = [];
  if (f.zoneId) teamIds = (await teamsOfKind(ctx.db, placeId, 'integrated_zone', f.zoneId)).map((t) => t.id);
  else if (f.teamId) teamIds = [f.teamId];
  const mine = f.staffId !== undefined && f.staffId === ctx.actor.staffId;
  const ownTeams = teamIds.length > 0 && teamIds.every((t) => ctx.actor.teamIds.includes(t));
  // A manager sees a worker's caseload within the teams they manage.
  const managed = f.staffId !== undefined && ctx.actor.managedTeamIds.length > 0;
  if (!mine && !ownTeams && !managed) {
    return denyAndAudit(ctx, { action: 'case.list', personIds: [], reason: 'team', message: 'You see the caseloads of your own teams, and your own.' });
  }
  const scope: q.CaseloadScope = f.staffId ? { staffId: f.staffId, ...(mine ? {} : { teamIds: ctx.actor.managedTeamIds }) } : { teamIds };
  return auditedRead(ctx, async (tx) => {
    const open = await pageOf(tx, placeId, scope, f);
    const perWorker = await q.openCaseCounts(tx, placeId, scope, open[0]?.id ?? null);
    const waiting = await q.waitingForAllocation(tx, placeId, teamIds, WAITING_LISTED);
    const personIds = [...new Set([...open.map((c) => c.personId), ...waiting.rows.map((r) => r.personId)])];
    const names = await personNames(tx, placeId, personIds);
    const workers = await staffByIds(tx, placeId, open.flatMap((c) => (c.workerStaffId ? [c.workerStaffId] : [])));
    const teamNames = new Map<string, string>();
    for (const id of new Set(open.map((c) => c.teamId))) teamNames.set(id, (await teamById(tx, placeId, id))?.name ?? '');
    const members = f.teamId ? await membersOfTeam(tx, placeId, f.teamId, londonDateOf(now)) : [];
    await auditAllowed(tx, ctx.actor, now, { action: 'case.list', personIds, detail: { ...f } });

    const total = perWorker.reduce((n, w) => n + w.open, 0);
    const from = open.length ? perWorker.reduce((n, w) => n + w.ahead, 0) + 1 : 0;
    const to = open.length ? from + open.length - 1 : 0;
    const byWorker = new Map(perWorker.flatMap((w) => (w.workerStaffId ? [[w.workerStaffId, w.open] as const] : [])));
    return {
      counts: { open: total, waiting: waiting.total, unallocatedCases: perWorker.find((w) => !w.workerStaffId)?.open ?? 0 },
      page: {
        limit: f.limit,
        from,
        to,
        nextAfter: open.length && to < total ? open[open.length - 1]!.id : null,
        previousBefore: from > 1 ? open[0]!.id : null,
      },
      cases: open.map((c) => ({
        id: c.id,
        version: c.version,
        person: { id: c.personId, name: names.get(c.personId) ?? '' },
        team: { id: c.teamId, name: teamNames.get(c.teamId) ?? '' },
        worker: c.workerStaffId ? { id: c.workerStaffId, name: workers.get(c.workerStaffId)?.name ?? '' } : null,
        sector: c.sector,
        openedAt: c.openedAt.toISOString(),
        referralId: c.referralId,
      })),
      waiting: waiting.rows.map((r) => ({
        referralId: r.id,
        version: r.version,
        person: { id: r.personId, name: names.get(r.personId) ?? '' },
        urgency: r.urgency,
        receivedAt: r.receivedAt.toISOString(),
        acceptedAt: r.acceptedAt?.toISOString() ?? null,
        reason: r.reason,
      })),
      members: members.map((m) => ({ ...m, openCases: byWorker.get(m.id) ?? 0 })),
    };
  });
}

/**
 * The cases of the page asked for. Going back to the start gives a full first page, even when
 * cases before the cursor closed meanwhile; a cursor that names no case is refused.
 */
async function pageOf(tx: Executor, placeId: string, scope: q.CaseloadScope, f: CaseloadQuery): Promise<q.CaseRow[]> {
  const cursor = f.after ?? f.before;
  if (cursor && !(await q.caseById(tx, placeId, cursor))) {
    const field = f.after ? 'after' : 'before';
    throw new InvalidError('That page no longer exists: start again from the first page.', [{ field, problem: 'is not a case of this place' }]);
  }
  const rows = await q.openCasesPage(tx, placeId, scope, { limit: f.limit, after: f.after, before: f.before });
  if (f.before && rows.length < f.limit) return q.openCasesPage(tx, placeId, scope, { limit: f.limit });
  return rows;
}
