import type { Ctx } from '../access/actor.js';
import { auditAllowed, withPersonAccess } from '../access/guard.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import * as cq from './carer-queries.js';
import { carerRelationshipLabel, type EndCarerInput, type NewCarerInput } from './carer-types.js';
import { personForPolicy } from './service.js';

export type CarerRelationshipView = ReturnType<typeof carerView>;

function carerView(r: cq.CarerRow & { carerName: string; caredForName: string }, today: string) {
  return {
    id: r.id,
    carer: { id: r.carerPersonId, name: r.carerName },
    caredFor: { id: r.personId, name: r.caredForName },
    relationship: r.relationship,
    relationshipLabel: carerRelationshipLabel(r.relationship),
    livesWith: r.livesWith,
    mainCarer: r.mainCarer,
    validFrom: r.validFrom,
    validTo: r.validTo,
    endReason: r.endReason,
    /** Open, or ended on a day still to come. */
    current: r.validFrom <= today && (r.validTo === null || r.validTo > today),
  };
}

/** The carer's record on the register (a merged one is followed to the record it became). */
async function carerRecord(tx: Executor, placeId: string, id: string) {
  try {
    return await personForPolicy(tx, placeId, id);
  } catch (err) {
    if (err instanceof NotFoundError) {
      throw new InvalidError('The carer must be on the register: there is no person with this id in this place.', [
        { field: 'carerPersonId', problem: 'is not a person in this place' },
      ]);
    }
    throw err;
  }
}

/**
 * Records that someone on the register cares for this person, through the access policy on the
 * person cared for, with its audit entry in the same transaction.
 */
export async function addCarer(ctx: Ctx, caredForId: string, input: NewCarerInput): Promise<CarerRelationshipView> {
  const placeId = ctx.actor.placeId;
  try {
    return await withPersonAccess(
      ctx,
      'carer.create',
      (tx) => personForPolicy(tx, placeId, caredForId),
      async (tx, caredFor, _grant, at) => {
        const today = londonDateOf(at);
        const carer = await carerRecord(tx, placeId, input.carerPersonId);
        if (carer.id === caredFor.id) {
          throw new InvalidError('A person cannot be their own carer.', [{ field: 'carerPersonId', problem: 'is the person cared for' }]);
        }
        const validFrom = input.validFrom ?? today;
        if (validFrom > today) throw new InvalidError('A carer relationship cannot start in the future.', [{ field: 'validFrom', problem: 'must not be after today' }]);
        const open = await cq.openCarerOf(tx, placeId, caredFor.id, carer.id);
        if (open) throw duplicate(open.id);
        const row = await cq.insertCarer(tx, {
          placeId,
          id: newId(),
          personId: caredFor.id,
          carerPersonId: carer.id,
          relationship: input.relationship,
          livesWith: input.livesWith,
          mainCarer: input.mainCarer,
          validFrom,
          createdBy: ctx.actor.userId,
          createdAt: at,
        });
        await auditAllowed(tx, ctx.actor, at, {
          action: 'carer.create',
          personIds: [caredFor.id, carer.id],
          detail: { relationshipId: row.id, relationship: row.relationship, mainCarer: row.mainCarer, livesWith: row.livesWith, validFrom },
        });
        const [view] = (await cq.carerRelationshipsOf(tx, placeId, caredFor.id)).filter((r) => r.id === row.id);
        return carerView(view!, today);
      },
    );
  } catch (err) {
    // Two people recording the same carer at once: the open-relationship index refuses the second.
    if (isUniqueViolation(err)) throw duplicate(null);
    throw err;
  }
}

function duplicate(existingId: string | null): ConflictError {
  return new ConflictError('This carer is already recorded as caring for this person: end that relationship before recording another.', existingId ? { existingId } : {});
}

/** A person's carer relationships, both ways (their carers, and the people they care for). */
export async function carersOf(ctx: Ctx, personId: string) {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'carer.list',
    (tx) => personForPolicy(tx, placeId, personId),
    async (tx, person, grant, at) => {
      const today = londonDateOf(at);
      const rows = await cq.carerRelationshipsOf(tx, placeId, person.id);
      await auditAllowed(tx, ctx.actor, at, { action: 'carer.list', personIds: [person.id], detail: { results: rows.length, via: grant.kind } });
      return {
        carers: rows.filter((r) => r.personId === person.id).map((r) => carerView(r, today)),
        caresFor: rows.filter((r) => r.carerPersonId === person.id).map((r) => carerView(r, today)),
      };
    },
    { read: true, personId },
  );
}

/**
 * Ends a carer relationship (kept, with its end and why), through the access policy on the
 * person named in the address: the person cared for, or the carer.
 */
export async function endCarerRelationship(ctx: Ctx, personId: string, relationshipId: string, input: EndCarerInput): Promise<CarerRelationshipView> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'carer.end',
    (tx) => personForPolicy(tx, placeId, personId),
    async (tx, person, _grant, at) => {
      const row = await cq.carerById(tx, placeId, relationshipId, true);
      if (!row || (row.personId !== person.id && row.carerPersonId !== person.id)) {
        throw new NotFoundError('This person has no carer relationship with this id.');
      }
      if (row.validTo !== null) throw new ConflictError(`This carer relationship already ended on ${row.validTo}.`, { validTo: row.validTo });
      if (input.validTo < row.validFrom) {
        throw new InvalidError(`The relationship started on ${row.validFrom}; it cannot end before that.`, [{ field: 'validTo', problem: `must not be before the start, ${row.validFrom}` }]);
      }
      const ended = await cq.endCarer(tx, placeId, row.id, { validTo: input.validTo, endReason: input.reason, endedBy: ctx.actor.userId, endedAt: at });
      if (!ended) throw new ConflictError('This carer relationship was ended a moment ago. Reload the record.');
      await auditAllowed(tx, ctx.actor, at, {
        action: 'carer.end',
        personIds: [row.personId, row.carerPersonId],
        detail: { relationshipId: row.id, validTo: input.validTo },
        ...(input.reason ? { reason: input.reason } : {}),
      });
      const [view] = (await cq.carerRelationshipsOf(tx, placeId, person.id)).filter((r) => r.id === row.id);
      return carerView(view!, londonDateOf(at));
    },
  );
}

export type CarerFacts = {
  /** The people the carer looks after today, main-carer relationships first. */
  caredFor: string[];
};

/**
 * What a carer's assessment records for the Client Level Data return: the adults this carer
 * looks after on the day (the assessment has passed the policy for the carer already).
 */
export async function carerFactsOf(tx: Executor, placeId: string, carerPersonId: string, on: string): Promise<CarerFacts> {
  const rows = await cq.caredForNow(tx, placeId, carerPersonId, on);
  return { caredFor: rows.map((r) => r.personId) };
}
