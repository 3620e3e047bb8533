import type { relationships } from '../access/schema.js';
import type { Sector } from '../access/roles.js';
import type {
  assessmentSections,
  assessmentSectionVersions,
  assessments,
  carePlans,
  cases,
  mdtActions,
  mdtCases,
  mdtMeetings,
  pathwayEvents,
  referrals,
  reviews,
  serviceLines,
  serviceLineVersions,
} from '../pathway/schema.js';
import type { TimelineKind } from '../pathway/events.js';
import type { ActivityPlace, Someone } from './pathway-activity-context.js';
import type { Random } from './random.js';

/** The rows one batch of activity writes, table by table, in the order they are inserted. */
export type ActivityRows = {
  referrals: (typeof referrals.$inferInsert)[];
  cases: (typeof cases.$inferInsert)[];
  relationships: (typeof relationships.$inferInsert)[];
  assessments: (typeof assessments.$inferInsert)[];
  sections: (typeof assessmentSections.$inferInsert)[];
  sectionVersions: (typeof assessmentSectionVersions.$inferInsert)[];
  plans: (typeof carePlans.$inferInsert)[];
  lines: (typeof serviceLines.$inferInsert)[];
  lineVersions: (typeof serviceLineVersions.$inferInsert)[];
  reviews: (typeof reviews.$inferInsert)[];
  mdtMeetings: (typeof mdtMeetings.$inferInsert)[];
  mdtCases: (typeof mdtCases.$inferInsert)[];
  mdtActions: (typeof mdtActions.$inferInsert)[];
  events: (typeof pathwayEvents.$inferInsert)[];
};

export function emptyRows(): ActivityRows {
  return {
    referrals: [],
    cases: [],
    relationships: [],
    assessments: [],
    sections: [],
    sectionVersions: [],
    plans: [],
    lines: [],
    lineVersions: [],
    reviews: [],
    mdtMeetings: [],
    mdtCases: [],
    mdtActions: [],
    events: [],
  };
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A YYYY-MM-DD day of an instant (the generator's steps happen in daytime, when UTC and London agree on the day). */
export const dayOf = (t: Date): string => t.toISOString().slice(0, 10);

export const plusMs = (t: Date, ms: number): Date => new Date(t.getTime() + ms);

const isWeekend = (t: Date) => t.getUTCDay() === 0 || t.getUTCDay() === 6;

/**
 * The instant itself when it falls in office hours (Monday to Friday, 08:30–17:00), otherwise
 * the next working morning a little after opening.
 */
export function inOfficeHours(t: Date, rng: Random): Date {
  const minutes = t.getUTCHours() * 60 + t.getUTCMinutes();
  if (!isWeekend(t) && minutes >= 510 && minutes < 1020) return t;
  const next = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + (minutes >= 1020 ? 1 : 0), 8, 30));
  while (isWeekend(next)) next.setUTCDate(next.getUTCDate() + 1);
  return plusMs(next, rng.int(0, 150) * MINUTE);
}

/** After this many office hours (Monday to Friday, 08:30–17:00), counting from the next open moment. */
export function officeHoursAfter(t: Date, hours: number): Date {
  let left = Math.round(hours * HOUR);
  let cur = t;
  for (let i = 0; i < 400; i++) {
    const minutes = cur.getUTCHours() * 60 + cur.getUTCMinutes();
    if (isWeekend(cur) || minutes >= 1020) {
      cur = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth(), cur.getUTCDate() + 1, 8, 30));
      continue;
    }
    if (minutes < 510) cur = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth(), cur.getUTCDate(), 8, 30));
    const close = Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth(), cur.getUTCDate(), 17, 0);
    if (cur.getTime() + left <= close) return new Date(cur.getTime() + left);
    left -= close - cur.getTime();
    cur = new Date(close);
  }
  return cur;
}

/** Some hours of work later, landing in office hours. */
export const workingAfter = (t: Date, hours: number, rng: Random): Date => inOfficeHours(plusMs(t, hours * HOUR), rng);

/** A day at a time of day (UTC), with a few minutes of jitter. */
export function atOn(day: string, hour: number, rng: Random, spreadMinutes = 90): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, 0) + rng.int(0, spreadMinutes) * MINUTE);
}

/** A day at an exact time of day (UTC). */
export function dayAt(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute));
}

export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/**
 * Identifiers shaped like the server's UUID v7 at the moment of the step (so a row sorts where
 * the service would have put it), derived from the seed and a key so the same seed gives the
 * same ids.
 */
export function idAt(place: ActivityPlace, kind: string, key: string, at: Date): string {
  return place.ids.id(kind, key, at.getTime() - place.idBase.getTime());
}

/**
 * A person's timeline while their activity is generated: every step appends one event, as the
 * services do. Event ids carry the step's instant plus a counter, so that two events of one
 * step (the same instant) keep the order the service would have written them in.
 */
export class PersonTimeline {
  private n = 0;

  constructor(
    private readonly place: ActivityPlace,
    private readonly rows: ActivityRows,
    readonly personId: string,
    /** Keeps event ids apart when one person's steps are written from two places (a carer's own episode). */
    private readonly scope = '',
  ) {}

  add(
    at: Date,
    by: Someone | null,
    e: { kind: TimelineKind; action: string; summary: string; sector: Sector; subjectId: string | null; detail?: Record<string, unknown> },
  ): void {
    const n = this.n++;
    this.rows.events.push({
      placeId: this.place.placeId,
      id: this.place.ids.id('pathway_event', `${this.personId}:${this.scope}:${n}`, at.getTime() - this.place.idBase.getTime() + n),
      personId: this.personId,
      at,
      kind: e.kind,
      action: e.action,
      summary: e.summary,
      sector: e.sector,
      actorUserId: by?.userId ?? null,
      actorName: by?.name ?? '',
      subjectId: e.subjectId,
      detail: e.detail ?? {},
    });
  }
}
