import { sectorOfProfession, type Sector } from '../access/roles.js';
import { clientGroupOf, routeReferral, type RoutingDecision } from '../partnership/routing.js';
import type { Need } from './pathway-activity-texts.js';
import { sourceLabels } from '../pathway/front-door/types.js';
import type { ActivityPlace, Member, Someone, TeamInfo } from './pathway-activity-context.js';
import { membersOn } from './pathway-activity-context.js';
import { HOUR, idAt, type ActivityRows, type PersonTimeline } from './pathway-activity-rows.js';
import type { Source } from './pathway-activity-texts.js';

/**
 * The front door and the caseload as the front-door services write them: a referral received
 * (and the single point of entry's triage relationship while it waits), resolved or accepted
 * (the team's referral relationship while it waits for a worker), allocated (a case on the
 * caseload, with the team's and the worker's caseload relationships), and closed (the
 * relationships ended, the referral closed).
 */

type ReferralRow = ActivityRows['referrals'][number];
type CaseRow = ActivityRows['cases'][number];
type RelationshipRow = ActivityRows['relationships'][number];

export type Received = {
  row: ReferralRow;
  recorder: Someone | null;
};

export function receiveReferral(
  place: ActivityPlace,
  rows: ActivityRows,
  tl: PersonTimeline,
  r: {
    key: string;
    personId: string;
    source: Source;
    sourceName: string;
    routeOfAccess: string;
    reason: string;
    urgency: 'routine' | 'urgent' | 'emergency';
    receivedAt: Date;
    channel: 'coordinator' | 'api' | 'import' | 'discharge';
    recorder: Someone | null;
    externalRef: string | null;
    proposedTeam: TeamInfo | null;
    /** The place's routing rules' answer, as the front door records it. */
    routing: SyntheticRouting;
  },
): Received {
  const id = idAt(place, 'referral', r.key, r.receivedAt);
  const row: ReferralRow = {
    placeId: place.placeId,
    id,
    personId: r.personId,
    source: r.source,
    sourceName: r.sourceName,
    routeOfAccess: r.routeOfAccess,
    reason: r.reason,
    urgency: r.urgency,
    receivedAt: r.receivedAt,
    channel: r.channel,
    recordedBy: r.recorder?.userId ?? null,
    externalRef: r.externalRef,
    status: 'received',
    proposedTeamId: r.proposedTeam?.id ?? null,
    clientGroup: r.routing.clientGroup,
    need: r.routing.need,
    routingRuleId: r.routing.decision.ruleId,
    routingReason: r.routing.decision.reason,
    notCoveredSignpost: r.routing.decision.outcome === 'not_covered' ? r.routing.decision.signpost : null,
    version: 1,
  };
  rows.referrals.push(row);
  tl.add(r.receivedAt, r.recorder, {
    kind: 'referral',
    action: 'referral.received',
    summary: `${sourceLabels[r.source]} referral${r.sourceName ? ` (${r.sourceName})` : ''}, ${r.urgency}: ${r.reason}`,
    sector: 'integrated',
    subjectId: id,
    detail: { routeOfAccess: r.routeOfAccess, channel: r.channel, proposedTeamId: r.proposedTeam?.id ?? null, routing: r.routing.decision.outcome, routingReason: r.routing.decision.reason },
  });
  return { row, recorder: r.recorder };
}

/** Still waiting at the front door: the single point of entry holds a triage relationship. */
export function waitAtFrontDoor(place: ActivityPlace, rows: ActivityRows, r: Received): void {
  const holder = place.frontDoor;
  // A history pass leaves nothing waiting: the relationship would still be open today.
  if (!holder || place.historic) return;
  rows.relationships.push({
    placeId: place.placeId,
    id: idAt(place, 'relationship', `${r.row.id}:triage`, r.row.receivedAt),
    personId: r.row.personId,
    kind: 'triage',
    teamId: holder.id,
    userId: null,
    sector: 'integrated',
    reason: `referral ${r.row.id}`,
    validFrom: r.row.receivedAt,
    validTo: null,
    grantedBy: r.recorder?.userId ?? null,
  });
}

export function resolveReferral(rows: ActivityRows, tl: PersonTimeline, r: Received, at: Date, by: Someone, outcome: string, note: string): void {
  Object.assign(r.row, { status: 'resolved', outcome, outcomeNote: note, resolvedAt: at, resolvedBy: by.userId, version: 2 });
  tl.add(at, by, {
    kind: 'triage',
    action: 'triage.resolved',
    summary: `Resolved at the front door: ${outcome}${note ? ` — ${note}` : ''}`,
    sector: 'integrated',
    subjectId: r.row.id!,
    detail: { outcome },
  });
}

export function acceptReferral(rows: ActivityRows, tl: PersonTimeline, r: Received, at: Date, by: Someone, team: TeamInfo): void {
  Object.assign(r.row, { status: 'accepted', teamId: team.id, acceptedAt: at, acceptedBy: by.userId, version: 2 });
  const overridden = Boolean(r.row.proposedTeamId && r.row.proposedTeamId !== team.id);
  tl.add(at, by, {
    kind: 'triage',
    action: 'triage.accepted',
    summary: `Accepted and sent to ${team.name}${overridden ? ' (not the proposed zone team)' : ''}`,
    sector: 'integrated',
    subjectId: r.row.id!,
    detail: { teamId: team.id, proposedTeamId: r.row.proposedTeamId ?? null },
  });
}

/** Accepted and waiting for a worker: the team holds a referral relationship meanwhile. */
export function waitForAllocation(place: ActivityPlace, rows: ActivityRows, r: Received): void {
  if (place.historic) return;
  rows.relationships.push({
    placeId: place.placeId,
    id: idAt(place, 'relationship', `${r.row.id}:referral`, r.row.acceptedAt!),
    personId: r.row.personId,
    kind: 'referral',
    teamId: r.row.teamId!,
    userId: null,
    sector: 'integrated',
    reason: `referral ${r.row.id}`,
    validFrom: r.row.acceptedAt!,
    validTo: null,
    grantedBy: r.row.acceptedBy ?? null,
  });
}

export type OpenCase = {
  row: CaseRow;
  worker: Member;
  team: TeamInfo;
  sector: Sector;
  relationships: RelationshipRow[];
  referral: Received | null;
};

/**
 * Step two: a worker is allocated and the case opens on the caseload. `teamRelationshipId`: a
 * caseload relationship that already exists (the people generator's), which this case explains.
 */
export function allocateReferral(
  place: ActivityPlace,
  rows: ActivityRows,
  tl: PersonTimeline,
  r: Received,
  at: Date,
  by: Someone,
  team: TeamInfo,
  worker: Member,
  teamRelationshipId: string | null = null,
): OpenCase {
  const sector = sectorOfProfession(worker.profession);
  const key = `${r.row.id}:case`;
  const caseId = idAt(place, 'care_case', key, at);
  const rels: RelationshipRow[] = [];
  let workerRelationshipId: string | null = null;
  if (worker.userId) {
    workerRelationshipId = idAt(place, 'relationship', `${key}:worker`, at);
    rels.push({
      placeId: place.placeId,
      id: workerRelationshipId,
      personId: r.row.personId,
      kind: 'caseload',
      teamId: null,
      userId: worker.userId,
      sector,
      reason: 'allocated worker',
      validFrom: at,
      validTo: null,
      grantedBy: by.userId,
    });
  }
  let teamRelId = teamRelationshipId;
  if (!teamRelId) {
    teamRelId = idAt(place, 'relationship', `${key}:team`, at);
    rels.push({
      placeId: place.placeId,
      id: teamRelId,
      personId: r.row.personId,
      kind: 'caseload',
      teamId: team.id,
      userId: null,
      sector,
      reason: 'on the caseload',
      validFrom: at,
      validTo: null,
      grantedBy: by.userId,
    });
  }
  rows.relationships.push(...rels);
  const row: CaseRow = {
    placeId: place.placeId,
    id: caseId,
    personId: r.row.personId,
    teamId: team.id,
    workerStaffId: worker.staffId,
    referralId: r.row.id,
    sector,
    openedAt: at,
    openedBy: by.userId,
    teamRelationshipId: teamRelId,
    workerRelationshipId,
    version: 1,
  };
  rows.cases.push(row);
  Object.assign(r.row, { status: 'allocated', workerStaffId: worker.staffId, allocatedAt: at, allocatedBy: by.userId, version: 3 });
  const hours = (at.getTime() - r.row.receivedAt.getTime()) / HOUR;
  tl.add(at, by, {
    kind: 'allocation',
    action: 'referral.allocated',
    summary: `Allocated to ${worker.name} (${hours < 48 ? `${hours.toFixed(1)} hours` : `${Math.round(hours / 24)} days`} after the referral arrived)`,
    sector,
    subjectId: r.row.id!,
    detail: { caseId, workerStaffId: worker.staffId, hoursFromReceived: Math.round(hours * 10) / 10 },
  });
  return { row, worker, team, sector, relationships: rels, referral: r };
}

/** Closing a case ends the relationships it gave, and closes its referral. */
export function closeCase(tl: PersonTimeline, c: OpenCase, at: Date, by: Someone, reason: string): void {
  Object.assign(c.row, { closedAt: at, closedBy: by.userId, closeReason: reason, version: 2 });
  for (const rel of c.relationships) Object.assign(rel, { validTo: at, endedBy: by.userId });
  if (c.referral && c.referral.row.status === 'allocated') {
    Object.assign(c.referral.row, { status: 'closed', closedAt: at, closedBy: by.userId, version: 4 });
  }
  tl.add(at, by, { kind: 'case', action: 'case.closed', summary: `Case closed: ${reason}`, sector: c.sector, subjectId: c.row.id!, detail: {} });
}

/** Someone from the team to take a step on a day: its manager, else a senior member. */
export function managerOn(team: TeamInfo, day: string): Member | null {
  const present = membersOn(team.members, day);
  return present.find((m) => m.roleInTeam === 'manager') ?? present.find((m) => m.profession === 'senior_practitioner') ?? present[0] ?? null;
}


export type SyntheticRouting = { clientGroup: string | null; need: string | null; decision: RoutingDecision };

/** The front door's words for what a synthetic referral asks for. */
const routingNeedOf: Record<Need, string> = {
  falls: 'care_and_support',
  personal_care: 'care_and_support',
  nursing: 'community_health',
  memory: 'care_and_support',
  mental_health: 'mental_health',
  discharge: 'care_and_support',
  carer_strain: 'care_and_support',
  disability: 'care_and_support',
  isolation: 'care_and_support',
};

/**
 * A synthetic referral routed by the place's rules, as the front door routes one: the proposed
 * team (this place's, as the activity knows it) and the decision with its reason.
 */
export function routeSynthetic(
  place: ActivityPlace,
  f: { age: number | null; zoneCode: string | null; need: Need; clientGroup?: string },
): { proposed: TeamInfo | null; routing: SyntheticRouting } {
  const need = routingNeedOf[f.need];
  const given = f.clientGroup ?? (f.need === 'mental_health' ? 'mental_health' : null);
  const facts = { clientGroup: given, need, age: f.age, gpPracticeId: null, zoneId: f.zoneCode };
  const decision = routeReferral(place.routing.rules, place.routing.teams, facts);
  const proposed = decision.outcome === 'team' ? (place.teams.find((t) => t.id === decision.team.id) ?? null) : null;
  return { proposed, routing: { clientGroup: clientGroupOf(facts), need, decision } };
}
