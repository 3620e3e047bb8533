/**
 * A place's records, whole, for the bodies that take them on: when a partnership is dissolved
 * (Witham, Braintree & Halstead in 2006) its records stay readable and go to its successors.
 * One line of JSON per person: the register entry with its versions, carers, contacts and
 * aliases, every care pathway event and every hospital stay event. Only an administrator exports,
 * with a reason; every person handed on is in an audit entry written before their line is.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit } from '../access/guard.js';
import { roleLabels } from '../access/roles.js';
import { londonDateOf } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import { partsOfRecord, registerPage, registerSize, versionsOfPerson } from '../people/register.js';
import { eventsOfPerson } from '../pathway/events.js';
import { flowEventsOfPerson } from '../flow/timeline.js';

export type ExportReport = { people: number; events: number; stayEvents: number };

const everything = 1_000_000;

export async function exportRecords(
  ctx: Ctx,
  opts: { reason: string; write: (line: string) => Promise<void> | void; progress?: (done: number, total: number) => void; pageSize?: number },
): Promise<ExportReport> {
  const { actor, db } = ctx;
  if (actor.role !== 'administrator') {
    await denyAndAudit(ctx, { action: 'records.export', personIds: [], reason: 'role', message: `Your role (${roleLabels[actor.role]}) does not export the place's records; an administrator does.` });
  }
  const reason = opts.reason.trim();
  if (reason.length < 10) {
    throw new InvalidError('Say why the records are exported (at least 10 characters), e.g. "transfer to the successor trust".', [{ field: 'reason', problem: 'is missing or too short' }]);
  }
  const total = await registerSize(db, actor.placeId);
  const report: ExportReport = { people: 0, events: 0, stayEvents: 0 };
  const today = londonDateOf(ctx.clock.now());
  let after: string | null = null;
  for (;;) {
    const page = await registerPage(db, actor.placeId, after, opts.pageSize ?? 500);
    if (page.length === 0) break;
    await auditAllowed(db, actor, ctx.clock.now(), { action: 'records.export', personIds: page.map((p) => p.id), reason, detail: { people: page.length } });
    for (const person of page) {
      const [versions, parts, events, stays] = await Promise.all([
        versionsOfPerson(db, actor.placeId, person.id),
        partsOfRecord(db, actor.placeId, person.id, today),
        eventsOfPerson(db, actor.placeId, person.id, { kinds: null, subjects: null }, everything),
        flowEventsOfPerson(db, actor.placeId, person.id, everything),
      ]);
      await opts.write(JSON.stringify({ person, versions, ...parts, events: events.reverse(), hospitalEvents: stays.reverse() }) + '\n');
      report.people += 1;
      report.events += events.length;
      report.stayEvents += stays.length;
    }
    after = page[page.length - 1]!.id;
    opts.progress?.(report.people, total);
  }
  return report;
}
