/**
 * Reading and writing the stays a batch of events touches, set by set: one statement for each
 * kind of row, whatever the number of stays, with arrays as single parameters. The engine
 * (engine.ts) decides what changes; this file only loads it and stores it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { endRelationshipsAt, grantRelationships } from '../access/relationships.js';
import { insertAsJson } from '../platform/bulk.js';
import { pgArray, rowsOf, type Executor } from '../platform/db.js';
import type { Attribution, DelayReason } from './codes.js';
import { dischargeTeamOf } from './directory.js';
import { inTurn } from './in-turn.js';
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
  const systems = [...new Set(keys.map((k) => k.sourceSystem))];
  const ids = [...new Set(keys.map((k) => k.eventId))];
  const rows = await rowsOf<{ source_system: string; event_id: string; stay_id: string; kind: string }>(
    tx,
    sql`select source_system, event_id, stay_id, kind from stay_event
        where place_id = ${placeId} and source_system = any(${pgArray(systems)}::text[]) and event_id = any(${pgArray(ids)}::text[])`,
  );
  return new Map(rows.map((r) => [sourceKey(r.source_system, r.event_id), { stayId: r.stay_id, kind: r.kind }]));
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
        .where(and(eq(hospitalStays.placeId, placeId), sql`${hospitalStays.id} = any(${pgArray([...new Set(named.ids)])}::uuid[])`))
        .for('update')),
    );
  }
  if (named.sources.length) {
    const wanted = new Set(named.sources.map((s) => sourceKey(s.sourceSystem, s.sourceStayId)));
    const systems = [...new Set(named.sources.map((s) => s.sourceSystem))];
    const found = await tx
      .select()
      .from(hospitalStays)
      .where(
        and(
          eq(hospitalStays.placeId, placeId),
          sql`${hospitalStays.sourceSystem} = any(${pgArray(systems)}::text[])`,
          sql`${hospitalStays.sourceStayId} = any(${pgArray([...new Set(named.sources.map((s) => s.sourceStayId))])}::text[])`,
        ),
      )
      .for('update');
    const seen = new Set(rows.map((r) => r.id));
    for (const r of found) if (wanted.has(sourceKey(r.sourceSystem, r.sourceStayId)) && !seen.has(r.id)) rows.push(r);
  }
  const byId = new Map<string, Model>();
  const bySource = new Map<string, Model>();
  if (rows.length === 0) return { byId, bySource };
  const stayIds = pgArray(rows.map((r) => r.id));
  const [periods, items, spells, latest] = await inTurn([
    () => tx.select().from(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), sql`${readinessPeriods.stayId} = any(${stayIds}::uuid[])`)),
    () => tx.select().from(awaitedItems).where(and(eq(awaitedItems.placeId, placeId), sql`${awaitedItems.stayId} = any(${stayIds}::uuid[])`)),
    () =>
      tx
        .selectDistinctOn([wardSpells.stayId])
        .from(wardSpells)
        .where(and(eq(wardSpells.placeId, placeId), sql`${wardSpells.stayId} = any(${stayIds}::uuid[])`))
        .orderBy(wardSpells.stayId, sql`${wardSpells.seq} desc`),
    () =>
      rowsOf<{ stay_id: string; at: string | Date }>(
        tx,
        sql`select stay_id, max(at) as at from stay_event where place_id = ${placeId} and stay_id = any(${stayIds}::uuid[]) group by stay_id`,
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
        sql`${hospitalStays.personId} = any(${pgArray([...new Set(personIds)])}::uuid[])`,
        sql`(${hospitalStays.status} <> 'discharged' or ${hospitalStays.dischargedAt} > ${from.toISOString()}::timestamptz)`,
      ),
    );
}

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
  'referral_id',
  'reablement_start',
  'relationship_id',
  'version',
  'updated_at',
];

/**
 * Writes what the batch changed, in the caller's transaction: the discharge team's relationships,
 * the stays (the ones already stored first, so a stay discharged by this batch is closed before
 * the person's next one opens), events, readiness periods, awaited items, ward spells and, for
 * stays discharged now, their delayed days.
 */
export async function persist(tx: Executor, actor: Actor, models: Model[], events: EventRow[]): Promise<void> {
  if (models.length === 0) return;
  const placeId = actor.placeId;
  // The hospital discharge team holds a relationship while the person is in hospital.
  const opening = models.filter((m) => m.isNew && !m.dischargedNow);
  const team = opening.length ? await dischargeTeamOf(tx, placeId) : null;
  if (team) {
    const ids = await grantRelationships(
      tx,
      opening.map((m) => ({
        placeId,
        personId: m.row.personId,
        kind: 'hospital' as const,
        teamId: team.id,
        sector: 'integrated' as const,
        reason: `In ${m.hospitalName}, ${m.row.ward}: the hospital discharge team works the stay`,
        validFrom: m.row.admittedAt,
        grantedBy: actor.userId,
      })),
    );
    opening.forEach((m, i) => (m.row.relationshipId = ids[i]!));
  }
  await endRelationshipsAt(
    tx,
    placeId,
    models.filter((m) => m.dischargedNow && m.row.relationshipId && !m.isNew).map((m) => ({ id: m.row.relationshipId!, at: m.row.dischargedAt! })),
    actor.userId,
  );

  const upsert = sql.raw(`on conflict (place_id, id) do update set ${stayColumnsChanged.map((c) => `${c} = excluded.${c}`).join(', ')}`);
  await insertAsJson(tx, hospitalStays, models.filter((m) => !m.isNew).map((m) => m.row), upsert);
  await insertAsJson(tx, hospitalStays, models.filter((m) => m.isNew).map((m) => m.row));
  await insertAsJson(tx, stayEvents, events);

  const existing = models.filter((m) => !m.isNew && m.state.periods.length > 0).map((m) => m.row.id);
  if (existing.length) await tx.delete(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), sql`${readinessPeriods.stayId} = any(${pgArray(existing)}::uuid[])`));
  await insertAsJson(
    tx,
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
  );
  await insertAsJson(
    tx,
    awaitedItems,
    models.flatMap((m) => m.items.filter((it) => it.dirty).map(({ dirty: _d, ...it }) => it)),
    sql.raw('on conflict (place_id, id) do update set resolved_at = excluded.resolved_at'),
  );
  await insertAsJson(
    tx,
    wardSpells,
    models.flatMap((m) => m.spells.filter((s) => s.dirty).map(({ dirty: _d, ...s }) => s)),
    sql.raw('on conflict (place_id, stay_id, seq) do update set to_at = excluded.to_at, to_on = excluded.to_on'),
  );
  await insertAsJson(
    tx,
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
  );
}
