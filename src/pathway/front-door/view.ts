import { londonDateOf } from '../../platform/dates.js';
import type { Executor } from '../../platform/db.js';
import { staffByIds, teamsByIds } from '../../partnership/directory.js';
import { personNames } from '../../people/service.js';
import type { ReferralRow } from './queries.js';
import { sourceLabels } from './types.js';

export type ReferralView = ReturnType<typeof referralView>;

type Named = { id: string; name: string };

/** The names a referral's view shows besides its own fields: its person's, its teams', its worker's, by id. */
export type ReferralNames = { people: Map<string, string>; teams: Map<string, Named>; staff: Map<string, Named> };

/**
 * The names the views of these referrals show, each kind looked up in one statement, and only
 * those the caller does not already hold (a step has just read its person, team or worker).
 */
export async function namesOf(tx: Executor, placeId: string, rows: ReferralRow[], known: Partial<ReferralNames> = {}): Promise<ReferralNames> {
  const people = new Map(known.people);
  const teams = new Map(known.teams);
  const staff = new Map(known.staff);
  // One after another: inside a transaction one connection takes one query at a time.
  const personIds = rows.map((r) => r.personId).filter((id) => !people.has(id));
  if (personIds.length) for (const [id, name] of await personNames(tx, placeId, personIds)) people.set(id, name);
  const teamIds = rows.flatMap((r) => [r.proposedTeamId, r.teamId]).filter((id): id is string => !!id && !teams.has(id));
  if (teamIds.length) for (const [id, t] of await teamsByIds(tx, placeId, teamIds)) teams.set(id, { id, name: t.name });
  const staffIds = rows.flatMap((r) => (r.workerStaffId && !staff.has(r.workerStaffId) ? [r.workerStaffId] : []));
  if (staffIds.length) for (const [id, s] of await staffByIds(tx, placeId, staffIds)) staff.set(id, { id, name: s.name });
  return { people, teams, staff };
}

const refOf = (map: Map<string, Named>, id: string | null) => {
  const found = id ? map.get(id) : undefined;
  return found ? { id: found.id, name: found.name } : null;
};

/** A referral as the front door and the team see it, with the two triage steps and their times. */
export function referralView(r: ReferralRow, names: ReferralNames) {
  const steps = [r.resolvedAt ?? r.acceptedAt, r.allocatedAt].filter(Boolean).length;
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    person: { id: r.personId, name: names.people.get(r.personId) ?? '' },
    source: r.source,
    sourceLabel: sourceLabels[r.source as keyof typeof sourceLabels] ?? r.source,
    sourceName: r.sourceName,
    routeOfAccess: r.routeOfAccess,
    reason: r.reason,
    urgency: r.urgency,
    receivedAt: r.receivedAt.toISOString(),
    receivedOn: londonDateOf(r.receivedAt),
    channel: r.channel,
    externalRef: r.externalRef,
    proposedTeam: refOf(names.teams, r.proposedTeamId),
    clientGroup: r.clientGroup,
    need: r.need,
    /** Why this team was proposed (the rule that matched, in words), or that no team of the place covers the referral and where to signpost. */
    routing: {
      outcome: (r.proposedTeamId ? 'team' : r.notCoveredSignpost !== null ? 'not_covered' : 'unrouted') as 'team' | 'not_covered' | 'unrouted',
      ruleId: r.routingRuleId,
      reason: r.routingReason,
      signpost: r.notCoveredSignpost,
    },
    team: refOf(names.teams, r.teamId),
    outcome: r.outcome,
    outcomeNote: r.outcomeNote,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    worker: refOf(names.staff, r.workerStaffId),
    allocatedAt: r.allocatedAt?.toISOString() ?? null,
    /** Triage steps taken: at most two. */
    triageSteps: steps,
    minutesToAllocation: r.allocatedAt ? Math.round((r.allocatedAt.getTime() - r.receivedAt.getTime()) / 60_000) : null,
  };
}
