import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Sector } from '../access/roles.js';
import { insertAsJsonSql } from '../platform/bulk.js';
import type { Executor, SQL } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { pathwayEvents } from './schema.js';

export const timelineKinds = ['referral', 'triage', 'allocation', 'case', 'assessment', 'eligibility', 'plan', 'package', 'review', 'mdt', 'hospital'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export type PathwayEvent = {
  personId: string;
  kind: TimelineKind;
  /** e.g. referral.received, triage.accepted, package.in_place */
  action: string;
  /** One line a person reads on the timeline. */
  summary: string;
  sector: Sector;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends a step to the person's timeline, inside the step's own transaction. */
export async function recordEvent(tx: Executor, actor: Actor, at: Date, e: PathwayEvent): Promise<void> {
  await tx.insert(pathwayEvents).values({
    placeId: actor.placeId,
    id: newId(),
    personId: e.personId,
    at,
    kind: e.kind,
    action: e.action,
    summary: e.summary,
    sector: e.sector,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    subjectId: e.subjectId ?? null,
    detail: e.detail ?? {},
  });
}

/** The statement that records many steps at once, all at the same instant (a feed's referrals; null for none), to run with others. */
export function recordEventsSql(actor: Actor, at: Date, events: PathwayEvent[]): SQL | null {
  return insertAsJsonSql(
    pathwayEvents,
    events.map((e) => ({
      placeId: actor.placeId,
      id: newId(),
      personId: e.personId,
      at,
      kind: e.kind,
      action: e.action,
      summary: e.summary,
      sector: e.sector,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      subjectId: e.subjectId ?? null,
      detail: e.detail ?? {},
    })),
  );
}

export async function eventsOfPerson(tx: Executor, placeId: string, personId: string, kinds: readonly string[] | null, limit: number) {
  const conditions = [eq(pathwayEvents.placeId, placeId), eq(pathwayEvents.personId, personId)];
  if (kinds && kinds.length) conditions.push(inArray(pathwayEvents.kind, [...kinds]));
  return tx
    .select()
    .from(pathwayEvents)
    .where(and(...conditions))
    .orderBy(desc(pathwayEvents.at), desc(pathwayEvents.id))
    .limit(limit);
}
