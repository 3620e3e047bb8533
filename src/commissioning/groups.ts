/**
 * Commissioning groups (and joint commissioning boards) per client group: their members, the
 * budget lines they hold with what has been spent from them this financial year (the ledger's
 * balances, through finance's service), and the decisions they record. Writes are one transaction
 * each, audited in it.
 */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { parseBudgetLineCode, serviceAreaLabels } from '../finance/budget-lines.js';
import { accountBalances } from '../finance/ledger.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError, type ErrorDetail } from '../platform/errors.js';
import { financialYearBounds, financialYearOf } from '../platform/financial-year.js';
import { newId } from '../platform/ids.js';
import * as q from './group-queries.js';
import type { NewDecisionInput, NewGroupInput, NewMemberInput } from './group-inputs.js';
import { accountsOfHeldLine, budgetLineProblems, periodProblems } from './group-rules.js';
import { commissioningDecisions, commissioningGroupMembers, commissioningGroups } from './schema.js';

function refuse(message: string, details: ErrorDetail[]): never {
  throw new InvalidError(`${message}: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}`, details);
}

const memberView = (m: q.MemberRow, today: string) => ({
  id: m.id,
  name: m.name,
  role: m.role as 'chair',
  basis: m.basis as 'appointed',
  partnerId: m.partnerId,
  fromOn: m.fromOn,
  toOn: m.toOn,
  current: m.fromOn <= today && (m.toOn === null || m.toOn >= today),
});

export async function commissioningGroupList(db: Executor, placeId: string) {
  const rows = await q.groupRows(db, placeId);
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    kind: g.kind as 'group' | 'joint_board',
    clientGroups: g.clientGroups,
    leadPartner: g.leadPartnerId ? { id: g.leadPartnerId, name: g.leadPartnerName ?? '' } : null,
    budgetLineCodes: g.budgetLineCodes,
    validFrom: g.validFrom,
    validTo: g.validTo,
    currentMembers: Number(g.currentMembers),
    decisions: Number(g.decisions),
  }));
}

async function groupOrRefuse(db: Executor, placeId: string, id: string): Promise<q.GroupRow> {
  const g = await q.groupRow(db, placeId, id);
  if (!g) throw new NotFoundError(`No commissioning group ${id} in this place: list them at /api/commissioning/groups.`);
  return g;
}

/** The budget lines a group holds, each with its spend (net debit) this financial year to the day. */
async function heldLines(db: Executor, placeId: string, codes: readonly string[], on: string) {
  const fy = financialYearOf(on);
  const { from } = financialYearBounds(fy);
  const balances = codes.length ? await accountBalances(db, placeId, { from, to: on, codePrefix: 'BL/' }) : [];
  const byCode = new Map(balances.map((b) => [b.code, b.balancePence]));
  const lines = codes.map((code) => {
    const key = parseBudgetLineCode(code);
    const accounts = accountsOfHeldLine(code, [...byCode.keys()]);
    return {
      code,
      serviceArea: key?.serviceArea ?? null,
      serviceAreaLabel: key ? serviceAreaLabels[key.serviceArea] : code,
      clientGroup: key?.clientGroup ?? null,
      zoneCode: key?.zoneCode ?? null,
      accounts: accounts.length,
      spentPence: accounts.reduce((s, c) => s + (byCode.get(c) ?? 0), 0),
    };
  });
  return { financialYear: fy, from, to: on, lines, totalSpentPence: lines.reduce((s, l) => s + l.spentPence, 0) };
}

export async function commissioningGroupOf(db: Executor, placeId: string, id: string, on: string) {
  const g = await groupOrRefuse(db, placeId, id);
  const [members, decisions, budget, lead] = [await q.membersOf(db, placeId, id), await q.decisionsOf(db, placeId, id), await heldLines(db, placeId, g.budgetLineCodes, on), g.leadPartnerId ? await q.partnersNamed(db, placeId, [g.leadPartnerId]) : []];
  const contracts = new Map((await q.contractsNamed(db, placeId, [...new Set(decisions.flatMap((d) => d.contractIds))])).map((c) => [c.id, c]));
  return {
    id: g.id,
    name: g.name,
    kind: g.kind as 'group' | 'joint_board',
    clientGroups: g.clientGroups,
    leadPartner: lead[0] ? { id: lead[0].id, name: lead[0].name } : null,
    validFrom: g.validFrom,
    validTo: g.validTo,
    version: g.version,
    members: members.map((m) => memberView(m, on)),
    budget,
    decisions: decisions.map((d) => ({
      id: d.id,
      decidedOn: d.decidedOn,
      reference: d.reference,
      title: d.title,
      text: d.text,
      contracts: d.contractIds.map((c) => contracts.get(c) ?? { id: c, reference: '', title: '(contract not found)' }),
      recordedAt: d.recordedAt.toISOString(),
    })),
  };
}

async function partnerProblems(db: Executor, placeId: string, id: string | null, field: string): Promise<ErrorDetail[]> {
  if (id === null) return [];
  const found = await q.partnersNamed(db, placeId, [id]);
  return found.length ? [] : [{ field, problem: 'is not a partner of this place' }];
}

/** A new group: its budget lines must be of its client groups, its lead a partner of the place. */
export async function createCommissioningGroup(ctx: Ctx, input: NewGroupInput) {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const id = newId();
  try {
    await ctx.db.transaction(async (tx) => {
      const problems = [
        ...budgetLineProblems(input.budgetLineCodes, input.clientGroups),
        ...periodProblems(input.validFrom, input.validTo, 'validFrom', 'validTo'),
        ...(await partnerProblems(tx, placeId, input.leadPartnerId, 'leadPartnerId')),
      ];
      if (problems.length) refuse('The group cannot be recorded', problems);
      if (await q.groupByName(tx, placeId, input.name)) throw new ConflictError(`A commissioning group is already called "${input.name}": give the new one another name.`);
      await tx.insert(commissioningGroups).values({ placeId, id, ...input, createdAt: at });
      await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.group_created', personIds: [], detail: { groupId: id, name: input.name } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`A commissioning group is already called "${input.name}": give the new one another name.`);
    throw e;
  }
  return commissioningGroupOf(ctx.db, placeId, id, londonDateOf(at));
}

export async function addGroupMember(ctx: Ctx, groupId: string, input: NewMemberInput) {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction(async (tx) => {
    const g = await groupOrRefuse(tx, placeId, groupId);
    const problems = [...periodProblems(input.fromOn, input.toOn, 'fromOn', 'toOn'), ...(await partnerProblems(tx, placeId, input.partnerId, 'partnerId'))];
    if (g.validTo !== null && input.fromOn > g.validTo) problems.push({ field: 'fromOn', problem: `is after the group ended (${g.validTo})` });
    if (problems.length) refuse('The member cannot be added', problems);
    await tx.insert(commissioningGroupMembers).values({ placeId, id, groupId, name: input.name, role: input.role, basis: input.basis, partnerId: input.partnerId, fromOn: input.fromOn, toOn: input.toOn });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.group_member_added', personIds: [], detail: { groupId, memberId: id, role: input.role, basis: input.basis } });
  });
  return commissioningGroupOf(ctx.db, placeId, groupId, londonDateOf(at));
}

/** Ends a membership on a day (kept, never deleted); a membership already ended is a conflict. */
export async function endGroupMembership(ctx: Ctx, groupId: string, memberId: string, toOn: string) {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await groupOrRefuse(tx, placeId, groupId);
    const m = await q.memberRow(tx, placeId, groupId, memberId);
    if (!m) throw new NotFoundError(`No member ${memberId} of this group.`);
    if (m.toOn !== null) throw new ConflictError(`${m.name}'s membership already ended on ${m.toOn}.`);
    if (toOn < m.fromOn) refuse('The membership cannot end then', [{ field: 'toOn', problem: `must not be before the membership began (${m.fromOn})` }]);
    await tx.update(commissioningGroupMembers).set({ toOn }).where(and(eq(commissioningGroupMembers.placeId, placeId), eq(commissioningGroupMembers.id, memberId)));
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.group_member_ended', personIds: [], detail: { groupId, memberId, toOn } });
  });
  return commissioningGroupOf(ctx.db, placeId, groupId, londonDateOf(at));
}

/** Records a decision; its reference is unique within the group, its contracts must exist. */
export async function recordGroupDecision(ctx: Ctx, groupId: string, input: NewDecisionInput) {
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  const id = newId();
  const taken = () => new ConflictError(`This group already has a decision ${input.reference}: give the new decision its own reference.`, { reference: input.reference });
  try {
    await ctx.db.transaction(async (tx) => {
      const g = await groupOrRefuse(tx, placeId, groupId);
      const problems: ErrorDetail[] = [];
      if (input.decidedOn < g.validFrom) problems.push({ field: 'decidedOn', problem: `is before the group began (${g.validFrom})` });
      if (g.validTo !== null && input.decidedOn > g.validTo) problems.push({ field: 'decidedOn', problem: `is after the group ended (${g.validTo})` });
      if (input.decidedOn > londonDateOf(at)) problems.push({ field: 'decidedOn', problem: 'is in the future: record a decision once it is taken' });
      const found = new Set((await q.contractsNamed(tx, placeId, input.contractIds)).map((c) => c.id));
      input.contractIds.forEach((c, i) => {
        if (!found.has(c)) problems.push({ field: `contractIds.${i}`, problem: 'is not a contract of this place' });
      });
      if (problems.length) refuse('The decision cannot be recorded', problems);
      if (await q.decisionByReference(tx, placeId, groupId, input.reference)) throw taken();
      await tx.insert(commissioningDecisions).values({ placeId, id, groupId, ...input, contractIds: [...new Set(input.contractIds)], recordedAt: at, recordedBy: ctx.actor.userId });
      await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.group_decision_recorded', personIds: [], detail: { groupId, decisionId: id, reference: input.reference } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
  return commissioningGroupOf(ctx.db, placeId, groupId, londonDateOf(at));
}
