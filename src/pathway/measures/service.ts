import type { Ctx } from '../../access/actor.js';
import { auditAllowed, denyAndAudit, withPersonAccess } from '../../access/guard.js';
import { decidePersonAccess } from '../../access/policy.js';
import { peopleWithRelationship } from '../../access/relationships.js';
import { isPractitioner, roleLabels, type Role } from '../../access/roles.js';
import { usersOfPlace } from '../../access/users.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { InvalidError } from '../../platform/errors.js';
import { practicesByIds, teamById } from '../../partnership/directory.js';
import { teamsWithZones, zoneById } from '../../partnership/lookups.js';
import { gpPracticesOfPeople } from '../../people/gp-practices.js';
import { personForPolicy, personNames } from '../../people/service.js';
import { addMonths } from '../assessments/fields.js';
import { assessmentForPlanning } from '../assessments/service.js';
import { teamsHoldingPeople } from '../reviews/service.js';
import { assessedForPackage, type AssessedForPackage } from './queries.js';
import { packageTiming, tally, TARGET_DAYS, WARNING_FROM_DAYS, type PackageTiming, type Tally } from './rule.js';

export type MeasureBy = 'person' | 'worker' | 'team' | 'zone';

/** Who sees the 28-day measure in aggregate (no person in it). */
export const aggregateReaders: readonly Role[] = ['team_manager', 'commissioner', 'board_member'];

type Ref = { id: string | null; name: string };

export type PersonRow = {
  person: Ref;
  assessmentId: string;
  worker: Ref;
  completedOn: string;
  firstInPlaceOn: string | null;
} & PackageTiming;

export type AggregateRow = { key: Ref } & Tally;

export type PackageMeasure = {
  by: MeasureBy;
  from: string;
  to: string;
  today: string;
  targetDays: number;
  warningFromDays: number;
  totals: Tally;
  rows: (PersonRow | AggregateRow)[];
};

async function workerNames(tx: Executor, placeId: string): Promise<Map<string, string>> {
  const users = await usersOfPlace(tx, placeId);
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The team and zone of each person: the team holding their open case, else their GP practice's zone. */
async function placing(tx: Executor, placeId: string, personIds: string[]) {
  const cases = await teamsHoldingPeople(tx, placeId, personIds);
  const teams = await teamsWithZones(tx, placeId, [...cases.values()].map((c) => c.teamId));
  const withoutCase = personIds.filter((id) => !cases.has(id));
  const practiceOf = await gpPracticesOfPeople(tx, placeId, withoutCase);
  const practices = await practicesByIds(tx, placeId, [...practiceOf.values()].flatMap((p) => (p ? [p] : [])));
  return (personId: string): { team: Ref; zone: Ref } => {
    const c = cases.get(personId);
    if (c) {
      const team = teams.get(c.teamId);
      return { team: { id: c.teamId, name: team?.name ?? '' }, zone: team?.zone ? { id: team.zone.id, name: team.zone.name } : { id: null, name: 'No zone' } };
    }
    const practiceId = practiceOf.get(personId);
    const zone = practiceId ? practices.get(practiceId)?.zone : null;
    return { team: { id: null, name: 'No open case' }, zone: zone ? { id: zone.id, name: zone.name } : { id: null, name: 'No zone' } };
  };
}

function group(rows: (AssessedForPackage & { timing: PackageTiming })[], keyOf: (r: AssessedForPackage) => Ref): AggregateRow[] {
  const groups = new Map<string, { key: Ref; timings: PackageTiming[] }>();
  for (const r of rows) {
    const key = keyOf(r);
    const k = key.id ?? `none:${key.name}`;
    const g = groups.get(k) ?? { key, timings: [] };
    g.timings.push(r.timing);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({ key: g.key, ...tally(g.timings) })).sort((a, b) => a.key.name.localeCompare(b.key.name));
}

function periodOf(f: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = f.to ?? today;
  const from = f.from ?? addMonths(to, -12);
  if (from > to) throw new InvalidError('The period starts after it ends.', [{ field: 'from', problem: `must not be after to (${to})` }]);
  if (from < addMonths(to, -60)) throw new InvalidError('The period is at most five years.', [{ field: 'from', problem: 'must be within five years of to' }]);
  return { from, to };
}

export type MeasureQuery = {
  by: MeasureBy;
  from?: string;
  to?: string;
  /** One assessment, or one person's: person by person only. */
  assessmentId?: string;
  personId?: string;
  /** The user who completed the assessment (the worker of the rows). */
  workerId?: string;
  /** The team holding the person's open case; the zone of that team, else of the GP practice. */
  teamId?: string;
  zoneId?: string;
};

/** Checks that the filters name things of this place; answers the person one assessment or person filter is about. */
async function subjectOf(ctx: Ctx, f: MeasureQuery): Promise<string | null> {
  const placeId = ctx.actor.placeId;
  const single = f.assessmentId ? 'assessmentId' : f.personId ? 'personId' : null;
  if (single && f.by !== 'person') {
    throw new InvalidError(`${single} singles out one person: use it with by=person. The measure by worker, team or zone never shows one person.`, [
      { field: single, problem: 'is only for by=person' },
    ]);
  }
  if (f.teamId && !(await teamById(ctx.db, placeId, f.teamId))) throw new InvalidError('There is no such team in this place.', [{ field: 'teamId', problem: 'is not a team in this place' }]);
  if (f.zoneId && !(await zoneById(ctx.db, placeId, f.zoneId))) throw new InvalidError('There is no such zone in this place.', [{ field: 'zoneId', problem: 'is not a zone in this place' }]);
  if (f.workerId && !(await workerNames(ctx.db, placeId)).has(f.workerId)) {
    throw new InvalidError('There is no such worker in this place.', [{ field: 'workerId', problem: 'is not a user of this place (the worker is the user who completed the assessment)' }]);
  }
  let personId = f.personId ?? null;
  if (f.assessmentId) {
    const a = await assessmentForPlanning(ctx.db, placeId, f.assessmentId);
    if (!a) throw new InvalidError('There is no assessment with this id in this place.', [{ field: 'assessmentId', problem: 'is not an assessment in this place' }]);
    if (personId && personId !== a.personId) throw new InvalidError('That assessment is about someone else.', [{ field: 'personId', problem: 'is not the person the assessment is about' }]);
    personId = a.personId;
  }
  if (personId && !(await personNames(ctx.db, placeId, [personId])).has(personId)) {
    throw new InvalidError('There is no person with this id in this place.', [{ field: 'personId', problem: 'is not a person in this place' }]);
  }
  return personId;
}

/**
 * Package in place within 28 days of assessment. Aggregates (by worker, team, zone) are for team
 * managers, commissioners and the board; rows per person only for practitioners, and only the
 * people the access policy lets them open. Filters narrow the assessments counted: one assessment
 * or one person (person by person, through the policy for that person: a refusal is audited and
 * answered 403), one worker, one team or one zone.
 */
export async function packageIn28Days(ctx: Ctx, f: MeasureQuery): Promise<PackageMeasure> {
  const actor = ctx.actor;
  const action = 'measure.package_28_days';
  if (f.by === 'person' ? !isPractitioner(actor.role) : !aggregateReaders.includes(actor.role)) {
    return denyAndAudit(ctx, {
      action,
      personIds: [],
      reason: 'role',
      message:
        f.by === 'person'
          ? `Your role (${roleLabels[actor.role]}) sees the measure by worker, team or zone, not person by person.`
          : `The measure by ${f.by} is for team managers, commissioners and the board; your role (${roleLabels[actor.role]}) sees it person by person for the people you work with.`,
      detail: { by: f.by },
    });
  }
  const subject = await subjectOf(ctx, f);
  const at = ctx.clock.now();
  const today = londonDateOf(at);
  // One assessment asked for by id counts whenever it was completed, unless a period is given.
  const anyDay = !!f.assessmentId && !f.from && !f.to;
  const period = periodOf(f, today);
  const filters = { by: f.by, ...pick(f, ['assessmentId', 'personId', 'workerId', 'teamId', 'zoneId']) };
  const measure = (tx: Executor) => measureIn(tx, ctx, { ...f, anyDay, period, today, at, action, filters });
  if (!subject) return ctx.db.transaction(measure);
  return withPersonAccess(
    ctx,
    action,
    (tx) => personForPolicy(tx, actor.placeId, subject),
    (tx) => measure(tx),
  );
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<T, K>>;
}

async function measureIn(
  tx: Executor,
  ctx: Ctx,
  f: MeasureQuery & { anyDay: boolean; period: { from: string; to: string }; today: string; at: Date; action: string; filters: Record<string, unknown> },
): Promise<PackageMeasure> {
  const { actor } = ctx;
  const placeId = actor.placeId;
  const { at, today, action } = f;
  let assessed = (
    await assessedForPackage(tx, placeId, f.anyDay ? null : f.period.from, f.anyDay ? null : f.period.to, {
      assessmentId: f.assessmentId,
      personId: f.personId,
      completedBy: f.workerId,
    })
  ).map((r) => ({ ...r, timing: packageTiming(r.completedOn, r.firstInPlaceOn, today) }));
  const needsPlacing = f.by === 'team' || f.by === 'zone' || !!f.teamId || !!f.zoneId;
  const place = needsPlacing ? await placing(tx, placeId, [...new Set(assessed.map((r) => r.personId))]) : null;
  if (f.teamId) assessed = assessed.filter((r) => place!(r.personId).team.id === f.teamId);
  if (f.zoneId) assessed = assessed.filter((r) => place!(r.personId).zone.id === f.zoneId);
  const completedOn = f.anyDay ? assessed[0]?.completedOn : undefined;
  const period = completedOn ? { from: completedOn, to: completedOn } : f.period;
  const result = { by: f.by, ...period, today, targetDays: TARGET_DAYS, warningFromDays: WARNING_FROM_DAYS };
  if (f.by === 'person') {
    // Only people this practitioner may open: a relationship, and the sharing rule.
    const related = await peopleWithRelationship(tx, placeId, [...new Set(assessed.map((r) => r.personId))], { userId: actor.userId, teamIds: actor.teamIds }, at);
    const allowed = new Set<string>();
    for (const id of related) {
      const person = await personForPolicy(tx, placeId, id);
      if ((await decidePersonAccess(tx, actor, person, at)).allowed) allowed.add(id);
    }
    const mine = assessed.filter((r) => allowed.has(r.personId));
    // One query at a time: a transaction is one connection.
    const names = await personNames(tx, placeId, [...allowed]);
    const workers = await workerNames(tx, placeId);
    await auditAllowed(tx, actor, at, { action, personIds: [...allowed], detail: { ...f.filters, ...period, results: mine.length } });
    return {
      ...result,
      totals: tally(mine.map((r) => r.timing)),
      rows: mine.map((r) => ({
        person: { id: r.personId, name: names.get(r.personId) ?? '' },
        assessmentId: r.assessmentId,
        worker: { id: r.completedBy, name: r.completedBy ? (workers.get(r.completedBy) ?? '') : '' },
        completedOn: r.completedOn,
        firstInPlaceOn: r.firstInPlaceOn,
        ...r.timing,
      })),
    };
  }
  let rows: AggregateRow[];
  if (f.by === 'worker') {
    const workers = await workerNames(tx, placeId);
    rows = group(assessed, (r) => ({ id: r.completedBy, name: r.completedBy ? (workers.get(r.completedBy) ?? '') : 'Unknown' }));
  } else {
    rows = group(assessed, (r) => (f.by === 'team' ? place!(r.personId).team : place!(r.personId).zone));
  }
  await auditAllowed(tx, actor, at, { action, personIds: [], detail: { ...f.filters, ...period, assessments: assessed.length } });
  return { ...result, totals: tally(assessed.map((r) => r.timing)), rows };
}
