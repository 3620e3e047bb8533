/**
 * Applies hospital events to stays, one or many at a time, in the caller's transaction. The API
 * sends one event, the daily feed thousands: both go through here, so both follow the same rules
 * and write the same rows. Events are idempotent on (source system, event id).
 *
 * A batch is set-based: what it needs is looked up once (events already received, the stays
 * named, the people admitted and their other stays, the hospitals), the events are applied in
 * memory in order, and each kind of row is written in one statement (stay-store.ts). Stays that
 * become ready on pathways 1–3 send their referrals to the front door as one batch.
 */
import type { Actor } from '../access/actor.js';
import { appendAudit } from '../access/audit.js';
import type { Executor, SQL } from '../platform/db.js';
import { ageOn } from '../platform/dates.js';
import { newId } from '../platform/ids.js';
import { admissionMethods, attributionFor, type Attribution, type DelayReason } from './codes.js';
import { dischargeTeamOf, hospitalsOfPlace, peopleFacts, type Hospital, type PersonFacts } from './directory.js';
import { linkDischargeReferrals } from './referral-link.js';
import { applyEvent, dischargeReadyDate, delayOf, londonDateOf, RuleBroken, type FlowEvent } from './rules.js';
import type { AwaitedItemRow, StayRow, WardSpellRow } from './schema.js';
import { knownEvents, loadModels, lockStays, referralsOfStaysSql, sourceKey, staysOfPeopleFrom, storedStays, writeStatements, type EventRow, type Model, type StayOfPerson } from './stay-store.js';

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

function keyOfIncoming(e: Incoming): StayKey {
  return e.kind === 'admit' ? { sourceSystem: e.sourceSystem, sourceStayId: e.sourceStayId } : e.stay;
}

/** The stay an event names, as a key of the models by sender's id, or its id. */
function stayRefOf(e: Incoming): { id: string } | { source: string } {
  if (e.kind === 'admit') return { source: sourceKey(e.sourceSystem, e.sourceStayId) };
  return 'stayId' in e.stay ? { id: e.stay.stayId } : { source: sourceKey(e.stay.sourceSystem, e.stay.sourceStayId) };
}

export type ProcessResult = { outcomes: Outcome[]; stays: Map<string, StayRow> };

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

/**
 * What a batch of the feed leaves for the next before its own writes are committed: the stays it
 * loaded, as it left them, and the events it added. The next batch reads these from here and
 * everything else from the database, so it can be prepared while this one is still being written.
 */
export type Carry = { models: Map<string, Model>; events: Map<string, { stayId: string; kind: string }>; dischargeTeam: { id: string; name: string } | null | undefined };

/** A stay of the batch before as the next batch starts from it: a copy (that batch may still be writing its own), no longer new, nothing pending. */
function carried(m: Model): Model {
  return {
    ...m,
    row: { ...m.row },
    isNew: false,
    changed: false,
    state: { ...m.state, periods: m.state.periods.map((p) => ({ ...p })) },
    items: m.items.map((it) => ({ ...it, dirty: false })),
    spells: m.spells.slice(-1).map((w) => ({ ...w, dirty: false })),
    refusedAt: null,
    becameReady: false,
    dischargedNow: false,
  };
}

/** What a batch's events apply to, as looked up. */
export type Prepared = {
  placeId: string;
  /** Each event's (source system, event id) key, in order. */
  keys: string[];
  known: Map<string, { stayId: string; kind: string }>;
  hospitals: Map<string, Hospital>;
  byId: Map<string, Model>;
  bySource: Map<string, Model>;
  personById: Map<string, PersonFacts>;
  personByNhs: Map<string, PersonFacts>;
  staysOf: Map<string, StayOfPerson[]>;
  /** Stays taken from the batch before, with the version it left them at: checked once it has committed. */
  carriedVersions: Map<string, number>;
  dischargeTeam: { id: string; name: string } | null | undefined;
};

/**
 * Looks up what the events need, locking the stays they name (for update). With `carry`, the
 * stays and events of the batch before come from it rather than from the database, which does not
 * have them yet. Only an event of a stay that exists can have been received before (an event is
 * stored with its stay), so the others are not looked up; `everyEvent` looks up every one, for a
 * sender that used one event id for two stays (its second event then fails on the unique index).
 */
export async function prepareBatch(tx: Executor, placeId: string, events: Incoming[], carry?: Carry, opts: { everyEvent?: boolean } = {}): Promise<Prepared> {
  const keys = events.map((e) => sourceKey(e.sourceSystem, e.eventId));
  const refs = events.map(stayRefOf);
  const carriedBySource = carry ? new Map([...carry.models.values()].map((m) => [sourceKey(m.row.sourceSystem, m.row.sourceStayId), m])) : null;
  const carriedOf = (i: number) => {
    const ref = refs[i]!;
    return 'id' in ref ? carry?.models.get(ref.id) : carriedBySource?.get(ref.source);
  };

  // Which of the stays named are stored (those the batch before had are not, yet).
  const named = { ids: [] as string[], sources: [] as { sourceSystem: string; sourceStayId: string }[] };
  events.forEach((e, i) => {
    if (carriedOf(i)) return;
    const ref = refs[i]!;
    if ('id' in ref) named.ids.push(ref.id);
    else named.sources.push(keyOfIncoming(e) as { sourceSystem: string; sourceStayId: string });
  });
  const stored = await storedStays(tx, placeId, named);
  const storedIdOf = (i: number) => {
    const ref = refs[i]!;
    return 'id' in ref ? (stored.ids.has(ref.id) ? ref.id : undefined) : stored.bySource.get(ref.source);
  };

  // Events already received: the batch before's from its carry, the others from the database.
  const known = new Map<string, { stayId: string; kind: string }>();
  const unknown: Incoming[] = [];
  events.forEach((e, i) => {
    const before = carry?.events.get(keys[i]!);
    if (before) known.set(keys[i]!, before);
    else if (opts.everyEvent || carriedOf(i) || storedIdOf(i)) unknown.push(e);
  });
  for (const [key, k] of await knownEvents(tx, placeId, unknown)) known.set(key, k);
  const freshAt = events.flatMap((_e, i) => (known.has(keys[i]!) ? [] : [i]));
  const fresh = freshAt.map((i) => events[i]!);
  const hospitals = new Map<string, Hospital>();
  if (fresh.length) {
    for (const h of await hospitalsOfPlace(tx, placeId)) {
      hospitals.set(h.id, h);
      if (h.odsCode) hospitals.set(h.odsCode.toUpperCase(), h);
    }
  }
  const hospitalName = (id: string) => hospitals.get(id)?.name ?? 'hospital';

  // The stays the new events name: from the batch before when it had them, otherwise locked and loaded.
  const byId = new Map<string, Model>();
  const bySource = new Map<string, Model>();
  const carriedVersions = new Map<string, number>();
  const toLoad = new Set<string>();
  for (const i of freshAt) {
    const m = carriedOf(i);
    if (m) {
      if (byId.has(m.row.id)) continue;
      const c = carried(m);
      byId.set(c.row.id, c);
      bySource.set(sourceKey(c.row.sourceSystem, c.row.sourceStayId), c);
      carriedVersions.set(c.row.id, c.row.version);
    } else {
      const id = storedIdOf(i);
      if (id) toLoad.add(id);
    }
  }
  const loaded = await loadModels(tx, placeId, { ids: [...toLoad], sources: [] }, hospitalName);
  for (const [id, m] of loaded.byId) byId.set(id, m);
  for (const [key, m] of loaded.bySource) bySource.set(key, m);

  const admits = fresh.filter((e): e is Extract<Incoming, { kind: 'admit' }> => e.kind === 'admit');
  const facts = await peopleFacts(
    tx,
    placeId,
    admits.flatMap((e) => ('id' in e.person ? [e.person.id] : [])),
    admits.flatMap((e) => ('nhsNumber' in e.person ? [e.person.nhsNumber] : [])),
  );
  const personById = new Map<string, PersonFacts>(facts.map((f) => [f.id, f]));
  const personByNhs = new Map<string, PersonFacts>(facts.filter((f) => f.nhsNumber && !f.mergedIntoId).map((f) => [f.nhsNumber!, f]));

  // The admitted people's other stays that an admission could overlap: stored ones, and those the
  // batch before touched as it left them (the database does not have its writes yet).
  const staysOf = new Map<string, StayOfPerson[]>();
  const add = (s: StayOfPerson) => {
    const list = staysOf.get(s.personId);
    if (!list) staysOf.set(s.personId, [s]);
    else {
      const at = list.findIndex((x) => x.id === s.id);
      if (at < 0) list.push(s);
      else list[at] = s;
    }
  };
  if (admits.length) {
    const people = new Set(facts.map((f) => f.mergedIntoId ?? f.id));
    const earliest = new Date(Math.min(...admits.map((e) => e.at.getTime())));
    for (const s of await staysOfPeopleFrom(tx, placeId, [...people], earliest)) add(s);
    for (const m of carry?.models.values() ?? []) {
      const r = m.row;
      if (people.has(r.personId)) add({ id: r.id, personId: r.personId, sourceSystem: r.sourceSystem, sourceStayId: r.sourceStayId, hospitalId: r.hospitalId, admittedAt: r.admittedAt, dischargedAt: r.dischargedAt });
    }
  }
  // The hospital discharge team takes a relationship with everyone admitted and not yet discharged.
  const dischargeTeam = carry?.dischargeTeam !== undefined ? carry.dischargeTeam : admits.length ? await dischargeTeamOf(tx, placeId) : undefined;
  return { placeId, keys, known, hospitals, byId, bySource, personById, personByNhs, staysOf, carriedVersions, dischargeTeam };
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

/** The batch before changed a stay this one carried on from (another writer got in between its commit and this batch's lock). */
export class CarriedStayChanged extends Error {}

/**
 * Writes an applied batch in the caller's transaction: first, for stays carried on from the batch
 * before (which has committed by now), their lock and a check that nobody else changed them since;
 * then the discharge referrals, all of the batch at once at the front door; then the rows, and one
 * audit entry naming every person touched (and one for each referral).
 */
export async function writeBatch(tx: Executor, actor: Actor, now: Date, applied: Applied, auditAction: string, statements?: SQL[]): Promise<void> {
  const { touched, newEvents, prepared } = applied;
  const placeId = actor.placeId;
  if (prepared.carriedVersions.size) {
    const stored = await lockStays(tx, placeId, [...prepared.carriedVersions.keys()]);
    for (const [id, version] of prepared.carriedVersions) {
      const row = stored.get(id);
      if (!row || row.version !== version) throw new CarriedStayChanged(`stay ${id} changed while the feed was applying it`);
      // What the batch before linked while it wrote (its referral).
      const m = prepared.byId.get(id)!;
      m.row.referralId ??= row.referralId;
      m.row.relationshipId ??= row.relationshipId;
    }
  }
  // From hospital to home: ready on pathway 1–3 → a referral at the front door (joined, not
  // duplicated), all of the batch's at once.
  const referring = touched.filter((m) => m.becameReady && m.row.pathway !== null && m.row.pathway >= 1 && !m.row.referralId);
  const referrals = await linkDischargeReferrals(
    tx,
    actor,
    now,
    referring.map((m) => ({
      id: m.row.id,
      personId: m.row.personId,
      pathway: m.row.pathway!,
      hospitalName: m.hospitalName,
      ward: m.row.ward,
      readyAt: m.row.readySince ?? m.state.periods[m.state.periods.length - 1]?.readyFrom ?? now,
    })),
  );
  referring.forEach((m, i) => (m.row.referralId = referrals[i]!));
  for (const statement of statements ?? writeStatementsOf(applied, actor)) await tx.execute(statement);
  const linked = referralsOfStaysSql(
    placeId,
    referring.map((m) => ({ stayId: m.row.id, referralId: m.row.referralId! })),
  );
  if (linked) await tx.execute(linked);
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
}

/** The statements that write an applied batch: they need nothing more from the database, so they can be built while the batch before is still writing. */
export function writeStatementsOf(applied: Applied, actor: Actor): SQL[] {
  return writeStatements(actor, applied.touched, applied.newEvents, applied.prepared.dischargeTeam);
}

/**
 * Applies the events in order in the caller's transaction: looked up, applied in memory, written.
 * An event the rules refuse is answered with its problem and changes nothing; so are the later
 * events of the same stay in this batch.
 */
export async function processEvents(tx: Executor, actor: Actor, now: Date, events: Incoming[], auditAction: string, opts: { everyEvent?: boolean } = { everyEvent: true }): Promise<ProcessResult> {
  if (events.length === 0) return { outcomes: [], stays: new Map() };
  const applied = applyBatch(await prepareBatch(tx, actor.placeId, events, undefined, opts), actor, now, events);
  await writeBatch(tx, actor, now, applied, auditAction);
  return { outcomes: applied.outcomes, stays: new Map(applied.touched.map((m) => [m.row.id, m.row])) };
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

