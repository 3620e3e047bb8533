/**
 * Stays and their events through the API: who may send them, the access policy for the person,
 * and the answer. The rules and the writing are in engine.ts.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit, withPersonAccess } from '../access/guard.js';
import { isPractitioner, roleLabels } from '../access/roles.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { DomainError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { personForPolicy } from '../people/service.js';
import { admissionMethods, attributionLabels, delayReasons, dischargeDestinations, type Attribution, type DelayReason } from './codes.js';
import { hospitalsOfPlace, partnerNames, peopleFacts } from './directory.js';
import { packageOf } from './package-link.js';
import { processEvents, type Incoming, type StayKey } from './engine.js';
import { together } from '../platform/in-turn.js';
import { awaitedItems, hospitalStays, readinessPeriods, stayEvents, wardSpells, type StayRow, type WardSpellRow } from './schema.js';
import type { AdmitInput } from './types.js';

export const ownSourceSystem = 'caretrust';

/** The acute trust's system (integration role) and practitioners record stays; nobody else. */
function mayRecordStays(role: string): boolean {
  return role === 'integration' || isPractitioner(role);
}

async function refuseRole(ctx: Ctx, action: string): Promise<never> {
  return denyAndAudit(ctx, { action, personIds: [], reason: 'role', message: `Your role (${roleLabels[ctx.actor.role]}) does not record hospital stays.` });
}

export type StayView = Awaited<ReturnType<typeof stayViews>>[number];

/** The wards of a stay: its ward spells, or, for a stay that never moved, its one ward from admission to discharge. */
function wardsOf(r: StayRow, spells: WardSpellRow[]): { ward: string; from: string; to: string | null }[] {
  const own = spells.filter((w) => w.stayId === r.id);
  if (own.length === 0) return [{ ward: r.ward, from: r.admittedAt.toISOString(), to: r.dischargedAt?.toISOString() ?? null }];
  return own.map((w) => ({ ward: w.ward, from: w.fromAt.toISOString(), to: w.toAt?.toISOString() ?? null }));
}

/** Stays as the API shows them: the stay, what is awaited, readiness periods and events. */
export async function stayViews(tx: Executor, placeId: string, rows: StayRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [hospitals, items, periods, events, spells] = await together(tx, [
    () => hospitalsOfPlace(tx, placeId),
    () => tx.select().from(awaitedItems).where(and(eq(awaitedItems.placeId, placeId), inArray(awaitedItems.stayId, ids))).orderBy(asc(awaitedItems.openedAt)),
    () => tx.select().from(readinessPeriods).where(and(eq(readinessPeriods.placeId, placeId), inArray(readinessPeriods.stayId, ids))).orderBy(asc(readinessPeriods.seq)),
    () => tx.select().from(stayEvents).where(and(eq(stayEvents.placeId, placeId), inArray(stayEvents.stayId, ids))).orderBy(asc(stayEvents.at), asc(stayEvents.recordedAt)),
    () => tx.select().from(wardSpells).where(and(eq(wardSpells.placeId, placeId), inArray(wardSpells.stayId, ids))).orderBy(asc(wardSpells.seq)),
  ]);
  const hospitalOf = new Map(hospitals.map((h) => [h.id, h]));
  const providers = await partnerNames(tx, placeId, items.map((i) => i.providerPartnerId));
  return rows.map((r) => {
    const h = hospitalOf.get(r.hospitalId);
    return {
      id: r.id,
      version: r.version,
      personId: r.personId,
      hospital: { id: r.hospitalId, name: h?.name ?? '', odsCode: h?.odsCode ?? null },
      ward: r.ward,
      admissionMethod: r.admissionMethod,
      admissionMethodLabel: admissionMethods[r.admissionMethod]?.label ?? r.admissionMethod,
      admissionGroup: r.admissionGroup,
      admittedAt: r.admittedAt.toISOString(),
      status: r.status as 'in_hospital' | 'ready' | 'discharged',
      dischargeReadyDate: r.dischargeReadyDate,
      pathway: r.pathway,
      dischargedAt: r.dischargedAt?.toISOString() ?? null,
      dischargeDestination: r.dischargeDestination,
      dischargeDestinationLabel: r.dischargeDestination ? (dischargeDestinations[r.dischargeDestination] ?? null) : null,
      delayDays: r.delayDays,
      referralId: r.referralId,
      reablementStart: r.reablementStart,
      sourceSystem: r.sourceSystem,
      sourceStayId: r.sourceStayId,
      wards: wardsOf(r, spells),
      awaiting: items
        .filter((i) => i.stayId === r.id)
        .map((i) => ({
          id: i.id,
          reason: i.reason,
          reasonLabel: delayReasons[i.reason as DelayReason]?.label ?? i.reason,
          note: i.note,
          ownerTeamId: i.ownerTeamId,
          ownerName: i.ownerName,
          attribution: i.attribution,
          attributionLabel: attributionLabels[i.attribution as Attribution] ?? i.attribution,
          openedAt: i.openedAt.toISOString(),
          resolvedAt: i.resolvedAt?.toISOString() ?? null,
          package: packageOf(i, providers),
        })),
      readiness: periods
        .filter((p) => p.stayId === r.id)
        .map((p) => ({ readyFrom: p.readyFrom.toISOString(), readyOn: p.readyOn, readyTo: p.readyTo?.toISOString() ?? null, endedBy: p.endedBy, pathway: p.pathway })),
      events: events
        .filter((e) => e.stayId === r.id)
        .map((e) => ({ kind: e.kind, at: e.at.toISOString(), sourceSystem: e.sourceSystem, eventId: e.eventId, drdBefore: e.drdBefore, drdAfter: e.drdAfter, detail: e.detail as Record<string, unknown> })),
    };
  });
}

async function stayById(tx: Executor, placeId: string, id: string): Promise<StayRow> {
  const [row] = await tx.select().from(hospitalStays).where(and(eq(hospitalStays.placeId, placeId), eq(hospitalStays.id, id)));
  if (!row) throw new NotFoundError('There is no hospital stay with this id in this place.');
  return row;
}

/** One event through the engine, in the transaction; a refusal becomes the error answer (nothing written). */
async function applyOne(tx: Executor, ctx: Ctx, at: Date, e: Incoming, action: string): Promise<{ view: StayView; replayed: boolean }> {
  const { outcomes } = await processEvents(tx, ctx.actor, at, [e], action);
  const o = outcomes[0]!;
  if (o.status === 'rejected') {
    const p = o.problem!;
    throw new DomainError(p.kind, `${p.field}: ${p.message}`, [{ field: p.field, problem: p.message }]);
  }
  const [view] = await stayViews(tx, ctx.actor.placeId, [await stayById(tx, ctx.actor.placeId, o.stayId!)]);
  return { view: view!, replayed: o.status === 'replayed' };
}

/**
 * Another writer admitted the same person at the same moment (the one-open-stay index refused
 * this write): nothing was kept, and once more the engine sees their stay and answers by its rules.
 */
async function onceMoreIfRaced<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return work();
  }
}

/**
 * Runs the event as the integration account (the trust's system writes, and reads back only the
 * stay it sent) or as a practitioner through the access policy for the person.
 */
async function asSender<T>(ctx: Ctx, action: string, personId: () => Promise<string>, work: (tx: Executor, at: Date) => Promise<T>): Promise<T> {
  if (!mayRecordStays(ctx.actor.role)) return refuseRole(ctx, action);
  if (ctx.actor.role === 'integration') {
    const at = ctx.clock.now();
    return ctx.db.transaction((tx) => work(tx, at));
  }
  const id = await personId();
  return withPersonAccess(
    ctx,
    action,
    (tx) => personForPolicy(tx, ctx.actor.placeId, id),
    (tx, _p, _grant, at) => work(tx, at),
  );
}

export async function admitStay(ctx: Ctx, input: AdmitInput): Promise<{ view: StayView; replayed: boolean }> {
  const sourceSystem = input.sourceSystem ?? ownSourceSystem;
  const sourceStayId = input.sourceStayId ?? newId();
  const personId = async () => {
    if ('id' in input.person) return input.person.id;
    // A practitioner names the person by NHS number: find them so the policy can be asked.
    const [found] = (await peopleFacts(ctx.db, ctx.actor.placeId, [], [input.person.nhsNumber])).filter((p) => !p.mergedIntoId);
    if (!found) throw new DomainError('invalid', 'person.nhsNumber: is not a person on the register of this place', [{ field: 'person.nhsNumber', problem: 'is not a person on the register of this place' }]);
    return found.id;
  };
  const admission: Incoming = {
    kind: 'admit',
    sourceSystem,
    eventId: input.eventId ?? `admit:${sourceStayId}`,
    at: new Date(input.at),
    sourceStayId,
    person: input.person,
    hospital: input.hospital,
    ward: input.ward,
    admissionMethod: input.admissionMethod,
  };
  return onceMoreIfRaced(() => asSender(ctx, 'stay.admit', personId, (tx, at) => applyOne(tx, ctx, at, admission, 'stay.admit')));
}

type EventBody = { sourceSystem?: string; eventId?: string; at: string };
export type StayEventInput =
  | ({ kind: 'ward_move'; ward: string } & EventBody)
  | ({ kind: 'not_meeting_criteria'; pathway: number; awaiting?: Extract<Incoming, { kind: 'not_meeting_criteria' }>['awaiting'] } & EventBody)
  | ({ kind: 'meeting_criteria' } & EventBody)
  | ({ kind: 'awaiting'; item: Extract<Incoming, { kind: 'awaiting' }>['item'] } & EventBody)
  | ({ kind: 'awaiting_resolved'; itemId?: string } & EventBody)
  | ({ kind: 'discharge'; destination: string; pathway?: number; reablementStart?: string } & EventBody);

/** An event on a stay named by its id. */
export async function recordStayEvent(ctx: Ctx, stayId: string, input: StayEventInput): Promise<{ view: StayView; replayed: boolean }> {
  const action = `stay.${input.kind}`;
  const personId = async () => (await stayById(ctx.db, ctx.actor.placeId, stayId)).personId;
  const { sourceSystem, eventId, at, ...rest } = input;
  const stay: StayKey = { stayId };
  const e = { ...rest, stay, sourceSystem: sourceSystem ?? ownSourceSystem, eventId: eventId ?? newId(), at: new Date(at) } as Incoming;
  return onceMoreIfRaced(() =>
    asSender(ctx, action, personId, async (tx, now) => {
      await stayById(tx, ctx.actor.placeId, stayId);
      return applyOne(tx, ctx, now, e, action);
    }),
  );
}

/** A person's stays, newest first, through the access policy. */
export async function staysOfPerson(ctx: Ctx, personId: string): Promise<StayView[]> {
  return withPersonAccess(
    ctx,
    'stay.read',
    (tx) => personForPolicy(tx, ctx.actor.placeId, personId),
    async (tx, person, grant, at) => {
      const rows = await tx
        .select()
        .from(hospitalStays)
        .where(and(eq(hospitalStays.placeId, ctx.actor.placeId), eq(hospitalStays.personId, person.id)))
        .orderBy(desc(hospitalStays.admittedAt))
        .limit(100);
      const [views] = await together(tx, [
        () => stayViews(tx, ctx.actor.placeId, rows),
        () => auditAllowed(tx, ctx.actor, at, { action: 'stay.read', personIds: [person.id], detail: { via: grant.kind, stays: rows.length } }),
      ]);
      return views;
    },
    { read: true, personId },
  );
}

/** One stay, through the access policy for its person. */
export async function getStay(ctx: Ctx, stayId: string): Promise<StayView> {
  const row = await stayById(ctx.db, ctx.actor.placeId, stayId);
  return withPersonAccess(
    ctx,
    'stay.read',
    (tx) => personForPolicy(tx, ctx.actor.placeId, row.personId),
    async (tx, person, grant, at) => {
      await auditAllowed(tx, ctx.actor, at, { action: 'stay.read', personIds: [person.id], detail: { via: grant.kind, stayId } });
      const [view] = await stayViews(tx, ctx.actor.placeId, [await stayById(tx, ctx.actor.placeId, stayId)]);
      return view!;
    },
    { read: true, personId: row.personId },
  );
}
