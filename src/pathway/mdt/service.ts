import { inTurn } from '../../platform/in-turn.js';
import type { Ctx } from '../../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import { isPractitioner, roleLabels } from '../../access/roles.js';
import { londonDateOf } from '../../platform/dates.js';
import type { Executor } from '../../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { membershipOf, staffByIds, teamById } from '../../partnership/directory.js';
import { personForPolicy, personNames } from '../../people/service.js';
import { recordEvent } from '../events.js';
import * as q from './queries.js';

function requireTeam(ctx: Ctx, teamId: string, action: string): Promise<void> {
  if (isPractitioner(ctx.actor.role) && ctx.actor.teamIds.includes(teamId)) return Promise.resolve();
  return denyAndAudit(ctx, {
    action,
    personIds: [],
    reason: 'team',
    message: isPractitioner(ctx.actor.role) ? 'Only members of the team hold and record its MDT meetings.' : `Your role (${roleLabels[ctx.actor.role]}) does not take part in MDT meetings.`,
  });
}

async function actionViews(tx: Executor, placeId: string, rows: q.ActionRow[], today: string) {
  const owners = await staffByIds(tx, placeId, rows.map((a) => a.ownerStaffId));
  const names = await personNames(tx, placeId, rows.map((a) => a.personId));
  return rows.map((a) => ({
    id: a.id,
    meetingId: a.meetingId,
    person: { id: a.personId, name: names.get(a.personId) ?? '' },
    owner: { id: a.ownerStaffId, name: owners.get(a.ownerStaffId)?.name ?? '' },
    description: a.description,
    dueOn: a.dueOn,
    done: a.doneAt !== null,
    doneAt: a.doneAt?.toISOString() ?? null,
    overdue: a.doneAt === null && a.dueOn < today,
  }));
}

export async function holdMeeting(ctx: Ctx, input: { teamId: string; heldOn: string; attendeeStaffIds: string[] }) {
  await requireTeam(ctx, input.teamId, 'mdt.create');
  const placeId = ctx.actor.placeId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const team = await teamById(tx, placeId, input.teamId);
    if (!team) throw new InvalidError('That team is not a team of this place.', [{ field: 'teamId', problem: 'is not a team in this place' }]);
    const staff = await staffByIds(tx, placeId, input.attendeeStaffIds);
    const unknown = input.attendeeStaffIds.filter((id) => !staff.has(id));
    if (unknown.length) throw new InvalidError('Some attendees are not staff of this place.', unknown.map(() => ({ field: 'attendeeStaffIds', problem: 'names someone who is not staff of this place' })));
    const id = newId();
    await q.insertMeeting(tx, { placeId, id, teamId: input.teamId, heldOn: input.heldOn, attendeeStaffIds: [...new Set(input.attendeeStaffIds)], createdBy: ctx.actor.userId, createdAt: now });
    return { id };
  });
}

export async function meetingDetail(ctx: Ctx, id: string) {
  const placeId = ctx.actor.placeId;
  const meeting = await q.meetingById(ctx.db, placeId, id);
  if (!meeting) throw new NotFoundError('There is no MDT meeting with this id.');
  await requireTeam(ctx, meeting.teamId, 'mdt.read');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [team, cases, actions, attendees] = await inTurn([
      () => teamById(tx, placeId, meeting.teamId),
      () => q.casesOfMeeting(tx, placeId, id),
      () => q.actionsOf(tx, placeId, { meetingId: id }),
      () => staffByIds(tx, placeId, meeting.attendeeStaffIds),
    ]);
    const names = await personNames(tx, placeId, cases.map((c) => c.personId));
    await auditAllowed(tx, ctx.actor, now, { action: 'mdt.read', personIds: cases.map((c) => c.personId), detail: { meetingId: id } });
    return {
      id,
      team: { id: meeting.teamId, name: team?.name ?? '' },
      heldOn: meeting.heldOn,
      attendees: meeting.attendeeStaffIds.map((s) => ({ id: s, name: attendees.get(s)?.name ?? '' })),
      cases: cases.map((c) => ({ person: { id: c.personId, name: names.get(c.personId) ?? '' }, note: c.note, updatedAt: c.updatedAt.toISOString() })),
      actions: await actionViews(tx, placeId, actions, londonDateOf(now)),
    };
  });
}

export async function meetingsOfTeam(ctx: Ctx, teamId: string) {
  await requireTeam(ctx, teamId, 'mdt.list');
  const rows = await q.meetingsOfTeam(ctx.db, ctx.actor.placeId, teamId, 100);
  return rows.map((m) => ({ id: m.id, heldOn: m.heldOn, attendees: m.attendeeStaffIds.length }));
}

/** Discussion of one person: the note goes on the meeting's case list and the person's timeline. */
export async function discussCase(ctx: Ctx, meetingId: string, input: { personId: string; note: string }) {
  const placeId = ctx.actor.placeId;
  const meeting = await q.meetingById(ctx.db, placeId, meetingId);
  if (!meeting) throw new NotFoundError('There is no MDT meeting with this id.');
  await requireTeam(ctx, meeting.teamId, 'mdt.discuss');
  return withPersonAccess(
    ctx,
    'mdt.discuss',
    (tx) => personForPolicy(tx, placeId, input.personId),
    async (tx, person, _grant, at) => {
      await q.upsertCaseNote(tx, { placeId, meetingId, personId: person.id, note: input.note, authorUserId: ctx.actor.userId, updatedAt: at });
      await recordEvent(tx, ctx.actor, at, {
        personId: person.id,
        kind: 'mdt',
        action: 'mdt.discussed',
        summary: `Discussed at the MDT of ${meeting.heldOn}${input.note ? `: ${input.note}` : ''}`,
        sector: ctx.actor.sector,
        subjectId: meetingId,
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'mdt.discuss', personIds: [person.id], detail: { meetingId } });
      return { meetingId, personId: person.id };
    },
  );
}

export async function addAction(ctx: Ctx, meetingId: string, input: { personId: string; ownerStaffId: string; description: string; dueOn: string }) {
  const placeId = ctx.actor.placeId;
  const meeting = await q.meetingById(ctx.db, placeId, meetingId);
  if (!meeting) throw new NotFoundError('There is no MDT meeting with this id.');
  await requireTeam(ctx, meeting.teamId, 'mdt.action');
  if (input.dueOn < meeting.heldOn) throw new InvalidError('An action cannot be due before the meeting.', [{ field: 'dueOn', problem: 'is before the meeting' }]);
  return withPersonAccess(
    ctx,
    'mdt.action',
    (tx) => personForPolicy(tx, placeId, input.personId),
    async (tx, person, _grant, at) => {
      if (!(await membershipOf(tx, placeId, meeting.teamId, input.ownerStaffId, londonDateOf(at)))) {
        throw new InvalidError('The owner of an action must be a member of the team.', [{ field: 'ownerStaffId', problem: 'is not a member of the team' }]);
      }
      const id = newId();
      await q.insertAction(tx, { placeId, id, meetingId, personId: person.id, ownerStaffId: input.ownerStaffId, description: input.description, dueOn: input.dueOn });
      const owner = (await staffByIds(tx, placeId, [input.ownerStaffId])).get(input.ownerStaffId);
      await recordEvent(tx, ctx.actor, at, {
        personId: person.id,
        kind: 'mdt',
        action: 'mdt.action',
        summary: `MDT action for ${owner?.name ?? 'a team member'}, due ${input.dueOn}: ${input.description}`,
        sector: ctx.actor.sector,
        subjectId: id,
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'mdt.action', personIds: [person.id], detail: { meetingId, actionId: id } });
      const [view] = await actionViews(tx, placeId, [(await q.actionById(tx, placeId, id))!], londonDateOf(at));
      return view!;
    },
  );
}

export async function completeAction(ctx: Ctx, id: string) {
  const placeId = ctx.actor.placeId;
  const action = await q.actionById(ctx.db, placeId, id);
  if (!action) throw new NotFoundError('There is no MDT action with this id.');
  const meeting = (await q.meetingById(ctx.db, placeId, action.meetingId))!;
  await requireTeam(ctx, meeting.teamId, 'mdt.action_done');
  return withPersonAccess(
    ctx,
    'mdt.action_done',
    (tx) => personForPolicy(tx, placeId, action.personId),
    async (tx, person, _g, at) => {
      const done = await q.markActionDone(tx, placeId, id, at, ctx.actor.userId);
      if (!done) throw new ConflictError('This action is already done.');
      await recordEvent(tx, ctx.actor, at, { personId: person.id, kind: 'mdt', action: 'mdt.action_done', summary: `MDT action done: ${action.description}`, sector: ctx.actor.sector, subjectId: id });
      await auditAllowed(tx, ctx.actor, at, { action: 'mdt.action_done', personIds: [person.id], detail: { actionId: id } });
      const [view] = await actionViews(tx, placeId, [done], londonDateOf(at));
      return view!;
    },
  );
}

/** Open actions for their owner's home page (the user's own, or a member of a team they manage). */
export async function openActionsOf(ctx: Ctx, f: { ownerStaffId?: string; overdue?: boolean }) {
  const owner = f.ownerStaffId ?? ctx.actor.staffId;
  if (!owner) return [];
  if (owner !== ctx.actor.staffId) {
    const managed = await Promise.all(ctx.actor.managedTeamIds.map((t) => membershipOf(ctx.db, ctx.actor.placeId, t, owner, londonDateOf(ctx.clock.now()))));
    if (!managed.some(Boolean)) {
      return denyAndAudit(ctx, { action: 'mdt.actions', personIds: [], reason: 'team', message: 'You see your own MDT actions, and those of the teams you manage.' });
    }
  }
  const now = ctx.clock.now();
  const today = londonDateOf(now);
  return auditedRead(ctx, async (tx) => {
    const rows = await q.actionsOf(tx, ctx.actor.placeId, { ownerStaffId: owner, openOnly: true, ...(f.overdue ? { dueBefore: today } : {}) });
    await auditAllowed(tx, ctx.actor, now, { action: 'mdt.actions', personIds: [...new Set(rows.map((r) => r.personId))], detail: { ownerStaffId: owner } });
    return actionViews(tx, ctx.actor.placeId, rows, today);
  });
}

/** The person's MDT actions, for their record (overdue ones stand out). */
export async function actionsOfPerson(ctx: Ctx, personId: string) {
  return withPersonAccess(
    ctx,
    'mdt.actions',
    (tx) => personForPolicy(tx, ctx.actor.placeId, personId),
    async (tx, person, _g, at) => {
      const rows = await q.actionsOf(tx, ctx.actor.placeId, { personId: person.id });
      await auditAllowed(tx, ctx.actor, at, { action: 'mdt.actions', personIds: [person.id] });
      return actionViews(tx, ctx.actor.placeId, rows, londonDateOf(at));
    },
    { read: true, personId },
  );
}

/** The meeting each MDT action was agreed at (the timeline links an action to its meeting). */
export async function meetingsOfActions(tx: Executor, placeId: string, actionIds: string[]): Promise<Map<string, string>> {
  return q.meetingsOfActions(tx, placeId, actionIds);
}
