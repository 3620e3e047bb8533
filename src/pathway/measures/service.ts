import type { Ctx } from '../../access/actor.js';
import { auditAllowed, denyAndAudit } from '../../access/guard.js';
import { decidePersonAccess } from '../../access/policy.js';
import { peopleWithRelationship } from '../../access/relationships.js';
import { isPractitioner, roleLabels, type Role } from '../../access/roles.js';
import { usersOfPlace } from '../../access/users.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { InvalidError } from '../../platform/errors.js';
import { practicesByIds } from '../../partnership/directory.js';
import { teamsWithZones } from '../../partnership/lookups.js';
import { gpPracticesOfPeople } from '../../people/gp-practices.js';
import { personForPolicy, personNames } from '../../people/service.js';
import { addMonths } from '../assessments/fields.js';
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

/**
 * Package in place within 28 days of assessment. Aggregates (by worker, team, zone) are for team
 * managers, commissioners and the board; rows per person only for practitioners, and only the
 * people the access policy lets them open.
 */
export async function packageIn28Days(ctx: Ctx, f: { by: MeasureBy; from?: string; to?: string }): Promise<PackageMeasure> {
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
  const at = ctx.clock.now();
  const today = londonDateOf(at);
  const { from, to } = periodOf(f, today);
  const placeId = actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const assessed = (await assessedForPackage(tx, placeId, from, to)).map((r) => ({ ...r, timing: packageTiming(r.completedOn, r.firstInPlaceOn, today) }));
    const result = { by: f.by, from, to, today, targetDays: TARGET_DAYS, warningFromDays: WARNING_FROM_DAYS };
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
      await auditAllowed(tx, actor, at, { action, personIds: [...allowed], detail: { by: f.by, from, to, results: mine.length } });
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
      const place = await placing(tx, placeId, [...new Set(assessed.map((r) => r.personId))]);
      rows = group(assessed, (r) => (f.by === 'team' ? place(r.personId).team : place(r.personId).zone));
    }
    await auditAllowed(tx, actor, at, { action, personIds: [], detail: { by: f.by, from, to, assessments: assessed.length } });
    return { ...result, totals: tally(assessed.map((r) => r.timing)), rows };
  });
}
