import { londonDateOf } from '../../platform/dates.js';
import type { Executor } from '../../platform/db.js';
import { staffByIds, teamById } from '../../partnership/directory.js';
import type { ReferralRow } from './queries.js';
import { sourceLabels } from './types.js';

export type ReferralView = Awaited<ReturnType<typeof referralView>>;

/** A referral as the front door and the team see it, with the two triage steps and their times. */
export async function referralView(tx: Executor, placeId: string, r: ReferralRow, personName: string) {
  // One after another: inside a transaction one connection takes one query at a time.
  const proposed = r.proposedTeamId ? await teamById(tx, placeId, r.proposedTeamId) : null;
  const team = r.teamId ? await teamById(tx, placeId, r.teamId) : null;
  const worker = r.workerStaffId ? (await staffByIds(tx, placeId, [r.workerStaffId])).get(r.workerStaffId) : undefined;
  const steps = [r.resolvedAt ?? r.acceptedAt, r.allocatedAt].filter(Boolean).length;
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    person: { id: r.personId, name: personName },
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
    proposedTeam: proposed ? { id: proposed.id, name: proposed.name } : null,
    team: team ? { id: team.id, name: team.name } : null,
    outcome: r.outcome,
    outcomeNote: r.outcomeNote,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    worker: worker ? { id: worker.id, name: worker.name } : null,
    allocatedAt: r.allocatedAt?.toISOString() ?? null,
    /** Triage steps taken: at most two. */
    triageSteps: steps,
    minutesToAllocation: r.allocatedAt ? Math.round((r.allocatedAt.getTime() - r.receivedAt.getTime()) / 60_000) : null,
  };
}
