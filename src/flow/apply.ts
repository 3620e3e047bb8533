/**
 * A batch of events applied to its stays in memory, in order: the rules (rules.ts), one stay at a
 * time for admissions (docs/decisions/0006-one-stay-at-a-time.md), awaited items, ward spells, and
 * the rows to write. Pure: it reads what prepareBatch looked up and changes only the models.
 */
import type { Actor } from '../access/actor.js';
import { ageOn } from '../platform/dates.js';
import { newId } from '../platform/ids.js';
import { admissionMethods, attributionFor } from './codes.js';
import type { AwaitingIn, Carry, Incoming, Outcome, Prepared, Problem } from './engine.js';
import { applyEvent, dischargeReadyDate, delayOf, londonDateOf, RuleBroken, type FlowEvent } from './rules.js';
import type { AwaitedItemRow, StayRow, WardSpellRow } from './schema.js';
import { sourceKey, type EventRow, type Model, type StayOfPerson } from './stay-store.js';

/**
 * A person is in one hospital stay at a time (docs/decisions/0006-one-stay-at-a-time.md): an
 * admission at `at` is refused while another stay of the person is open, or when one was
 * discharged after `at`. Returns the problem, or null.
 */
function overlapProblem(others: Iterable<StayOfPerson>, at: Date, field: string, hospitalName: (id: string) => string): Problem | null {
  for (const o of others) {
    if (o.dischargedAt !== null && o.dischargedAt.getTime() <= at.getTime()) continue;
    const where = `stay ${o.sourceStayId} from ${o.sourceSystem} at ${hospitalName(o.hospitalId)}, admitted ${o.admittedAt.toISOString()}`;
    if (o.dischargedAt === null) {
      return {
        kind: 'conflict',
        field,
        message: `is in hospital already (${where}, not discharged): a person is in one hospital stay at a time, so send that stay's discharge first, or check the person`,
      };
    }
    return {
      kind: 'conflict',
      field: 'at',
      message: `falls within another stay of the person (${where}, discharged ${o.dischargedAt.toISOString()}): a person is in one hospital stay at a time, so an admission comes at or after the previous discharge`,
    };
  }
  return null;
}

/** The batch applied in memory: each event's outcome, the stays it changed and the events to store. */
export type Applied = { outcomes: Outcome[]; touched: Model[]; newEvents: EventRow[]; prepared: Prepared; carry: Carry };

/**
 * Applies the events in order, in memory. An event the rules refuse is answered with its problem
 * and changes nothing; so are the later events of the same stay in this batch.
 */
export function applyBatch(prepared: Prepared, actor: Actor, now: Date, events: Incoming[]): Applied {
  const { placeId, keys, known, hospitals, byId, bySource, personById, personByNhs, staysOf } = prepared;
  const hospitalName = (id: string) => hospitals.get(id)?.name ?? 'hospital';
  const outcomes: Outcome[] = [];
  const currentStaysOf = (personId: string): StayOfPerson[] => {
    const stays = staysOf.get(personId);
    if (!stays) return [];
    return stays.map((s) => {
      const m = byId.get(s.id);
      return m && m.row.dischargedAt !== s.dischargedAt ? { id: s.id, personId: s.personId, sourceSystem: s.sourceSystem, sourceStayId: s.sourceStayId, hospitalId: s.hospitalId, admittedAt: s.admittedAt, dischargedAt: m.row.dischargedAt } : s;
    });
  };

  const newEvents: EventRow[] = [];
  const seenKeys = new Map<string, string>();

  const refuse = (i: number, stayId: string | null, problem: Problem, model?: Model) => {
    if (model && model.refusedAt === null) model.refusedAt = i;
    outcomes[i] = { status: 'rejected', stayId, problem };
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const key = keys[i]!;
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
    let model = e.kind === 'admit' ? bySource.get(sourceKey(e.sourceSystem, e.sourceStayId)) : 'stayId' in e.stay ? byId.get(e.stay.stayId) : bySource.get(sourceKey(e.stay.sourceSystem, e.stay.sourceStayId));

    if (e.kind === 'admit') {
      if (model) {
        refuse(i, model.row.id, { kind: 'conflict', field: 'sourceStayId', message: `stay ${e.sourceStayId} from ${e.sourceSystem} is already admitted` });
        continue;
      }
      const personField = 'id' in e.person ? 'person.id' : 'person.nhsNumber';
      const person = 'id' in e.person ? personById.get(e.person.id) : personByNhs.get(e.person.nhsNumber);
      if (!person) {
        refuse(i, null, { kind: 'invalid', field: personField, message: 'is not a person on the register of this place' });
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
      const personId = person.mergedIntoId ?? person.id;
      const overlap = overlapProblem(currentStaysOf(personId), e.at, personField, hospitalName);
      if (overlap) {
        refuse(i, null, overlap);
        continue;
      }
      const id = newId();
      const admittedOn = londonDateOf(e.at);
      const row: StayRow = {
        placeId,
        id,
        personId,
        hospitalId: hospital.id,
        ward: e.ward,
        admissionMethod: e.admissionMethod,
        admissionGroup: method.group,
        admittedAt: e.at,
        admittedOn,
        zoneId: person.zoneId,
        ageAtAdmission: ageOn(person.birthDate, admittedOn),
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
        spells: [],
        refusedAt: null,
        becameReady: false,
        dischargedNow: false,
        hospitalName: hospital.name,
      };
      byId.set(id, model);
      bySource.set(sourceKey(e.sourceSystem, e.sourceStayId), model);
      const mine: StayOfPerson = { id, personId, sourceSystem: e.sourceSystem, sourceStayId: e.sourceStayId, hospitalId: hospital.id, admittedAt: e.at, dischargedAt: null };
      const others = staysOf.get(personId);
      if (others) others.push(mine);
      else staysOf.set(personId, [mine]);
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
  // The discharge team's relationship with everyone admitted and still in hospital: its id now, so
  // the batch's writes can be built before they run (and the next batch carries it on).
  if (prepared.dischargeTeam) for (const m of touched) if (m.isNew && !m.dischargedNow) m.row.relationshipId = newId();
  const written = new Map(newEvents.map((e) => [sourceKey(e.sourceSystem, e.eventId), { stayId: e.stayId, kind: e.kind }]));
  return { outcomes, touched, newEvents, prepared, carry: { models: byId, events: written, dischargeTeam: prepared.dischargeTeam } };
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
    planId: null,
    serviceLineId: null,
    providerPartnerId: null,
    plannedStart: null,
    packageStatus: null,
    metOn: null,
    dirty: true,
  };
}

/**
 * The person leaves their ward at `at`, for `ward` (a ward move) or for home (null, a discharge).
 * A stay that never moved keeps no ward spells (its one ward is the stay's); the first move writes
 * the ward of the admission as the first spell, then the new one.
 */
function moveWard(model: Model, ward: string | null, at: Date): void {
  const on = londonDateOf(at);
  const row = model.row;
  let current = model.spells[model.spells.length - 1];
  if (ward === null) {
    if (current && current.toAt === null) Object.assign(current, { toAt: at, toOn: on, dirty: true });
    return;
  }
  if (!current) {
    current = { placeId: row.placeId, stayId: row.id, seq: 1, ward: row.ward, fromAt: row.admittedAt, fromOn: row.admittedOn, toAt: null, toOn: null, dirty: true };
    model.spells.push(current);
  }
  if (current.toAt === null) Object.assign(current, { toAt: at, toOn: on, dirty: true });
  const next: WardSpellRow & { dirty?: boolean } = { placeId: row.placeId, stayId: row.id, seq: current.seq + 1, ward, fromAt: at, fromOn: on, toAt: null, toOn: null, dirty: true };
  model.spells.push(next);
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
      moveWard(model, e.ward, e.at);
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
      moveWard(model, null, e.at);
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
): EventRow {
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

