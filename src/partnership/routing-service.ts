/**
 * The place's routing rules: read by the front door for every referral, kept by an administrator
 * (list, add, change at the version read, end), each change audited with before and after in the
 * same transaction. A rule is ended, never deleted: referrals name the rule they were routed by.
 */
import { z } from 'zod';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit } from '../access/guard.js';
import { roleLabels } from '../access/roles.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { selectPartners, selectRoutingRule, selectRoutingRules, selectTeams, selectZones, insertRoutingRules, updateRoutingRuleAt, type RoutingRuleRow } from './queries.js';
import { routingRuleFields, routingRuleProblems, type RoutingRule, type RoutingTeam } from './routing.js';

export const routingRuleInput = z.strictObject({
  ...routingRuleFields,
  zoneId: z.uuid('must be a zone id').nullable().default(null),
  gpPracticeId: z.uuid('must be a GP practice id').nullable().default(null),
  teamId: z.uuid('must be a team id').nullable().default(null),
});
export type RoutingRuleInput = z.output<typeof routingRuleInput>;

/** What the router needs of a place: its rules in force, in order, and its teams. */
export async function routingOf(db: Executor, placeId: string): Promise<{ rules: RoutingRule[]; teams: RoutingTeam[] }> {
  const rules = (await selectRoutingRules(db, placeId)).filter((r) => !r.endedAt) as RoutingRule[];
  const teams = (await selectTeams(db, placeId)).map((t) => ({ id: t.id, code: t.code, name: t.name, kind: t.kind, zoneId: t.zoneId }));
  return { rules, teams };
}

export type RoutingRuleView = ReturnType<typeof viewOf>;

function viewOf(r: RoutingRuleRow, names: { teams: Map<string, string>; zones: Map<string, string>; practices: Map<string, string> }) {
  return {
    id: r.id,
    version: r.version,
    position: r.position,
    name: r.name,
    clientGroups: r.clientGroups,
    needs: r.needs,
    ageFrom: r.ageFrom,
    ageTo: r.ageTo,
    zone: r.zoneId ? { id: r.zoneId, name: names.zones.get(r.zoneId) ?? '' } : null,
    gpPractice: r.gpPracticeId ? { id: r.gpPracticeId, name: names.practices.get(r.gpPracticeId) ?? '' } : null,
    action: r.action as RoutingRule['action'],
    team: r.teamId ? { id: r.teamId, name: names.teams.get(r.teamId) ?? '' } : null,
    teamKind: r.teamKind,
    signpost: r.signpost,
    updatedAt: r.updatedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

async function namesOf(db: Executor, placeId: string) {
  const [teams, zones, partners] = [await selectTeams(db, placeId), await selectZones(db, placeId), await selectPartners(db, placeId)];
  return {
    teams: new Map(teams.map((t) => [t.id, t.name])),
    teamKinds: new Set(teams.map((t) => t.kind)),
    zones: new Map(zones.map((z) => [z.id, z.name])),
    practices: new Map(partners.filter((p) => p.kind === 'gp_practice').map((p) => [p.id, p.name])),
  };
}

/** Co-ordinators and team managers read the rules they triage by; administrators keep them. */
function mayRead(role: string): boolean {
  return role === 'administrator' || role === 'coordinator' || role === 'team_manager';
}

export async function listRoutingRules(ctx: Ctx, opts: { includeEnded: boolean }): Promise<RoutingRuleView[]> {
  if (!mayRead(ctx.actor.role)) {
    return denyAndAudit(ctx, { action: 'routing_rule.list', personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not read the front door's routing rules.` });
  }
  const names = await namesOf(ctx.db, ctx.actor.placeId);
  const rows = await selectRoutingRules(ctx.db, ctx.actor.placeId);
  return rows.filter((r) => opts.includeEnded || !r.endedAt).map((r) => viewOf(r, names));
}

function requireAdministrator(ctx: Ctx, action: string): Promise<void> {
  if (ctx.actor.role === 'administrator') return Promise.resolve();
  return denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not change routing rules; an administrator does.` });
}

/** The rule's references must be this place's, and its fields must agree with each other. */
function checkRule(input: RoutingRuleInput, names: Awaited<ReturnType<typeof namesOf>>): void {
  const problems = routingRuleProblems(input, input.teamId !== null);
  if (input.teamId && !names.teams.has(input.teamId)) problems.push({ field: 'teamId', problem: 'is not a team of this place' });
  if (input.zoneId && !names.zones.has(input.zoneId)) problems.push({ field: 'zoneId', problem: 'is not a zone of this place' });
  if (input.gpPracticeId && !names.practices.has(input.gpPracticeId)) problems.push({ field: 'gpPracticeId', problem: 'is not a GP practice of this place' });
  if (input.teamKind && !names.teamKinds.has(input.teamKind)) problems.push({ field: 'teamKind', problem: 'no team of this place is of this kind' });
  if (problems.length) throw new InvalidError(`The rule cannot be kept: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}.`, problems);
}

export async function createRoutingRule(ctx: Ctx, input: RoutingRuleInput): Promise<RoutingRuleView> {
  await requireAdministrator(ctx, 'routing_rule.create');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const names = await namesOf(tx, placeId);
    checkRule(input, names);
    const row = { placeId, id: newId(), ...input, version: 1, createdAt: at, createdBy: ctx.actor.userId, updatedAt: at, endedAt: null, endedBy: null };
    await insertRoutingRules(tx, [row]);
    await auditAllowed(tx, ctx.actor, at, { action: 'routing_rule.create', personIds: [], detail: { ruleId: row.id, after: input } });
    return viewOf(row, names);
  });
}

function staleOrEnded(current: RoutingRuleRow | null, version: number): never {
  if (!current) throw new NotFoundError('There is no routing rule with this id in this place.');
  if (current.endedAt) throw new ConflictError('This routing rule has been ended; add a new one instead.', { endedAt: current.endedAt.toISOString() });
  throw new ConflictError(`This routing rule has changed since you read it (it is now version ${current.version}). Reload it.`, { currentVersion: current.version, yourVersion: version });
}

export async function updateRoutingRule(ctx: Ctx, id: string, version: number, input: RoutingRuleInput): Promise<RoutingRuleView> {
  await requireAdministrator(ctx, 'routing_rule.update');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await selectRoutingRule(tx, placeId, id);
    if (!before) throw new NotFoundError('There is no routing rule with this id in this place.');
    const names = await namesOf(tx, placeId);
    checkRule(input, names);
    const updated = await updateRoutingRuleAt(tx, placeId, id, version, { ...input, updatedAt: at });
    if (!updated) staleOrEnded(before, version);
    const { placeId: _p, id: _i, createdAt: _c, updatedAt: _u, ...was } = before;
    await auditAllowed(tx, ctx.actor, at, { action: 'routing_rule.update', personIds: [], detail: { ruleId: id, before: was, after: input } });
    return viewOf(updated, names);
  });
}

export async function endRoutingRule(ctx: Ctx, id: string, version: number): Promise<RoutingRuleView> {
  await requireAdministrator(ctx, 'routing_rule.end');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await selectRoutingRule(tx, placeId, id);
    const updated = await updateRoutingRuleAt(tx, placeId, id, version, { endedAt: at, endedBy: ctx.actor.userId, updatedAt: at });
    if (!updated) staleOrEnded(before, version);
    await auditAllowed(tx, ctx.actor, at, { action: 'routing_rule.end', personIds: [], detail: { ruleId: id, name: updated.name } });
    return viewOf(updated, await namesOf(tx, placeId));
  });
}
