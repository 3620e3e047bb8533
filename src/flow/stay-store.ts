/**
 * Reading and writing the stays a batch of events touches, set by set: one statement for each
 * kind of row, whatever the number of stays, with arrays as single parameters. The engine
 * (engine.ts) decides what changes; this file only loads it and stores it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { endRelationshipsAtSql, grantRelationshipsSql } from '../access/relationships.js';
import { asOneStatement, insertAsJsonSql } from '../platform/bulk.js';
import { inKeyPairs, inKeys, pgArray, rowsOf, type Executor, type SQL } from '../platform/db.js';
import { addBedDaysSql, spellsEndedBy } from './bed-days.js';
import type { Attribution, DelayReason } from './codes.js';
import { inTurn } from '../platform/in-turn.js';
import { delayedDays, londonDateOf, type StayState } from './rules.js';
import {
  awaitedItems,
  delayDays,
  hospitalStays,
  readinessPeriods,
  stayEvents,
  wardSpells,
  type AwaitedItemRow,
  type StayRow,
  type WardSpellRow,
} from './schema.js';

/** A stay in memory while a batch is applied to it. */
export type Model = {
  row: StayRow;
  isNew: boolean;
  changed: boolean;
  state: StayState;
  items: (AwaitedItemRow & { dirty?: boolean })[];
  /** The current ward spell (the last one stored), then any this batch adds. */
  spells: (WardSpellRow & { dirty?: boolean })[];
  /** Index of the event of this batch that was refused; later events of the stay are refused too. */
  refusedAt: number | null;
  becameReady: boolean;
  dischargedNow: boolean;
  hospitalName: string;
};

export type EventRow = typeof stayEvents.$inferInsert;

export const sourceKey = (system: string, id: string) => `${system}\u0001${id}`;

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Events already received, by (source system, event id). */
export async function knownEvents(tx: Executor, placeId: string, keys: { sourceSystem: string; eventId: string }[]) {
  if (keys.length === 0) return new Map<string, { stayId: string; kind: string }>();
  const pairs = [...new Map(keys.map((k) => [sourceKey(k.sourceSystem, k.eventId), [k.sourceSystem, k.eventId] as const])).values()];
  const rows = await tx
    .select({ sourceSystem: stayEvents.sourceSystem, eventId: stayEvents.eventId, stayId: stayEvents.stayId, kind: stayEvents.kind })
    .from(stayEvents)
    .where(and(eq(stayEvents.placeId, placeId), inKeyPairs([stayEvents.sourceSystem, stayEvents.eventId], pairs, ['text', 'text'])));
  return new Map(rows.map((r) => [sourceKey(r.sourceSystem, r.eventId), { stayId: r.stayId, kind: r.kind }]));
}

/** Which of the stays named (by id or by the sender's stay id) are stored: their ids, without locking or loading them. */
export async function storedStays(tx: Executor, placeId: string, named: { ids: string[]; sources: { sourceSystem: string; sourceStayId: string }[] }) {
  const ids = new Set<string>();
  const bySource = new Map<string, string>();
  if (named.ids.length) {
    for (const r of await tx
      .select({ id: hospitalStays.id })
      .from(hospitalStays)
      .where(and(eq(hospitalStays.placeId, placeId), inKeys(hospitalStays.id, [...new Set(named.ids)], 'uuid'))))
      ids.add(r.id);
  }
  if (named.sources.length) {
    const pairs = [...new Map(named.sources.map((s) => [sourceKey(s.sourceSystem, s.sourceStayId), [s.sourceSystem, s.sourceStayId] as const])).values()];
    for (const r of await tx
      .select({ id: hospitalStays.id, sourceSystem: hospitalStays.sourceSystem, sourceStayId: hospitalStays.sourceStayId })
      .from(hospitalStays)
      .where(and(eq(hospitalStays.placeId, placeId), inKeyPairs([hospitalStays.sourceSystem, hospitalStays.sourceStayId], pairs, ['text', 'text']))))
      bySource.set(sourceKey(r.sourceSystem, r.sourceStayId), r.id);
  }
  return { ids, bySource };
}

/**
 * The stays named (by id or by the sender's stay id), locked for this transaction, with their
 * readiness periods, awaited items, current ward and latest event.
 */
export async function loadModels(
  tx: Executor,
  placeId: string,
  named: { ids: string[]; sources: { sourceSystem: string; sourceStayId: string }[] },
  hospitalName: (id: string) => string,
) {
  const rows: StayRow[] = [];
  if (named.ids.length) {
    rows.push(
      ...(await tx
        .select()
        .from(hospitalStays)
        .where(and(eq(hospitalStays.placeId, placeId), inKeys(hospitalStays.id, [...new Set(named.ids)], 'uuid')))
        .for('update')),
    );
  }
  if (named.sources.length) {
    const pairs = [...new Map(named.sources.map((s) => [sourceKey(s.sourceSystem, s.sourceStayId), [s.sourceSystem, s.sourceStayId] as const])).values()];
    const found = await tx
      .select()
      .from(hospitalStays)
      .where(and(eq(hospitalStays.placeId, placeId), inKeyPairs([hospitalStays.sourceSystem, hospitalStays.sourceStayId], pairs, ['text', 'text'])))
      .for('update');
    const seen = new Set(rows.map((r) => r.id));
    for (const r of found) if (!seen.has(r.id)) rows.push(r);
  }
  const byId = new Map<string, Model>();
  const bySource = new Map<string, Model>();
  if (rows.length === 0) return { byId, bySource };
  const stayIds = rows.map((r) => r.id);
  const [periods, items, spells, latest] = await inTurn([
    () => tx.select().from(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), inKeys(readinessPeriods.stayId, stayIds, 'uuid'))),
    () => tx.select().from(awaitedItems).where(and(eq(awaitedItems.placeId, placeId), inKeys(awaitedItems.stayId, stayIds, 'uuid'))),
    () =>
      tx
        .selectDistinctOn([wardSpells.stayId])
        .from(wardSpells)
        .where(and(eq(wardSpells.placeId, placeId), inKeys(wardSpells.stayId, stayIds, 'uuid')))
        .orderBy(wardSpells.stayId, sql`${wardSpells.seq} desc`),
    () =>
      rowsOf<{ stay_id: string; at: string | Date }>(
        tx,
        // The care pathway's package steps are kept with the stay but do not order the hospital's events.
        sql`select stay_id, max(at) as at from stay_event where place_id = ${placeId} and ${inKeys(sql.raw('stay_id'), stayIds, 'uuid')} and kind <> 'package' group by stay_id`,
      ),
  ]);
  const lastAtOf = new Map(latest.map((l) => [l.stay_id, new Date(l.at)]));
  const periodsOf = groupBy(periods, (p) => p.stayId);
  const itemsOf = groupBy(items, (i) => i.stayId);
  const spellOf = new Map(spells.map((s) => [s.stayId, s]));
  for (const row of rows) {
    const spell = spellOf.get(row.id);
    const model: Model = {
      row: { ...row },
      isNew: false,
      changed: false,
      state: {
        status: row.status as StayState['status'],
        admittedAt: row.admittedAt,
        lastEventAt: lastAtOf.get(row.id) ?? row.admittedAt,
        dischargedAt: row.dischargedAt,
        periods: (periodsOf.get(row.id) ?? [])
          .sort((a, b) => a.seq - b.seq)
          .map((p) => ({ readyFrom: p.readyFrom, readyTo: p.readyTo, endedBy: p.endedBy as 'meets_criteria' | 'discharged' | null, pathway: p.pathway })),
      },
      items: itemsOf.get(row.id) ?? [],
      spells: spell ? [spell] : [],
      refusedAt: null,
      becameReady: false,
      dischargedNow: false,
      hospitalName: hospitalName(row.hospitalId),
    };
    byId.set(row.id, model);
    bySource.set(sourceKey(row.sourceSystem, row.sourceStayId), model);
  }
  return { byId, bySource };
}

/** The stays, locked for this transaction: their version and what a writer before may have linked to them. */
export async function lockStays(tx: Executor, placeId: string, ids: string[]) {
  const rows = await tx
    .select({ id: hospitalStays.id, version: hospitalStays.version, referralId: hospitalStays.referralId, relationshipId: hospitalStays.relationshipId })
    .from(hospitalStays)
    .where(and(eq(hospitalStays.placeId, placeId), inKeys(hospitalStays.id, ids, 'uuid')))
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** What an admission must not overlap: a stay of the person, as stored or as this batch has it so far. */
export type StayOfPerson = {
  id: string;
  personId: string;
  sourceSystem: string;
  sourceStayId: string;
  hospitalId: string;
  admittedAt: Date;
  dischargedAt: Date | null;
};

/**
 * The stays of these people that an admission at or after `from` could overlap: those still open,
 * and those discharged after `from`.
 */
export async function staysOfPeopleFrom(tx: Executor, placeId: string, personIds: string[], from: Date): Promise<StayOfPerson[]> {
  if (personIds.length === 0) return [];
  return tx
    .select({
      id: hospitalStays.id,
      personId: hospitalStays.personId,
      sourceSystem: hospitalStays.sourceSystem,
      sourceStayId: hospitalStays.sourceStayId,
      hospitalId: hospitalStays.hospitalId,
      admittedAt: hospitalStays.admittedAt,
      dischargedAt: hospitalStays.dischargedAt,
    })
    .from(hospitalStays)
    .where(
      and(
        eq(hospitalStays.placeId, placeId),
        inKeys(hospitalStays.personId, [...new Set(personIds)], 'uuid'),
        sql`(${hospitalStays.status} <> 'discharged' or ${hospitalStays.dischargedAt} > ${from.toISOString()}::timestamptz)`,
      ),
    );
}

/**
 * What a batch's write sets on a stay already stored. Its referral and the discharge team's
 * relationship are only ever set, never cleared: a batch that did not see them (one prepared while
 * the batch before was still writing them) keeps what is stored.
 */
const stayColumnsChanged = [
  'ward',
  'status',
  'discharge_ready_date',
  'ready_since',
  'pathway',
  'discharged_at',
  'discharged_on',
  'discharge_destination',
  'delay_days',
  'reablement_start',
  'version',
  'updated_at',
];
const kept = ['referral_id', 'relationship_id'];
const upsertStays = sql.raw(
  `on conflict (place_id, id) do update set ${[...stayColumnsChanged.map((c) => `${c} = excluded.${c}`), ...kept.map((c) => `${c} = coalesce(excluded.${c}, hospital_stay.${c})`)].join(', ')}`,
);

/**
 * The statements that write what a batch changed, built ahead of writing (they need nothing more
 * from the database), in order: first the stays already stored (so a stay discharged by this batch
 * is closed before the person's next one opens) with their readiness periods cleared; then, as one
 * statement, the new stays, the events, readiness periods, awaited items, ward spells, the nights
 * of the ward spells that ended (occupied bed days), the delayed days of stays discharged now, and
 * the discharge team's relationships granted and ended.
 */
export function writeStatements(actor: Actor, models: Model[], events: EventRow[], dischargeTeam: { id: string; name: string } | null | undefined): SQL[] {
  if (models.length === 0) return [];
  const placeId = actor.placeId;
  const existing = models.filter((m) => !m.isNew);
  const withPeriods = existing.filter((m) => m.state.periods.length > 0).map((m) => m.row.id);
  // The hospital discharge team holds a relationship while the person is in hospital (its id was made when the batch was applied).
  const opening = dischargeTeam ? models.filter((m) => m.isNew && !m.dischargedNow && m.row.relationshipId) : [];
  const before = asOneStatement([
    insertAsJsonSql(hospitalStays, existing.map((m) => m.row), upsertStays),
    withPeriods.length ? sql`delete from readiness_period where place_id = ${placeId} and ${inKeys(sql.raw('stay_id'), withPeriods, 'uuid')}` : null,
  ]);
  const main = asOneStatement([
    insertAsJsonSql(hospitalStays, models.filter((m) => m.isNew).map((m) => m.row)),
    insertAsJsonSql(stayEvents, events),
    insertAsJsonSql(
      readinessPeriods,
      models.flatMap((m) =>
        m.state.periods.map((p, seq) => ({
          placeId,
          stayId: m.row.id,
          seq: seq + 1,
          readyFrom: p.readyFrom,
          readyOn: londonDateOf(p.readyFrom),
          readyTo: p.readyTo,
          endedBy: p.endedBy,
          pathway: p.pathway,
        })),
      ),
    ),
    insertAsJsonSql(
      awaitedItems,
      models.flatMap((m) => m.items.filter((it) => it.dirty).map(({ dirty: _d, ...it }) => it)),
      // An item met by its package (package-link.ts) keeps the day it was met.
      sql.raw('on conflict (place_id, id) do update set resolved_at = coalesce(awaited_item.resolved_at, excluded.resolved_at)'),
    ),
    insertAsJsonSql(
      wardSpells,
      models.flatMap((m) => m.spells.filter((w) => w.dirty).map(({ dirty: _d, ...w }) => w)),
      sql.raw('on conflict (place_id, stay_id, seq) do update set to_at = excluded.to_at, to_on = excluded.to_on'),
    ),
    addBedDaysSql(spellsEndedBy(models)),
    insertAsJsonSql(
      delayDays,
      models
        .filter((m) => m.dischargedNow)
        .flatMap((m) =>
          delayedDays(
            m.row.dischargeReadyDate,
            m.row.dischargedOn!,
            m.items.map((it) => ({ reason: it.reason as DelayReason, attribution: it.attribution as Attribution, openedAt: it.openedAt, resolvedAt: it.resolvedAt })),
          ).map((d) => ({ placeId, stayId: m.row.id, day: d.day, reason: d.reason, attribution: d.attribution, zoneId: m.row.zoneId })),
        ),
    ),
    grantRelationshipsSql(
      opening.map((m) => ({
        id: m.row.relationshipId!,
        placeId,
        personId: m.row.personId,
        kind: 'hospital' as const,
        teamId: dischargeTeam!.id,
        sector: 'integrated' as const,
        reason: `In ${m.hospitalName}, ${m.row.ward}: the hospital discharge team works the stay`,
        validFrom: m.row.admittedAt,
        grantedBy: actor.userId,
      })),
    ).statement,
    endRelationshipsAtSql(
      placeId,
      existing.filter((m) => m.dischargedNow && m.row.relationshipId).map((m) => ({ id: m.row.relationshipId!, at: m.row.dischargedAt! })),
      actor.userId,
    ),
  ]);
  return [before, main].filter((x): x is SQL => x !== null);
}

/** The front door's referrals of stays written before (the referral is known only once the batch before has committed). */
export function referralsOfStaysSql(placeId: string, links: { stayId: string; referralId: string }[]): SQL | null {
  if (links.length === 0) return null;
  return sql`update hospital_stay h set referral_id = x.referral_id
             from unnest(${pgArray(links.map((l) => l.stayId))}::uuid[], ${pgArray(links.map((l) => l.referralId))}::uuid[]) as x(stay_id, referral_id)
             where h.place_id = ${placeId} and h.id = x.stay_id`;
}
