import { together } from '../platform/in-turn.js';
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit, withPersonAccess } from '../access/guard.js';
import { mayBreakGlass } from '../access/policy.js';
import {
  teamsHoldingPerson,
  grantRelationship,
  moveRelationships,
} from '../access/relationships.js';
import { isPractitioner, roleLabels } from '../access/roles.js';
import { isUniqueViolation, type Executor } from '../platform/db.js';
import { ConflictError, DuplicateError, InvalidError, NotFoundError } from '../platform/errors.js';
import { londonDateOf } from '../platform/dates.js';
import { newId } from '../platform/ids.js';
import { practiceIdByOds, practicesByIds } from '../partnership/directory.js';
import * as q from './queries.js';
import { foldName, searchNameOf } from './search-name.js';
import { summaries } from './search.js';
import type { NewPersonInput, PersonPatch } from './types.js';
import { personRecord, type PersonRecord, type PersonSummary } from './view.js';

const BREAK_GLASS_HOURS = 4;
const REGISTRATION_DAYS = 7;
const FRONT_DOOR_TRIAGE_DAYS = 14;

async function loadPerson(tx: Executor, placeId: string, id: string): Promise<q.PersonRow> {
  const row = await q.personById(tx, placeId, id);
  if (!row) throw new NotFoundError('There is no person with this id in this place.');
  return row;
}

/** A person's whole record: a searched row carries its practice already; others have it read here. */
async function recordOf(tx: Executor, ctx: Ctx, row: q.PersonRow | q.FoundPerson, grant: Parameters<typeof personRecord>[2], now: Date): Promise<PersonRecord> {
  const placeId = ctx.actor.placeId;
  const [practice, teams, parts] = await together(tx, [
    async () => ('practice' in row ? row.practice : row.gpPracticeId ? (await practicesByIds(tx, placeId, [row.gpPracticeId])).get(row.gpPracticeId) : undefined),
    () => teamsHoldingPerson(tx, placeId, row.id, now),
    () => q.recordParts(tx, placeId, row.id, londonDateOf(now)),
  ]);
  return personRecord(row, { practice, teams: teams.map((t) => ({ ...t, since: t.since.toISOString() })), ...parts }, grant, now);
}

/** A merged record is reached through the record it was merged into. Other modules use this to
 *  ask the access policy about a person without reading the people tables themselves. */
export async function personForPolicy(tx: Executor, placeId: string, id: string): Promise<q.PersonRow> {
  const row = await loadPerson(tx, placeId, id);
  if (!row.mergedIntoId) return row;
  const survivor = await loadPerson(tx, placeId, row.mergedIntoId);
  return { ...row, id: survivor.id, objectsToHealthSocialCareSharing: survivor.objectsToHealthSocialCareSharing };
}

export async function getPerson(ctx: Ctx, id: string): Promise<PersonRecord> {
  let shown: q.FoundPerson | undefined;
  return withPersonAccess(
    ctx,
    'person.read',
    async (tx) => {
      // The record asked for is shown (a merged one says where it went); the policy is asked about
      // the record it was merged into.
      shown = await q.foundById(tx, ctx.actor.placeId, id);
      if (!shown) throw new NotFoundError('There is no person with this id in this place.');
      return shown.mergedIntoId ? personForPolicy(tx, ctx.actor.placeId, shown.mergedIntoId) : shown;
    },
    async (tx, _policyView, grant, at) => {
      // The entry is written while the record's parts are read; the answer waits for both.
      const [record] = await together(tx, [
        () => recordOf(tx, ctx, shown!, grant, at),
        () => auditAllowed(tx, ctx.actor, at, { action: 'person.read', personIds: [id], detail: { via: grant.kind } }),
      ]);
      return record;
    },
    { read: true, personId: id },
  );
}

async function practiceIdFor(tx: Executor, placeId: string, ods: string | null | undefined): Promise<string | null | undefined> {
  if (ods === undefined) return undefined;
  if (ods === null) return null;
  const id = await practiceIdByOds(tx, placeId, ods);
  if (!id) {
    throw new InvalidError(`No GP practice with ODS code ${ods} is a partner in this place.`, [
      { field: 'gpPracticeOds', problem: `${ods} is not a GP practice in this place` },
    ]);
  }
  return id;
}

/**
 * Adds a person to the register inside the caller's transaction: the record, its first version
 * and the audit entry. The front door uses it for a referral about someone not yet known.
 */
export async function insertNewPerson(tx: Executor, actor: Ctx['actor'], input: NewPersonInput, now: Date): Promise<q.PersonRow> {
  const placeId = actor.placeId;
  const gpPracticeId = (await practiceIdFor(tx, placeId, input.gpPracticeOds)) ?? null;
  const id = newId();
  const { consent, allowPossibleDuplicate: _allow, gpPracticeOds: _ods, ...fields } = input;
  await q.insertPerson(tx, {
    ...fields,
    placeId,
    id,
    gpPracticeId,
    searchName: searchNameOf(input),
    consentToShare: consent?.consentToShare ?? true,
    objectsToHealthSocialCareSharing: consent?.objectsToHealthSocialCareSharing ?? false,
    sharingNote: consent?.sharingNote ?? '',
    consentRecordedOn: consent?.recordedOn ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const row = await loadPerson(tx, placeId, id);
  await q.insertVersion(tx, row, actor.userId, 'created', now);
  await auditAllowed(tx, actor, now, { action: 'person.create', personIds: [id], detail: { version: 1 } });
  return row;
}

export type PersonMatch = { person: q.PersonRow | null; candidates: q.PersonRow[] };

/**
 * Who a referral is about, before a new record is made: the same NHS number, or else one person
 * with the same date of birth and a closely similar name. Several look-alikes are candidates for
 * a person to choose from.
 */
export async function matchPerson(
  tx: Executor,
  placeId: string,
  p: { nhsNumber?: string | null; givenName: string; familyName: string; birthDate: string },
): Promise<PersonMatch> {
  if (p.nhsNumber) {
    const same = await q.personByNhsNumber(tx, placeId, p.nhsNumber);
    if (same) return { person: same, candidates: [] };
  }
  const similar = await q.similarPeople(tx, placeId, searchNameOf(p), p.birthDate);
  // A record with another NHS number is someone else, however alike the name.
  const alike = similar.filter((r) => !(p.nhsNumber && r.nhsNumber && r.nhsNumber !== p.nhsNumber));
  const strong = alike.filter((r) => foldName(r.familyName) === foldName(p.familyName));
  if (strong.length === 1) return { person: strong[0]!, candidates: [] };
  return { person: null, candidates: alike };
}

export async function createPerson(ctx: Ctx, input: NewPersonInput): Promise<PersonRecord> {
  if (!isPractitioner(ctx.actor.role)) {
    return denyAndAudit(ctx, {
      action: 'person.create',
      personIds: [],
      reason: 'role',
      message: `Your role (${roleLabels[ctx.actor.role]}) does not add people to the register.`,
    });
  }
  const placeId = ctx.actor.placeId;
  const now = ctx.clock.now();
  const searchName = searchNameOf(input);
  // Matching first, in its own transaction: the candidates shown are audited even when the
  // create then stops to let the user choose.
  const candidates = await ctx.db.transaction(async (tx) => {
    const same = input.nhsNumber ? await q.personByNhsNumber(tx, placeId, input.nhsNumber) : undefined;
    const similar = same || input.allowPossibleDuplicate ? [] : await q.similarPeople(tx, placeId, searchName, input.birthDate);
    const found = same ? [same] : similar;
    if (found.length === 0) return { same: false, list: [] as PersonSummary[] };
    await auditAllowed(tx, ctx.actor, now, { action: 'person.match', personIds: found.map((r) => r.id), detail: { results: found.length } });
    return { same: Boolean(same), list: await summaries(tx, ctx, found, now) };
  });
  if (candidates.same) {
    throw new DuplicateError('A person with this NHS number is already on the register. Open their record instead.', {
      details: [{ field: 'nhsNumber', problem: 'is already on the register' }],
      candidates: candidates.list,
    });
  }
  if (candidates.list.length > 0) {
    throw new DuplicateError(
      'This may be someone already on the register (same date of birth, similar name). Check the candidates; if this is a different person, send again with allowPossibleDuplicate: true.',
      { candidates: candidates.list },
    );
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await insertNewPerson(tx, ctx.actor, input, now);
      const id = row.id;
      // Whoever registers the person may carry on with them for a while: a co-ordinator
      // through front-door triage, another practitioner through registration.
      const triage = ctx.actor.role === 'coordinator';
      const days = triage ? FRONT_DOOR_TRIAGE_DAYS : REGISTRATION_DAYS;
      const relationshipId = await grantRelationship(tx, {
        placeId,
        personId: id,
        kind: triage ? 'triage' : 'registration',
        userId: ctx.actor.userId,
        sector: ctx.actor.sector,
        reason: 'registered the person',
        validFrom: now,
        validTo: new Date(now.getTime() + days * 86_400_000),
        grantedBy: ctx.actor.userId,
      });
      return recordOf(tx, ctx, row, { kind: triage ? 'triage' : 'registration', relationshipId, sector: ctx.actor.sector, validTo: new Date(now.getTime() + days * 86_400_000) }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DuplicateError('A person with this NHS number was added to the register a moment ago. Search for them.', {
        details: [{ field: 'nhsNumber', problem: 'is already on the register' }],
      });
    }
    throw err;
  }
}

export async function updatePerson(ctx: Ctx, id: string, version: number, patch: PersonPatch): Promise<PersonRecord> {
  const placeId = ctx.actor.placeId;
  try {
    return await withPersonAccess(
      ctx,
      'person.update',
      (tx) => loadPerson(tx, placeId, id),
      async (tx, row, grant, at) => {
        if (row.mergedIntoId) throw new ConflictError('This record was merged into another; change that one instead.', { mergedInto: row.mergedIntoId });
        const { consent, gpPracticeOds, ...fields } = patch;
        const changes: Partial<q.PersonRow> = { ...fields };
        const gpPracticeId = await practiceIdFor(tx, placeId, gpPracticeOds);
        if (gpPracticeId !== undefined) changes.gpPracticeId = gpPracticeId;
        if (consent) {
          changes.consentToShare = consent.consentToShare;
          changes.objectsToHealthSocialCareSharing = consent.objectsToHealthSocialCareSharing;
          changes.sharingNote = consent.sharingNote;
          changes.consentRecordedOn = consent.recordedOn;
        }
        const merged = { ...row, ...changes };
        if (merged.deathDate && merged.deathDate < merged.birthDate) {
          throw new InvalidError('The date of death is before the date of birth.', [{ field: 'deathDate', problem: 'must not be before the date of birth' }]);
        }
        changes.searchName = searchNameOf(merged);
        const updated = await q.updatePersonAtVersion(tx, placeId, id, version, changes, at);
        if (!updated) {
          throw new ConflictError(
            `This record has changed since you opened it (it is now version ${row.version}, you sent ${version}). Reload it and make your change again.`,
            { currentVersion: row.version },
          );
        }
        await q.insertVersion(tx, updated, ctx.actor.userId, `updated ${Object.keys(patch).join(', ')}`, at);
        await auditAllowed(tx, ctx.actor, at, { action: 'person.update', personIds: [id], detail: { fields: Object.keys(patch), version: updated.version } });
        return recordOf(tx, ctx, updated, grant, at);
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DuplicateError('Another person on the register has this NHS number.', { details: [{ field: 'nhsNumber', problem: 'is already on the register' }] });
    }
    throw err;
  }
}

/** Two records of one person become one; the merged one lives on as an alias with its history. */
export async function mergePeople(ctx: Ctx, survivorId: string, version: number, mergeId: string, reason: string): Promise<PersonRecord> {
  const placeId = ctx.actor.placeId;
  if (survivorId === mergeId) throw new InvalidError('A record cannot be merged into itself.', [{ field: 'mergeId', problem: 'is this same record' }]);
  // The user must be allowed at both records.
  await withPersonAccess(ctx, 'person.merge', (tx) => loadPerson(tx, placeId, mergeId), async () => undefined);
  return withPersonAccess(
    ctx,
    'person.merge',
    (tx) => loadPerson(tx, placeId, survivorId),
    async (tx, survivor, grant, at) => {
      const other = await loadPerson(tx, placeId, mergeId);
      if (survivor.mergedIntoId || other.mergedIntoId) throw new ConflictError('One of these records has already been merged.');
      const retired = await q.updatePersonAtVersion(tx, placeId, mergeId, other.version, { mergedIntoId: survivorId }, at);
      if (!retired) throw new ConflictError('The record to merge changed a moment ago. Try again.');
      await q.insertVersion(tx, retired, ctx.actor.userId, `merged into ${survivorId}`, at);
      await q.insertAlias(tx, {
        placeId,
        personId: survivorId,
        aliasPersonId: mergeId,
        nhsNumber: other.nhsNumber,
        givenName: other.givenName,
        familyName: other.familyName,
        birthDate: other.birthDate,
        mergedBy: ctx.actor.userId,
        mergedAt: at,
        reason,
      });
      await q.moveLinkedRecords(tx, placeId, mergeId, survivorId);
      await moveRelationships(tx, placeId, mergeId, survivorId);
      const takesNumber = !survivor.nhsNumber && other.nhsNumber ? { nhsNumber: other.nhsNumber } : {};
      const updated = await q.updatePersonAtVersion(tx, placeId, survivorId, version, takesNumber, at);
      if (!updated) {
        throw new ConflictError(
          `This record has changed since you opened it (it is now version ${survivor.version}, you sent ${version}). Reload it and merge again.`,
          { currentVersion: survivor.version },
        );
      }
      await q.insertVersion(tx, updated, ctx.actor.userId, `merged ${mergeId} into this record`, at);
      await auditAllowed(tx, ctx.actor, at, { action: 'person.merge', personIds: [survivorId, mergeId], reason });
      return recordOf(tx, ctx, updated, grant, at);
    },
  );
}

export async function breakGlass(ctx: Ctx, personId: string, reason: string): Promise<{ relationshipId: string; validTo: string }> {
  if (!mayBreakGlass(ctx.actor)) {
    return denyAndAudit(ctx, {
      action: 'break_glass.open',
      personIds: [personId],
      reason: 'role',
      message: `Your role (${roleLabels[ctx.actor.role]}) cannot break glass: it sees no person-level clinical or care detail.`,
    });
  }
  const now = ctx.clock.now();
  const validTo = new Date(now.getTime() + BREAK_GLASS_HOURS * 3600_000);
  return ctx.db.transaction(async (tx) => {
    await loadPerson(tx, ctx.actor.placeId, personId);
    const relationshipId = await grantRelationship(tx, {
      placeId: ctx.actor.placeId,
      personId,
      kind: 'break_glass',
      userId: ctx.actor.userId,
      sector: ctx.actor.sector,
      reason,
      validFrom: now,
      validTo,
      grantedBy: ctx.actor.userId,
    });
    await auditAllowed(tx, ctx.actor, now, { action: 'break_glass.open', personIds: [personId], reason, detail: { relationshipId, validTo: validTo.toISOString() } });
    return { relationshipId, validTo: validTo.toISOString() };
  });
}

export async function personVersions(ctx: Ctx, id: string) {
  return withPersonAccess(
    ctx,
    'person.history',
    (tx) => loadPerson(tx, ctx.actor.placeId, id),
    async (tx, _row, _grant, at) => {
      const versions = await q.versionsOf(tx, ctx.actor.placeId, id);
      await auditAllowed(tx, ctx.actor, at, { action: 'person.history', personIds: [id] });
      return versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() }));
    },
    { read: true, personId: id },
  );
}

/** Names for lists that already passed the policy (the review queue). */
export async function personNames(db: Executor, placeId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await q.namesByIds(db, placeId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, `${r.givenName} ${r.familyName}`]));
}

export type PersonRef = { id: string; name: string; nhsNumber: string | null; birthDate: string };

/**
 * Who a pathway record is about, for views that already passed the policy for the person: the
 * name, NHS number and date of birth a practitioner checks before reading on.
 */
export async function personRefs(db: Executor, placeId: string, ids: string[]): Promise<Map<string, PersonRef>> {
  const rows = await q.peopleByIds(db, placeId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { id: r.id, name: `${r.givenName} ${r.familyName}`, nhsNumber: r.nhsNumber, birthDate: r.birthDate }]));
}

export type PersonFacts = { id: string; nhsNumber: string | null; birthDate: string; gpPracticeId: string | null; mergedIntoId: string | null };

/**
 * The few facts other modules need of many people at once (hospital flow admits thousands a
 * feed): by id, merged records included so the caller follows them to their survivor, or by NHS
 * number among records in use. Identifiers and dates only; the caller decides what it may show.
 */
export async function peopleByIdOrNhsNumber(db: Executor, placeId: string, ids: string[], nhsNumbers: string[]): Promise<PersonFacts[]> {
  const rows = await q.peopleByIdsOrNhsNumbers(db, placeId, [...new Set(ids)], [...new Set(nhsNumbers)]);
  // A record named both ways comes back twice.
  return [...new Map(rows.map((r) => [r.id, r])).values()].map((r) => ({ id: r.id, nhsNumber: r.nhs_number, birthDate: r.birth_date, gpPracticeId: r.gp_practice_id, mergedIntoId: r.merged_into_id }));
}
