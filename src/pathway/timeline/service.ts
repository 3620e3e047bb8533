import { together } from '../../platform/in-turn.js';
import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import { sectorsMayShare } from '../../access/policy.js';
import type { Sector } from '../../access/roles.js';
import { personForPolicy } from '../../people/service.js';
import { eventsOfPerson, subjectTypeOf, type SubjectType, type TimelineKind } from '../events.js';
import { flowEventsOfPerson } from '../../flow/timeline.js';
import { meetingsOfActions } from '../mdt/service.js';

export type TimelineItem = {
  at: string;
  kind: string;
  action: string;
  summary: string;
  sector: string;
  by: string;
  /** What the entry is about, and its id: a referral, case, assessment, plan, service line … */
  subjectType: SubjectType | null;
  subjectId: string | null;
  /** The record the subject belongs to, where it has no page of its own (a line's plan, an action's meeting). */
  parent: { type: 'plan' | 'mdt_meeting'; id: string } | null;
};

export type TimelineFilter = { kinds: TimelineKind[] | null; subjects: SubjectType[] | null; limit: number };

/**
 * One chronological view across health and social care. When the person objects to sharing
 * between the two, entries from the other sector are left out for this viewer.
 */
export async function timelineOf(ctx: Ctx, personId: string, f: TimelineFilter): Promise<{ items: TimelineItem[]; withheld: number }> {
  const { kinds, subjects, limit } = f;
  return withPersonAccess(
    ctx,
    'person.timeline',
    (tx) => personForPolicy(tx, ctx.actor.placeId, personId),
    async (tx, person, _grant, at) => {
      // Hospital stays (flow) merge in by time; they are health entries under the sharing rule.
      const withStays = (!kinds || (kinds as string[]).includes('hospital')) && (!subjects || subjects.includes('stay'));
      const [pathwayEvents, stayEvents] = await together(tx, [
        () => eventsOfPerson(tx, ctx.actor.placeId, person.id, { kinds, subjects }, limit),
        () => (withStays ? flowEventsOfPerson(tx, ctx.actor.placeId, person.id, limit) : Promise.resolve([])),
      ]);
      const stays = stayEvents.map((s) => ({ ...s, actorName: 'Hospital', detail: {} as unknown }));
      const events = [...pathwayEvents.map((e) => ({ ...e, subjectId: e.subjectId as string | null })), ...stays]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit);
      const visible = events.filter((e) => sectorsMayShare(person, ctx.actor.sector, e.sector as Sector));
      const actionIds = visible.flatMap((e) => (subjectTypeOf(e.action) === 'mdt_action' && e.subjectId ? [e.subjectId] : []));
      const [meetingOf] = await together(tx, [
        () => meetingsOfActions(tx, ctx.actor.placeId, actionIds),
        () => auditAllowed(tx, ctx.actor, at, { action: 'person.timeline', personIds: [person.id], detail: { kinds, subjects, shown: visible.length } }),
      ]);
      return {
        items: visible.map((e) => {
          const subjectType = subjectTypeOf(e.action);
          const planId = (e.detail as { planId?: unknown } | null)?.planId;
          const meetingId = e.subjectId ? meetingOf.get(e.subjectId) : undefined;
          const parent: TimelineItem['parent'] =
            subjectType === 'service_line' && typeof planId === 'string'
              ? { type: 'plan', id: planId }
              : subjectType === 'mdt_action' && meetingId
                ? { type: 'mdt_meeting', id: meetingId }
                : null;
          return {
            at: e.at.toISOString(),
            kind: e.kind,
            action: e.action,
            summary: e.summary,
            sector: e.sector,
            by: e.actorName,
            subjectType,
            subjectId: e.subjectId,
            parent,
          };
        }),
        withheld: events.length - visible.length,
      };
    },
    { read: true, personId },
  );
}
