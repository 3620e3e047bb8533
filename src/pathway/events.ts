import { and, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Sector } from '../access/roles.js';
import { insertAsJsonSql } from '../platform/bulk.js';
import type { Executor } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { subjectTypes } from './api-schemas.js';
import { pathwayEvents } from './schema.js';

export const timelineKinds = ['referral', 'triage', 'allocation', 'case', 'assessment', 'eligibility', 'plan', 'package', 'review', 'mdt', 'hospital'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineKindLabels: Record<TimelineKind, string> = {
  referral: 'Referrals',
  triage: 'Triage',
  allocation: 'Allocation',
  case: 'Cases',
  assessment: 'Assessments',
  eligibility: 'Eligibility',
  plan: 'Plans',
  package: 'Packages',
  review: 'Reviews',
  mdt: 'MDT meetings',
  hospital: 'Hospital stays',
};

/** What a timeline entry is about (the API's list, in api-schemas.ts). */
export { subjectTypes };
export type SubjectType = (typeof subjectTypes)[number];

export const subjectTypeLabels: Record<SubjectType, string> = {
  referral: 'Referrals',
  case: 'Cases',
  assessment: 'Assessments',
  plan: 'Plans',
  service_line: 'Packages',
  review: 'Reviews',
  mdt_meeting: 'MDT meetings',
  mdt_action: 'MDT actions',
  stay: 'Hospital stays',
};

/**
 * Action prefixes and the subject each names: triage steps and the allocation name their
 * referral; a package step names its service line; an MDT discussion its meeting, an MDT action
 * the action; a hospital event its stay.
 */
const subjectOfActionPrefix: readonly (readonly [string, SubjectType])[] = [
  ['referral.', 'referral'],
  ['triage.', 'referral'],
  ['case.', 'case'],
  ['assessment.', 'assessment'],
  ['eligibility.', 'assessment'],
  ['plan.', 'plan'],
  ['package.', 'service_line'],
  ['review.', 'review'],
  ['mdt.discussed', 'mdt_meeting'],
  ['mdt.action', 'mdt_action'],
  ['stay.', 'stay'],
];

export function subjectTypeOf(action: string): SubjectType | null {
  return subjectOfActionPrefix.find(([prefix]) => action.startsWith(prefix))?.[1] ?? null;
}

/** The actions whose subject is one of these types, as a condition on pathway_event. */
function actionsAbout(types: readonly SubjectType[]): SQL | undefined {
  const prefixes = subjectOfActionPrefix.filter(([, type]) => types.includes(type)).map(([prefix]) => prefix);
  return or(...prefixes.map((p) => like(pathwayEvents.action, `${p.replace(/[\\%_]/g, '\\$&')}%`)));
}

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

/** The row of one timeline step, by this actor at this instant. */
function eventRow(actor: Actor, at: Date, e: PathwayEvent): typeof pathwayEvents.$inferInsert {
  return {
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
  };
}

/** Appends a step to the person's timeline, inside the step's own transaction. */
export async function recordEvent(tx: Executor, actor: Actor, at: Date, e: PathwayEvent): Promise<void> {
  await tx.insert(pathwayEvents).values(eventRow(actor, at, e));
}

/** The statement that records many steps at once, all at the same instant (a feed's referrals; null for none), to run with others. */
export function recordEventsSql(actor: Actor, at: Date, events: PathwayEvent[]): SQL | null {
  return insertAsJsonSql(pathwayEvents, events.map((e) => eventRow(actor, at, e)));
}

export async function eventsOfPerson(
  tx: Executor,
  placeId: string,
  personId: string,
  f: { kinds: readonly string[] | null; subjects: readonly SubjectType[] | null },
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [eq(pathwayEvents.placeId, placeId), eq(pathwayEvents.personId, personId)];
  if (f.kinds && f.kinds.length) conditions.push(inArray(pathwayEvents.kind, [...f.kinds]));
  if (f.subjects && f.subjects.length) conditions.push(actionsAbout(f.subjects) ?? sql`false`);
  return tx
    .select()
    .from(pathwayEvents)
    .where(and(...conditions))
    .orderBy(desc(pathwayEvents.at), desc(pathwayEvents.id))
    .limit(limit);
}

/**
 * The steps of one case, oldest first: the allocation that opened it, the transfer that opened or
 * closed it (a transfer closes one case and opens the next), and its closing.
 */
export async function eventsOfCase(tx: Executor, placeId: string, personId: string, caseId: string) {
  return tx
    .select()
    .from(pathwayEvents)
    .where(
      and(
        eq(pathwayEvents.placeId, placeId),
        eq(pathwayEvents.personId, personId),
        or(
          and(eq(pathwayEvents.subjectId, caseId), like(pathwayEvents.action, 'case.%')),
          sql`${pathwayEvents.detail}->>'caseId' = ${caseId}`,
          sql`${pathwayEvents.detail}->>'fromCaseId' = ${caseId}`,
        ),
      ),
    )
    .orderBy(pathwayEvents.at, pathwayEvents.id);
}
