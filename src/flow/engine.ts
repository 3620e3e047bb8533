/**
 * Applies hospital events to stays, one or many at a time, in the caller's transaction. The API
 * sends one event, the daily feed thousands: both go through here, so both follow the same rules
 * and write the same rows. Events are idempotent on (source system, event id).
 *
 * A batch is set-based, in three phases: prepare (what it needs is looked up once: events already
 * received, the stays named, the people admitted and their other stays, the hospitals), apply (the
 * events in order, in memory), write (the rows in a statement or two, stay-store.ts, and the
 * referrals of stays that became ready on pathways 1–3, as one batch at the front door). The API
 * runs the three in one go; the daily feed prepares and applies a chunk while the chunk before is
 * still writing (feed-chunks.ts).
 */
import type { Actor } from '../access/actor.js';
import { appendAudit } from '../access/audit.js';
import type { Executor, SQL } from '../platform/db.js';
import { applyBatch, type Applied } from './apply.js';
import type { Attribution, DelayReason } from './codes.js';
import { dischargeTeamOf, hospitalsOfPlace, peopleFacts, type Hospital, type PersonFacts } from './directory.js';
import { linkDischargeReferrals } from './referral-link.js';
import type { StayRow } from './schema.js';
import { knownEvents, loadModels, lockStays, referralsOfStaysSql, sourceKey, staysOfPeopleFrom, storedStays, writeStatements, type Model, type StayOfPerson } from './stay-store.js';

export { applyBatch, type Applied } from './apply.js';

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

/** The batch before changed a stay this one carried on from (another writer got in between its commit and this batch's lock). */
export class CarriedStayChanged extends Error {}

/**
 * The batch's audit entry, naming every person it touched (the referrals have their own, at the
 * front door). It needs nothing the batch before writes, so the daily feed appends it while that
 * batch is still writing.
 */
export async function auditBatch(tx: Executor, actor: Actor, now: Date, applied: Applied, auditAction: string): Promise<void> {
  const { touched, newEvents } = applied;
  if (touched.length === 0) return;
  await appendAudit(
    tx,
    [
      {
        placeId: actor.placeId,
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

/**
 * Writes an applied batch in the caller's transaction: first, for stays carried on from the batch
 * before (which has committed by now), their lock and a check that nobody else changed them since;
 * then the discharge referrals, all of the batch at once at the front door; then the rows, and the
 * audit entry (unless `audited`: appended already by auditBatch).
 */
export async function writeBatch(tx: Executor, actor: Actor, now: Date, applied: Applied, auditAction: string, statements?: SQL[], opts: { audited?: boolean } = {}): Promise<void> {
  const { touched, prepared } = applied;
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
  if (!opts.audited) await auditBatch(tx, actor, now, applied, auditAction);
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

