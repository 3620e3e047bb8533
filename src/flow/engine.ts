/**
 * Applies hospital events to stays, one or many at a time, in the caller's transaction. The API
 * sends one event, the daily feed thousands: both go through here, so both follow the same rules
 * and write the same rows. Events are idempotent on (source system, event id).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { appendAudit } from '../access/audit.js';
import { endRelationship, grantRelationship } from '../access/relationships.js';
import type { Executor } from '../platform/db.js';
import { ageOn } from '../platform/dates.js';
import { newId } from '../platform/ids.js';
import { admissionMethods, attributionFor, type Attribution, type DelayReason } from './codes.js';
import { dischargeTeamOf, hospitalsOfPlace, peopleFacts, type Hospital, type PersonFacts } from './directory.js';
import { linkDischargeReferral } from './referral-link.js';
import { inTurn } from './in-turn.js';
import { insertAsJson } from '../platform/bulk.js';
import { applyEvent, delayedDays, delayOf, dischargeReadyDate, londonDateOf, RuleBroken, type FlowEvent, type StayState } from './rules.js';
import { awaitedItems, delayDays, hospitalStays, readinessPeriods, stayEvents, type AwaitedItemRow, type StayRow } from './schema.js';

export type StayKey = { stayId: string } | { sourceSystem: string; sourceStayId: string };
export type AwaitingIn = { reason: DelayReason; note?: string; ownerTeamId?: string | null; ownerName?: string; attribution?: Attribution };

type Common = { sourceSystem: string; eventId: string; at: Date };
export type Incoming = Common &
  (
    | { kind: 'admit'; sourceStayId: string; person: { id: string } | { nhsNumber: string }; hospital: string; ward: string; admissionMethod: string }
    | { kind: 'ward_move'; stay: StayKey; ward: string }
    | { kind: 'not_meeting_criteria'; stay: StayKey; pathway: number; awaiting?: AwaitingIn[] }
    | { kind: 'meeting_criteria'; stay: StayKey }
    | { kind: 'awaiting'; stay: StayKey; item: AwaitingIn }
    | { kind: 'awaiting_resolved'; stay: StayKey; itemId?: string; reason?: DelayReason }
    | { kind: 'discharge'; stay: StayKey; destination: string; pathway?: number | null; reablementStart?: string | null }
  );

export type Problem = { kind: 'invalid' | 'conflict' | 'not_found'; field: string; message: string };
export type Outcome = { status: 'applied' | 'replayed' | 'rejected'; stayId: string | null; problem?: Problem };

type Model = {
  row: StayRow;
  isNew: boolean;
  changed: boolean;
  state: StayState;
  items: (AwaitedItemRow & { dirty?: boolean })[];
  /** Index of the event of this batch that was refused; later events of the stay are refused too. */
  refusedAt: number | null;
  becameReady: boolean;
  dischargedNow: boolean;
  hospitalName: string;
};

const sourceKey = (system: string, id: string) => `${system}\u0001${id}`;

function keyOfIncoming(e: Incoming): StayKey {
  return e.kind === 'admit' ? { sourceSystem: e.sourceSystem, sourceStayId: e.sourceStayId } : e.stay;
}

function stateOf(row: StayRow, periods: (typeof readinessPeriods.$inferSelect)[], lastEventAt: Date): StayState {
  return {
    status: row.status as StayState['status'],
    admittedAt: row.admittedAt,
    lastEventAt,
    dischargedAt: row.dischargedAt,
    periods: periods
      .sort((a, b) => a.seq - b.seq)
      .map((p) => ({ readyFrom: p.readyFrom, readyTo: p.readyTo, endedBy: p.endedBy as 'meets_criteria' | 'discharged' | null, pathway: p.pathway })),
  };
}

/** The stays these events name, locked for this transaction, with their readiness periods and awaited items. */
async function loadModels(tx: Executor, placeId: string, events: Incoming[], hospitals: Map<string, Hospital>) {
  const ids = new Set<string>();
  const systems = new Set<string>();
  const sourceIds = new Set<string>();
  for (const e of events) {
    const k = keyOfIncoming(e);
    if ('stayId' in k) ids.add(k.stayId);
    else {
      systems.add(k.sourceSystem);
      sourceIds.add(k.sourceStayId);
    }
  }
  const where = [];
  if (ids.size) where.push(inArray(hospitalStays.id, [...ids]));
  if (sourceIds.size) where.push(and(inArray(hospitalStays.sourceSystem, [...systems]), inArray(hospitalStays.sourceStayId, [...sourceIds])));
  const rows = where.length
    ? await tx
        .select()
        .from(hospitalStays)
        .where(and(eq(hospitalStays.placeId, placeId), where.length === 1 ? where[0] : sql`(${where[0]} or ${where[1]})`))
        .for('update')
    : [];
  const stayIds = rows.map((r) => r.id);
  const [periods, items, latest] = stayIds.length
    ? await inTurn([
        () => tx.select().from(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), inArray(readinessPeriods.stayId, stayIds))),
        () => tx.select().from(awaitedItems).where(and(eq(awaitedItems.placeId, placeId), inArray(awaitedItems.stayId, stayIds))),
        () => tx
          .select({ stayId: stayEvents.stayId, at: sql<Date>`max(${stayEvents.at})`.mapWith((v: unknown) => new Date(v as string)) })
          .from(stayEvents)
          .where(and(eq(stayEvents.placeId, placeId), inArray(stayEvents.stayId, stayIds)))
          .groupBy(stayEvents.stayId),
      ])
    : [[], [], []];
  const byId = new Map<string, Model>();
  const bySource = new Map<string, Model>();
  const lastAtOf = new Map(latest.map((l) => [l.stayId, l.at]));
  const periodsOf = groupBy(periods, (p) => p.stayId);
  const itemsOf = groupBy(items, (i) => i.stayId);
  for (const row of rows) {
    const lastAt = lastAtOf.get(row.id) ?? row.admittedAt;
    const model: Model = {
      row: { ...row },
      isNew: false,
      changed: false,
      state: stateOf(row, periodsOf.get(row.id) ?? [], lastAt),
      items: itemsOf.get(row.id) ?? [],
      refusedAt: null,
      becameReady: false,
      dischargedNow: false,
      hospitalName: hospitals.get(row.hospitalId)?.name ?? 'hospital',
    };
    byId.set(row.id, model);
    bySource.set(sourceKey(row.sourceSystem, row.sourceStayId), model);
  }
  return { byId, bySource };
}

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

async function knownEvents(tx: Executor, placeId: string, events: Incoming[]) {
  const systems = [...new Set(events.map((e) => e.sourceSystem))];
  const ids = [...new Set(events.map((e) => e.eventId))];
  const rows = await tx
    .select({ sourceSystem: stayEvents.sourceSystem, eventId: stayEvents.eventId, stayId: stayEvents.stayId, kind: stayEvents.kind })
    .from(stayEvents)
    .where(and(eq(stayEvents.placeId, placeId), inArray(stayEvents.sourceSystem, systems), inArray(stayEvents.eventId, ids)));
  return new Map(rows.map((r) => [sourceKey(r.sourceSystem, r.eventId), r]));
}

export type ProcessResult = { outcomes: Outcome[]; stays: Map<string, StayRow> };

/**
 * Applies the events in order. An event the rules refuse is answered with its problem and
 * changes nothing; so are the later events of the same stay in this batch. Everything applied
 * is written in the caller's transaction, with one audit entry.
 */
export async function processEvents(tx: Executor, actor: Actor, now: Date, events: Incoming[], auditAction: string): Promise<ProcessResult> {
  const placeId = actor.placeId;
  const outcomes: Outcome[] = [];
  if (events.length === 0) return { outcomes, stays: new Map() };
  const hospitals = new Map<string, Hospital>();
  for (const h of await hospitalsOfPlace(tx, placeId)) {
    hospitals.set(h.id, h);
    if (h.odsCode) hospitals.set(h.odsCode.toUpperCase(), h);
  }
  const { byId, bySource } = await loadModels(tx, placeId, events, hospitals);
  const known = await knownEvents(tx, placeId, events);
  const admits = events.filter((e): e is Extract<Incoming, { kind: 'admit' }> => e.kind === 'admit');
  const facts = await peopleFacts(
    tx,
    placeId,
    admits.flatMap((e) => ('id' in e.person ? [e.person.id] : [])),
    admits.flatMap((e) => ('nhsNumber' in e.person ? [e.person.nhsNumber] : [])),
  );
  const personById = new Map<string, PersonFacts>(facts.map((f) => [f.id, f]));
  const personByNhs = new Map<string, PersonFacts>(facts.filter((f) => f.nhsNumber && !f.mergedIntoId).map((f) => [f.nhsNumber!, f]));

  const newEvents: (typeof stayEvents.$inferInsert)[] = [];
  const seenKeys = new Map<string, string>();

  const refuse = (i: number, stayId: string | null, problem: Problem, model?: Model) => {
    if (model && model.refusedAt === null) model.refusedAt = i;
    outcomes[i] = { status: 'rejected', stayId, problem };
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const key = sourceKey(e.sourceSystem, e.eventId);
    const before = known.get(key);
    if (before || seenKeys.has(key)) {
      const stayId = before?.stayId ?? seenKeys.get(key)!;
      if (before && before.kind !== e.kind) {
        refuse(i, stayId, { kind: 'conflict', field: 'eventId', message: `event ${e.eventId} from ${e.sourceSystem} was already received as a ${before.kind} event` });
      } else outcomes[i] = { status: 'replayed', stayId };
      continue;
    }
    if (e.at.getTime() > now.getTime() + 5 * 60_000) {
      refuse(i, null, { kind: 'invalid', field: 'at', message: `is in the future (now is ${now.toISOString()}): send events when they have happened` });
      continue;
    }
    const k = keyOfIncoming(e);
    let model = 'stayId' in k ? byId.get(k.stayId) : bySource.get(sourceKey(k.sourceSystem, k.sourceStayId));

    if (e.kind === 'admit') {
      if (model) {
        refuse(i, model.row.id, { kind: 'conflict', field: 'sourceStayId', message: `stay ${e.sourceStayId} from ${e.sourceSystem} is already admitted` });
        continue;
      }
      const person = 'id' in e.person ? personById.get(e.person.id) : personByNhs.get(e.person.nhsNumber);
      if (!person) {
        const field = 'id' in e.person ? 'person.id' : 'person.nhsNumber';
        refuse(i, null, { kind: 'invalid', field, message: 'is not a person on the register of this place' });
        continue;
      }
      const hospital = hospitals.get(e.hospital) ?? hospitals.get(e.hospital.toUpperCase());
      if (!hospital) {
        refuse(i, null, { kind: 'invalid', field: 'hospital', message: `${e.hospital} is not a hospital or NHS trust partner of this place` });
        continue;
      }
      const method = admissionMethods[e.admissionMethod];
      if (!method) {
        refuse(i, null, { kind: 'invalid', field: 'admissionMethod', message: `${e.admissionMethod} is not an NHS Data Dictionary admission method` });
        continue;
      }
      const id = newId();
      const row: StayRow = {
        placeId,
        id,
        personId: person.mergedIntoId ?? person.id,
        hospitalId: hospital.id,
        ward: e.ward,
        admissionMethod: e.admissionMethod,
        admissionGroup: method.group,
        admittedAt: e.at,
        admittedOn: londonDateOf(e.at),
        zoneId: person.zoneId,
        ageAtAdmission: ageOn(person.birthDate, londonDateOf(e.at)),
        status: 'in_hospital',
        dischargeReadyDate: null,
        readySince: null,
        pathway: null,
        dischargedAt: null,
        dischargedOn: null,
        dischargeDestination: null,
        delayDays: null,
        referralId: null,
        reablementStart: null,
        relationshipId: null,
        sourceSystem: e.sourceSystem,
        sourceStayId: e.sourceStayId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      model = {
        row,
        isNew: true,
        changed: true,
        state: { status: 'in_hospital', admittedAt: e.at, lastEventAt: e.at, periods: [], dischargedAt: null },
        items: [],
        refusedAt: null,
        becameReady: false,
        dischargedNow: false,
        hospitalName: hospital.name,
      };
      byId.set(id, model);
      bySource.set(sourceKey(e.sourceSystem, e.sourceStayId), model);
      newEvents.push(eventRow(placeId, model, e, null, null, { hospital: hospital.odsCode, ward: e.ward, admissionMethod: e.admissionMethod }, actor, now));
      seenKeys.set(key, id);
      outcomes[i] = { status: 'applied', stayId: id };
      continue;
    }

    if (!model) {
      refuse(i, null, { kind: 'not_found', field: 'stay', message: 'names no stay of this place: admit the person first' });
      continue;
    }
    if (model.refusedAt !== null) {
      refuse(i, model.row.id, { kind: 'conflict', field: 'stay', message: 'follows an earlier event of this stay that was refused' });
      continue;
    }
    try {
      const drdBefore = model.row.dischargeReadyDate;
      const detail = applyToModel(model, e, now);
      newEvents.push(eventRow(placeId, model, e, drdBefore, model.row.dischargeReadyDate, detail, actor, now));
      seenKeys.set(key, model.row.id);
      outcomes[i] = { status: 'applied', stayId: model.row.id };
    } catch (err) {
      if (err instanceof RuleBroken) refuse(i, model.row.id, { kind: err.kind, field: err.field, message: err.message }, model);
      else if (err instanceof ItemProblem) refuse(i, model.row.id, { kind: 'invalid', field: err.field, message: err.message }, model);
      else throw err;
    }
  }

  const touched = [...byId.values()].filter((m) => m.changed);
  await persist(tx, actor, now, touched, newEvents);
  if (touched.length) {
    await appendAudit(
      tx,
      [
        {
          placeId,
          userId: actor.userId,
          role: actor.role,
          action: auditAction,
          personIds: [...new Set(touched.map((m) => m.row.personId))],
          outcome: 'allowed',
          detail: { events: newEvents.length, stays: touched.length },
        },
      ],
      now,
    );
  }
  return { outcomes, stays: new Map(touched.map((m) => [m.row.id, m.row])) };
}

class ItemProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function newItem(model: Model, a: AwaitingIn, at: Date, field: string): AwaitedItemRow & { dirty?: boolean } {
  const attribution = attributionFor(a.reason, a.attribution);
  if ('problem' in attribution) throw new ItemProblem(`${field}.attribution`, attribution.problem);
  return {
    placeId: model.row.placeId,
    id: newId(),
    stayId: model.row.id,
    reason: a.reason,
    note: a.note ?? '',
    ownerTeamId: a.ownerTeamId ?? null,
    ownerName: a.ownerName ?? '',
    attribution: attribution.attribution,
    openedAt: at,
    resolvedAt: null,
    dirty: true,
  };
}

/** One event on one stay in memory; returns the detail kept with the event. */
function applyToModel(model: Model, e: Exclude<Incoming, { kind: 'admit' }>, now: Date): Record<string, unknown> {
  const row = model.row;
  const flow: FlowEvent =
    e.kind === 'awaiting' || e.kind === 'awaiting_resolved' ? { kind: 'ward_move', at: e.at } : e.kind === 'not_meeting_criteria' ? { kind: e.kind, at: e.at, pathway: e.pathway } : { kind: e.kind, at: e.at };
  const wasReady = model.state.status === 'ready';
  const state = applyEvent(model.state, flow);
  let detail: Record<string, unknown> = {};
  switch (e.kind) {
    case 'ward_move':
      detail = { from: row.ward, to: e.ward };
      row.ward = e.ward;
      break;
    case 'not_meeting_criteria': {
      const added = (e.awaiting ?? []).map((a, j) => newItem(model, a, e.at, `awaiting.${j}`));
      model.items.push(...added);
      row.pathway = e.pathway;
      if (!wasReady) model.becameReady = true;
      detail = { pathway: e.pathway, awaiting: added.map((a) => ({ id: a.id, reason: a.reason, attribution: a.attribution, owner: a.ownerName })) };
      break;
    }
    case 'meeting_criteria':
      // Meeting the criteria again: what they waited for is no longer awaited.
      for (const it of model.items) if (!it.resolvedAt) Object.assign(it, { resolvedAt: e.at, dirty: true });
      break;
    case 'awaiting': {
      if (model.state.status !== 'ready') throw new RuleBroken('conflict', 'kind', 'cannot be applied: the person still meets the criteria to reside, so nothing is awaited yet');
      const item = newItem(model, e.item, e.at, 'item');
      model.items.push(item);
      detail = { id: item.id, reason: item.reason, attribution: item.attribution, owner: item.ownerName };
      break;
    }
    case 'awaiting_resolved': {
      const open = model.items.filter((it) => !it.resolvedAt && (e.itemId ? it.id === e.itemId : e.reason ? it.reason === e.reason : true));
      if (open.length === 0) throw new ItemProblem(e.itemId ? 'itemId' : 'reason', 'names nothing this stay is awaiting');
      const it = open[0]!;
      Object.assign(it, { resolvedAt: e.at, dirty: true });
      detail = { id: it.id, reason: it.reason };
      break;
    }
    case 'discharge': {
      for (const it of model.items) if (!it.resolvedAt) Object.assign(it, { resolvedAt: e.at, dirty: true });
      row.dischargedAt = e.at;
      row.dischargedOn = londonDateOf(e.at);
      row.dischargeDestination = e.destination;
      if (e.pathway !== undefined && e.pathway !== null) row.pathway = e.pathway;
      if (row.pathway === null) row.pathway = 0;
      if (e.reablementStart !== undefined) row.reablementStart = e.reablementStart;
      model.dischargedNow = true;
      detail = { destination: e.destination, pathway: row.pathway, reablementStart: row.reablementStart };
      break;
    }
  }
  model.state = state;
  row.status = state.status;
  row.dischargeReadyDate = dischargeReadyDate(state);
  const current = state.periods[state.periods.length - 1];
  row.readySince = state.status === 'ready' && current ? current.readyFrom : null;
  if (e.kind === 'discharge') row.delayDays = delayOf(row.dischargeReadyDate, row.dischargedOn!);
  row.updatedAt = now;
  if (!model.isNew && !model.changed) row.version += 1;
  model.changed = true;
  return detail;
}

function eventRow(
  placeId: string,
  model: Model,
  e: Incoming,
  drdBefore: string | null,
  drdAfter: string | null,
  detail: Record<string, unknown>,
  actor: Actor,
  now: Date,
): typeof stayEvents.$inferInsert {
  return {
    placeId,
    id: newId(),
    stayId: model.row.id,
    kind: e.kind === 'admit' ? 'admit' : e.kind,
    at: e.at,
    sourceSystem: e.sourceSystem,
    eventId: e.eventId,
    detail,
    drdBefore,
    drdAfter,
    recordedAt: now,
    recordedBy: actor.userId,
  };
}

// PostgreSQL allows 65,535 parameters a statement.
function chunked<T extends object>(rows: T[]): T[][] {
  const first = rows[0];
  if (!first) return [];
  const per = Math.max(1, Math.floor(60_000 / Object.keys(first).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

async function persist(tx: Executor, actor: Actor, now: Date, models: Model[], events: (typeof stayEvents.$inferInsert)[]): Promise<void> {
  if (models.length === 0) return;
  const placeId = actor.placeId;
  // The hospital discharge team holds a relationship while the person is in hospital.
  const team = models.some((m) => (m.isNew && !m.dischargedNow) || (m.dischargedNow && m.row.relationshipId)) ? await dischargeTeamOf(tx, placeId) : null;
  for (const m of models) {
    if (m.isNew && !m.dischargedNow && team) {
      m.row.relationshipId = await grantRelationship(tx, {
        placeId,
        personId: m.row.personId,
        kind: 'hospital',
        teamId: team.id,
        sector: 'integrated',
        reason: `In ${m.hospitalName}, ${m.row.ward}: the hospital discharge team works the stay`,
        validFrom: m.row.admittedAt,
        grantedBy: actor.userId,
      });
    }
  }

  const stayRows = models.map((m) => m.row);
  await insertAsJson(
    tx,
    hospitalStays,
    stayRows,
    sql.raw(
      `on conflict (place_id, id) do update set ${['ward', 'status', 'discharge_ready_date', 'ready_since', 'pathway', 'discharged_at', 'discharged_on', 'discharge_destination', 'delay_days', 'reablement_start', 'relationship_id', 'version', 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    ),
  );
  await insertAsJson(tx, stayEvents, events);

  const existing = models.filter((m) => !m.isNew).map((m) => m.row.id);
  if (existing.length) await tx.delete(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), inArray(readinessPeriods.stayId, existing)));
  const periodRows = models.flatMap((m) =>
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
  );
  await insertAsJson(tx, readinessPeriods, periodRows);

  const itemRows = models.flatMap((m) => m.items.filter((it) => it.dirty).map(({ dirty: _d, ...it }) => it));
  for (const part of chunked(itemRows)) {
    await tx
      .insert(awaitedItems)
      .values(part)
      .onConflictDoUpdate({ target: [awaitedItems.placeId, awaitedItems.id], set: { resolvedAt: excluded('resolved_at') } });
  }

  const dayRows = models
    .filter((m) => m.dischargedNow)
    .flatMap((m) =>
      delayedDays(
        m.row.dischargeReadyDate,
        m.row.dischargedOn!,
        m.items.map((it) => ({ reason: it.reason as DelayReason, attribution: it.attribution as Attribution, openedAt: it.openedAt, resolvedAt: it.resolvedAt })),
      ).map((d) => ({ placeId, stayId: m.row.id, day: d.day, reason: d.reason, attribution: d.attribution, zoneId: m.row.zoneId })),
    );
  await insertAsJson(tx, delayDays, dayRows);

  for (const m of models) {
    if (m.dischargedNow && m.row.relationshipId && !m.isNew) await endRelationship(tx, placeId, m.row.relationshipId, m.row.dischargedAt!, actor.userId);
    // From hospital to home: ready on pathway 1–3 → a referral at the front door (joined, not duplicated).
    if (m.becameReady && m.row.pathway !== null && m.row.pathway >= 1 && !m.row.referralId) {
      const answer = await linkDischargeReferral(tx, actor, { now: () => now }, {
        id: m.row.id,
        personId: m.row.personId,
        pathway: m.row.pathway,
        hospitalName: m.hospitalName,
        ward: m.row.ward,
        readyAt: m.row.readySince ?? m.state.periods[m.state.periods.length - 1]?.readyFrom ?? now,
      });
      m.row.referralId = answer.referral.id;
      await tx
        .update(hospitalStays)
        .set({ referralId: answer.referral.id })
        .where(and(eq(hospitalStays.placeId, placeId), eq(hospitalStays.id, m.row.id)));
    }
  }
}
