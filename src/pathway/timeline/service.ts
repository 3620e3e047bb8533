import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import { sectorsMayShare } from '../../access/policy.js';
import type { Sector } from '../../access/roles.js';
import { personForPolicy } from '../../people/service.js';
import { eventsOfPerson, type TimelineKind } from '../events.js';
import { flowEventsOfPerson } from '../../flow/timeline.js';

export type TimelineItem = {
  at: string;
  kind: string;
  action: string;
  summary: string;
  sector: string;
  by: string;
  subjectId: string | null;
};

/**
 * One chronological view across health and social care. When the person objects to sharing
 * between the two, entries from the other sector are left out for this viewer.
 */
export async function timelineOf(ctx: Ctx, personId: string, kinds: TimelineKind[] | null, limit: number): Promise<{ items: TimelineItem[]; withheld: number }> {
  return withPersonAccess(
    ctx,
    'person.timeline',
    (tx) => personForPolicy(tx, ctx.actor.placeId, personId),
    async (tx, person, _grant, at) => {
      const pathwayEvents = await eventsOfPerson(tx, ctx.actor.placeId, person.id, kinds, limit);
      // Hospital stays (flow) merge in by time; they are health entries under the sharing rule.
      const withStays = !kinds || (kinds as string[]).includes('hospital');
      const stays = withStays ? (await flowEventsOfPerson(tx, ctx.actor.placeId, person.id, limit)).map((s) => ({ ...s, actorName: 'Hospital' })) : [];
      const events = [...pathwayEvents.map((e) => ({ ...e, subjectId: e.subjectId as string | null })), ...stays]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit);
      const visible = events.filter((e) => sectorsMayShare(person, ctx.actor.sector, e.sector as Sector));
      await auditAllowed(tx, ctx.actor, at, { action: 'person.timeline', personIds: [person.id], detail: { kinds, shown: visible.length } });
      return {
        items: visible.map((e) => ({
          at: e.at.toISOString(),
          kind: e.kind,
          action: e.action,
          summary: e.summary,
          sector: e.sector,
          by: e.actorName,
          subjectId: e.subjectId,
        })),
        withheld: events.length - visible.length,
      };
    },
  );
}
