/**
 * Delegations as periods (decision 0010): an administrator records a period, ends an open one
 * (the one change a period allows) or supersedes it (ends it and starts the next in one
 * transaction). Periods of one function never overlap for a client group; each change is audited.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit } from '../access/guard.js';
import { roleLabels } from '../access/roles.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import * as dq from './delegation-queries.js';
import type { DelegableFunction, LegalBasis } from './functions.js';
import { selectDelegations, selectPartners, selectPlace, type Delegation, type Partner } from './queries.js';

export type DelegationView = Omit<Delegation, 'recordedAt' | 'endedAt'> & {
  fromPartnerName: string;
  toPartnerName: string;
  recordedAt: string;
  endedAt: string | null;
};

export type NewDelegation = {
  function: DelegableFunction;
  clientGroups: string[];
  fromPartnerId: string;
  toPartnerId: string;
  validFrom: string;
  validTo?: string | null;
  legalBasis: LegalBasis;
  legalBasisText?: string;
  boardDecisionRef?: string;
  note?: string;
};

export type EndDelegation = { validTo: string; reason: string };

/** The next period: by default the same function, client groups and delegating partner. */
export type Supersession = Omit<NewDelegation, 'function' | 'clientGroups' | 'fromPartnerId'> & {
  clientGroups?: string[];
  fromPartnerId?: string;
  reason: string;
};

export function delegationView(d: Delegation, partnerName: Map<string, string>): DelegationView {
  return {
    ...d,
    recordedAt: d.recordedAt.toISOString(),
    endedAt: d.endedAt ? d.endedAt.toISOString() : null,
    fromPartnerName: partnerName.get(d.fromPartnerId) ?? '',
    toPartnerName: partnerName.get(d.toPartnerId) ?? '',
  };
}

async function namesOf(db: Executor, placeId: string): Promise<Map<string, string>> {
  return new Map((await selectPartners(db, placeId)).map((p) => [p.id, p.name]));
}

/** Every period of the place, oldest first within each function: the timeline's data. */
export async function delegationHistory(db: Executor, placeId: string): Promise<DelegationView[]> {
  const [rows, names] = await Promise.all([selectDelegations(db, placeId), namesOf(db, placeId)]);
  return rows.map((d) => delegationView(d, names));
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function describe(d: Pick<Delegation, 'id' | 'validFrom' | 'validTo' | 'clientGroups'>, names: Map<string, string>, to: string): string {
  return `${d.validFrom} to ${d.validTo ?? 'open'}, to ${names.get(to) ?? to}, for ${d.clientGroups.join(', ')} (period ${d.id})`;
}

async function mustBeAdministrator(ctx: Ctx, action: string, what: string): Promise<void> {
  if (ctx.actor.role !== 'administrator') {
    await denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not ${what}; an administrator does.` });
  }
}

/** The checks a new period must pass against the place, then the overlap check under the function's lock. */
async function checkedRow(tx: Executor, ctx: Ctx, input: NewDelegation, supersedesId: string | null, exceptId?: string): Promise<dq.NewDelegationRow> {
  const placeId = ctx.actor.placeId;
  const place = await selectPlace(tx, placeId);
  if (!place) throw new NotFoundError(`No place ${placeId}.`);
  const partners = new Map((await selectPartners(tx, placeId)).map((p) => [p.id, p]));
  const problems: { field: string; problem: string }[] = [];
  const validTo = input.validTo ?? null;
  for (const field of ['fromPartnerId', 'toPartnerId'] as const) {
    const p: Partner | undefined = partners.get(input[field]);
    if (!p) problems.push({ field, problem: `is not a partner of ${place.name}` });
    else if (p.kind === 'gp_practice') problems.push({ field, problem: 'is a GP practice, which holds no delegated function' });
  }
  const outOfScope = input.clientGroups.filter((g) => !place.clientGroups.includes(g));
  if (outOfScope.length > 0) problems.push({ field: 'clientGroups', problem: `${outOfScope.join(', ')} not among the place's client groups (${place.clientGroups.join(', ')})` });
  if (new Set(input.clientGroups).size !== input.clientGroups.length) problems.push({ field: 'clientGroups', problem: 'names a client group twice' });
  if (validTo !== null && validTo < input.validFrom) problems.push({ field: 'validTo', problem: 'must not be before validFrom' });
  if (problems.length > 0) throw new InvalidError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);

  await dq.lockFunction(tx, placeId, input.function);
  const clash = (await dq.selectOverlapping(tx, placeId, input.function, input.clientGroups, input.validFrom, validTo, exceptId))[0];
  if (clash) {
    const names = new Map([...partners].map(([id, p]) => [id, p.name]));
    throw new ConflictError(
      `${input.function} already has a period for these client groups on some of these days: ${describe(clash, names, clash.toPartnerId)}. End or supersede that period instead of overlapping it.`,
      { existingDelegationId: clash.id },
    );
  }
  return {
    placeId,
    id: newId(),
    function: input.function,
    clientGroups: [...input.clientGroups],
    fromPartnerId: input.fromPartnerId,
    toPartnerId: input.toPartnerId,
    validFrom: input.validFrom,
    validTo,
    legalBasis: input.legalBasis,
    legalBasisText: input.legalBasisText?.trim() ?? '',
    boardDecisionRef: input.boardDecisionRef?.trim() ?? '',
    note: input.note?.trim() ?? '',
    supersedesId,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor.userId,
  };
}

/** Records a new period. */
export async function recordDelegation(ctx: Ctx, input: NewDelegation): Promise<DelegationView> {
  await mustBeAdministrator(ctx, 'delegation.record', 'record delegations');
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await dq.insertDelegation(tx, await checkedRow(tx, ctx, input, null));
    await auditAllowed(tx, ctx.actor, at, { action: 'delegation.record', personIds: [], detail: { delegationId: inserted.id, after: snapshot(inserted) } });
    return inserted;
  });
  return delegationView(row, await namesOf(ctx.db, ctx.actor.placeId));
}

async function openPeriod(tx: Executor, placeId: string, id: string): Promise<Delegation> {
  const d = await dq.selectDelegation(tx, placeId, id);
  if (!d) throw new NotFoundError(`No delegation period ${id} in this place.`);
  if (d.validTo !== null) {
    throw new ConflictError(`Period ${id} already ended on ${d.validTo}; history is not edited. Record a new period instead.`, { validTo: d.validTo });
  }
  return d;
}

async function endWithin(tx: Executor, ctx: Ctx, d: Delegation, validTo: string, reason: string, at: Date): Promise<Delegation> {
  if (validTo < d.validFrom) {
    throw new InvalidError(`validTo must not be before the period's first day (${d.validFrom}).`, [{ field: 'validTo', problem: `is before ${d.validFrom}` }]);
  }
  await dq.lockFunction(tx, ctx.actor.placeId, d.function);
  const ended = await dq.endOpenDelegation(tx, ctx.actor.placeId, d.id, { validTo, endedAt: at, endedBy: ctx.actor.userId, endReason: reason.trim() });
  if (!ended) throw new ConflictError(`Period ${d.id} was ended a moment ago; reload the delegations.`);
  return ended;
}

/** Gives an open period its last day (the one change a period allows). */
export async function endDelegation(ctx: Ctx, id: string, input: EndDelegation): Promise<DelegationView> {
  await mustBeAdministrator(ctx, 'delegation.end', 'end delegations');
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const d = await openPeriod(tx, ctx.actor.placeId, id);
    const ended = await endWithin(tx, ctx, d, input.validTo, input.reason, at);
    await auditAllowed(tx, ctx.actor, at, {
      action: 'delegation.end',
      personIds: [],
      detail: { delegationId: id, before: { validTo: null }, after: { validTo: ended.validTo }, reason: ended.endReason },
    });
    return ended;
  });
  return delegationView(row, await namesOf(ctx.db, ctx.actor.placeId));
}

/**
 * Ends an open period the day before the next one starts and records the next, in one transaction
 * (taking a function back is the council becoming the holder again, a new period).
 */
export async function supersedeDelegation(ctx: Ctx, id: string, input: Supersession): Promise<{ ended: DelegationView; started: DelegationView }> {
  await mustBeAdministrator(ctx, 'delegation.supersede', 'supersede delegations');
  const at = ctx.clock.now();
  const { ended, started } = await ctx.db.transaction(async (tx) => {
    const old = await openPeriod(tx, ctx.actor.placeId, id);
    if (input.validFrom <= old.validFrom) {
      throw new InvalidError(`validFrom must be after the superseded period's first day (${old.validFrom}).`, [
        { field: 'validFrom', problem: `is not after ${old.validFrom}` },
      ]);
    }
    const ended = await endWithin(tx, ctx, old, dayBefore(input.validFrom), input.reason, at);
    const next: NewDelegation = {
      ...input,
      function: old.function as DelegableFunction,
      clientGroups: input.clientGroups ?? old.clientGroups,
      fromPartnerId: input.fromPartnerId ?? old.fromPartnerId,
    };
    const started = await dq.insertDelegation(tx, await checkedRow(tx, ctx, next, old.id));
    await auditAllowed(tx, ctx.actor, at, {
      action: 'delegation.supersede',
      personIds: [],
      detail: { delegationId: id, endedOn: ended.validTo, reason: ended.endReason, startedId: started.id, after: snapshot(started) },
    });
    return { ended, started };
  });
  const names = await namesOf(ctx.db, ctx.actor.placeId);
  return { ended: delegationView(ended, names), started: delegationView(started, names) };
}

function snapshot(d: Delegation) {
  return {
    function: d.function,
    clientGroups: d.clientGroups,
    fromPartnerId: d.fromPartnerId,
    toPartnerId: d.toPartnerId,
    validFrom: d.validFrom,
    validTo: d.validTo,
    legalBasis: d.legalBasis,
    boardDecisionRef: d.boardDecisionRef,
  };
}
