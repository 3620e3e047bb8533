/**
 * The Section 75 agreement of a place and its schedule versions by financial year (decision 0012).
 * A version is never edited: a change to a year's partners, contributions, budgets or risk share
 * is a new version that supersedes the last, with its reason and board decision.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { placeOverview, type PlaceOverview } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { financialYearOf } from '../platform/financial-year.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import type { NewAgreement, ScheduleInput } from './agreement-inputs.js';
import * as q from './agreement-queries.js';
import type { S75Agreement, S75Schedule } from './agreement-schema.js';
import { scheduleProblems } from './agreement-rules.js';
import { agreementView, scheduleView, type AgreementVersionView, type AgreementView, type ScheduleView } from './agreement-views.js';

export type { AgreementVersionView, AgreementView, ScheduleView };

type Names = { partners: Map<string, string>; zones: Map<string, string> };

async function namesOf(db: Executor, placeId: string): Promise<Names & { overview: PlaceOverview }> {
  const overview = await placeOverview(db, placeId);
  return { overview, partners: new Map(overview.partners.map((p) => [p.id, p.name])), zones: new Map(overview.zones.map((z) => [z.code, z.name])) };
}

async function viewOfSchedule(db: Executor, placeId: string, s: S75Schedule, current: boolean, names: Names): Promise<ScheduleView> {
  const [planned, budgets] = await Promise.all([q.selectPlanned(db, placeId, s.id), q.selectBudgets(db, placeId, s.id)]);
  return scheduleView(s, current, planned, budgets, names.partners, names.zones);
}

/** The agreement as it reads, or null when the place has none. */
export async function agreementOf(db: Executor, placeId: string): Promise<(AgreementView & { financialYears: string[] }) | null> {
  const a = await q.selectAgreement(db, placeId);
  if (!a) return null;
  const [names, years] = await Promise.all([namesOf(db, placeId), q.selectYears(db, placeId)]);
  return { ...agreementView(a, names.partners), financialYears: years.map((y) => y.financialYear) };
}

/** The current schedule version of a financial year, or null when the year has none. */
export async function currentSchedule(db: Executor, placeId: string, fy: string): Promise<ScheduleView | null> {
  const s = await q.selectCurrentSchedule(db, placeId, fy);
  return s ? viewOfSchedule(db, placeId, s, true, await namesOf(db, placeId)) : null;
}

/** Every version of a year's schedule, newest first: superseded ones stay readable. */
export async function scheduleVersions(db: Executor, placeId: string, fy: string): Promise<ScheduleView[]> {
  const [rows, names] = await Promise.all([q.selectScheduleVersions(db, placeId, fy), namesOf(db, placeId)]);
  return Promise.all(rows.map((s, i) => viewOfSchedule(db, placeId, s, i === 0, names)));
}

/** The agreement and its schedule in force for the financial year of `day`; null when there is none. */
export async function agreementOn(db: Executor, placeId: string, day: string): Promise<AgreementVersionView | null> {
  const a = await q.selectAgreement(db, placeId);
  if (!a || a.signedOn > day) return null;
  const s = await q.selectCurrentSchedule(db, placeId, financialYearOf(day));
  if (!s) return null;
  const names = await namesOf(db, placeId);
  return { agreement: agreementView(a, names.partners), schedule: await viewOfSchedule(db, placeId, s, true, names) };
}

/** The problems of a new agreement against the place: partners, and the delegations it rests on. */
function agreementProblems(input: NewAgreement, overview: PlaceOverview): { field: string; problem: string }[] {
  const problems: { field: string; problem: string }[] = [];
  const host = overview.partners.find((p) => p.id === input.hostPartnerId);
  if (!host) problems.push({ field: 'hostPartnerId', problem: `is not a partner of ${overview.place.name}` });
  else if (!['council', 'care_trust', 'nhs_trust', 'icb', 'pct'].includes(host.kind)) problems.push({ field: 'hostPartnerId', problem: `is a ${host.kind.replace('_', ' ')}; a pool is hosted by a council or an NHS body` });
  const outOfPlace = input.clientGroups.filter((g) => !overview.place.clientGroups.includes(g));
  if (outOfPlace.length > 0) problems.push({ field: 'clientGroups', problem: `${outOfPlace.join(', ')} not among the place's client groups (${overview.place.clientGroups.join(', ')})` });
  const inForce = overview.delegationHistory.filter((d) => d.validFrom <= input.signedOn && (d.validTo === null || d.validTo >= input.signedOn));
  const covered = new Set<string>();
  for (const fn of new Set(input.functions)) {
    const periods = inForce.filter((d) => d.function === fn);
    if (periods.length === 0) problems.push({ field: 'functions', problem: `${fn} is not delegated under any partnership arrangement in force on ${input.signedOn}` });
    for (const d of periods) for (const g of d.clientGroups) covered.add(g);
  }
  const uncovered = input.clientGroups.filter((g) => !covered.has(g) && !outOfPlace.includes(g));
  if (uncovered.length > 0) problems.push({ field: 'clientGroups', problem: `${uncovered.join(', ')} not covered on ${input.signedOn} by a delegation of the functions named` });
  return problems;
}

function refuse(problems: { field: string; problem: string }[]): void {
  if (problems.length > 0) throw new InvalidError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
}

/** Records the place's Section 75 agreement (once: a place has one). */
export async function createAgreement(ctx: Ctx, input: NewAgreement): Promise<AgreementView> {
  await mustHoldRole(ctx, 'manage', 'finance.agreement.create', 'record the Section 75 agreement');
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const names = await namesOf(tx, placeId);
    refuse(agreementProblems(input, names.overview));
    const existing = await q.selectAgreement(tx, placeId);
    if (existing) throw new ConflictError(`${names.overview.place.name} already has its Section 75 agreement (${existing.reference}); change it by a new schedule version.`, { agreementId: existing.id });
    const at = ctx.clock.now();
    const row: S75Agreement = {
      placeId,
      id: newId(),
      reference: input.reference,
      title: input.title,
      signedOn: input.signedOn,
      hostPartnerId: input.hostPartnerId,
      fundManagerPost: input.fundManagerPost,
      functions: [...new Set(input.functions)],
      clientGroups: [...new Set(input.clientGroups)],
      recordedAt: at,
      recordedBy: ctx.actor.userId,
    };
    await q.insertAgreement(tx, row);
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.agreement.create', personIds: [], detail: { agreementId: row.id, reference: row.reference } });
    return agreementView(row, names.partners);
  });
}

/**
 * Records a new schedule version for a financial year, in one transaction: the first of a year,
 * or one that supersedes the current version (a reason is then required). With a `guard`, the
 * caller names the version it read (0 or null for a year with none yet); when another version has
 * been recorded since, it is refused 409, so two people superseding at once do not both win.
 */
export async function addScheduleVersion(ctx: Ctx, fy: string, input: ScheduleInput, guard?: { supersedesVersion: number | null }): Promise<ScheduleView> {
  await mustHoldRole(ctx, 'manage', 'finance.schedule.version', "change the Section 75 agreement's schedules");
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const a = await q.selectAgreement(tx, placeId);
    if (!a) throw new NotFoundError('This place has no Section 75 agreement yet: record the agreement before its schedules.');
    await q.lockAgreement(tx, placeId, a.id);
    const names = await namesOf(tx, placeId);
    const previous = await q.selectCurrentSchedule(tx, placeId, fy);
    if (guard) checkSupersedes(fy, previous?.version ?? 0, guard.supersedesVersion);
    const problems = scheduleProblems(input, { fy, agreement: a, overview: names.overview });
    if (previous && (input.reason ?? '').length < 3) problems.push({ field: 'reason', problem: `must say why version ${previous.version} of ${fy} is superseded` });
    refuse(problems);
    const at = ctx.clock.now();
    const row: S75Schedule = {
      placeId,
      id: newId(),
      agreementId: a.id,
      financialYear: fy,
      version: (previous?.version ?? 0) + 1,
      supersedesId: previous?.id ?? null,
      reason: input.reason ?? '',
      boardDecisionRef: input.boardDecisionRef,
      riskShare: input.riskShare,
      recordedAt: at,
      recordedBy: ctx.actor.userId,
    };
    await insertScheduleRows(tx, row, input);
    await auditAllowed(tx, ctx.actor, at, {
      action: 'finance.schedule.version',
      personIds: [],
      detail: { scheduleId: row.id, financialYear: fy, version: row.version, supersedesId: row.supersedesId, boardDecisionRef: row.boardDecisionRef },
    });
    return viewOfSchedule(tx, placeId, row, true, names);
  });
}

/** The version a change was made against must still be the current one. */
function checkSupersedes(fy: string, current: number, named: number | null): void {
  if (named === null) {
    if (current === 0) return;
    throw new InvalidError(`${fy} already has version ${current}: say which version this one supersedes (supersedesVersion or If-Match), so that a change made meanwhile is not overwritten.`, [
      { field: 'supersedesVersion', problem: `is missing; the current version of ${fy} is ${current}` },
    ]);
  }
  if (named !== current) {
    const now = current === 0 ? `${fy} has no schedule yet` : `version ${current} of ${fy} is now current`;
    throw new ConflictError(`This change was made against version ${named}, but ${now}: someone else changed the schedule meanwhile. Read the current version and make the change again.`, { currentVersion: current });
  }
}

/** The rows of a schedule version (the preset loader writes them the same way). */
export function insertScheduleRows(tx: Executor, row: S75Schedule, input: ScheduleInput): Promise<void> {
  const planned = input.partners.flatMap((p) => p.contributions.map((c) => ({ placeId: row.placeId, scheduleId: row.id, partnerId: p.partnerId, stream: c.stream, plannedPence: c.plannedPence })));
  const budgets = input.budgets.map((b) => ({ placeId: row.placeId, scheduleId: row.id, budgetLineCode: b.budgetLineCode, budgetPence: b.budgetPence }));
  return q.insertSchedule(tx, row, planned, budgets);
}
