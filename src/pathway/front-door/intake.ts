/**
 * The front door's intake, for one referral or thousands: the same rules either way, because
 * receiveReferral is a batch of one. Each referral is validated, the person matched (by id,
 * following a merged record to its survivor; or by NHS number, or name and date of birth, before
 * a new record is made), the same externalRef again answers the stored referral, and with joinOpen
 * an open referral for the person is joined. A new referral is routed by the place's rules
 * (src/partnership/routing.ts): a proposed team and why, or why no team covers it; it gives the single point of entry its triage relationship; every
 * referral received or joined leaves a step on the timeline and an audit entry naming its person.
 *
 * A batch looks up what it needs once (the stored referrals by reference, the people, their open
 * referrals, the teams) and writes each kind of row in one statement, in the caller's transaction.
 * A referral that cannot be taken is answered with its problem and writes nothing.
 */
import type { Actor } from '../../access/actor.js';
import type { AuditEvent } from '../../access/audit.js';
import { appendAudit } from '../../access/audit.js';
import { grantRelationshipsSql, type GrantRelationship } from '../../access/relationships.js';
import { asOneStatement } from '../../platform/bulk.js';
import type { Executor } from '../../platform/db.js';
import { DomainError, DuplicateError, InvalidError, NotFoundError, invalidFromIssues } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { practicesByIds, teamsOfKind } from '../../partnership/directory.js';
import { routingOf } from '../../partnership/routing-service.js';
import { ageOn, clientGroupOf, routeReferral, type RoutingDecision } from '../../partnership/routing.js';
import { londonDateOf } from '../../platform/dates.js';
import { insertNewPerson, matchPerson, peopleByIdOrNhsNumber } from '../../people/service.js';
import { newPersonInput } from '../../people/types.js';
import { recordEventsSql, type PathwayEvent } from '../events.js';
import * as q from './queries.js';
import { newReferralInput, sourceLabels, type NewReferral, type NewReferralParsed } from './types.js';

export type ReferralChannel = 'coordinator' | 'api' | 'import' | 'discharge';

/** What became of one referral of a batch: the referral it is now (new, joined or the same one again), or why it was not taken. */
export type IntakeAnswer = { referral: q.ReferralRow; created: boolean; joined: boolean } | { problem: DomainError };

/** At most this many audit entries a statement (PostgreSQL takes 65,535 parameters, an entry has eleven). */
const AUDIT_CHUNK = 4000;

type Person = { id: string; gpPracticeId: string | null; birthDate: string | null };

/**
 * Takes the referrals in order, in the caller's transaction, as `actor` at `now`. The role is the
 * caller's to check (receiveReferral and receiveReferrals do). A later referral of the batch sees
 * the earlier ones: the same externalRef answers the first, and joinOpen joins one made earlier.
 */
export async function takeIn(tx: Executor, actor: Actor, now: Date, raws: NewReferral[], channel: ReferralChannel): Promise<IntakeAnswer[]> {
  const placeId = actor.placeId;
  const answers: IntakeAnswer[] = new Array(raws.length);
  const inputs: (NewReferralParsed | null)[] = raws.map((raw, i) => {
    const parsed = newReferralInput.safeParse(raw);
    if (!parsed.success) {
      answers[i] = { problem: invalidFromIssues(parsed.error.issues) };
      return null;
    }
    const receivedAt = parsed.data.receivedAt ? new Date(parsed.data.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
      answers[i] = { problem: new InvalidError('A referral cannot be received in the future.', [{ field: 'receivedAt', problem: 'is in the future' }]) };
      return null;
    }
    return parsed.data;
  });

  // What is already stored: referrals by the sender's reference, the people named by id.
  const refs = [...new Set(inputs.flatMap((x) => (x?.externalRef ? [x.externalRef] : [])))];
  const byRef = new Map((await q.referralsByExternalRefs(tx, placeId, refs)).map((r) => [r.externalRef!, r]));
  const namedIds = [...new Set(inputs.flatMap((x) => (x && !(x.externalRef && byRef.has(x.externalRef)) && 'id' in x.person ? [x.person.id] : [])))];
  const named = new Map((await peopleByIdOrNhsNumber(tx, placeId, namedIds, [])).map((p) => [p.id, p]));

  // Who each referral is about. Someone new is matched (and perhaps registered) in turn, so a
  // later row of the batch finds the person an earlier one registered.
  const people: (Person | null)[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    people.push(null);
    if (!input || (input.externalRef && byRef.has(input.externalRef))) continue;
    try {
      people[i] = await personOf(tx, actor, now, placeId, input, named);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      answers[i] = { problem: err };
    }
  }

  const personIds = [...new Set(people.flatMap((p) => (p ? [p.id] : [])))];
  const joining = new Set(inputs.flatMap((x, i) => (x?.joinOpen && people[i] ? [people[i]!.id] : [])));
  const openOf = new Map((await q.openReferralsOf(tx, placeId, personIds.filter((id) => joining.has(id)))).map((r) => [r.personId, r]));
  const zoneOf = await zonesOfPractices(tx, placeId, people.flatMap((p) => (p?.gpPracticeId ? [p.gpPracticeId] : [])));
  const routing = personIds.length ? await routingOf(tx, placeId) : { rules: [], teams: [] };
  const [spoe] = personIds.length ? await teamsOfKind(tx, placeId, 'single_point_of_entry') : [];

  const rows: q.ReferralRow[] = [];
  const grants: GrantRelationship[] = [];
  const steps: PathwayEvent[] = [];
  const audits: AuditEvent[] = [];
  const audit = (action: string, personId: string, detail: Record<string, unknown>) =>
    audits.push({ placeId, userId: actor.userId, role: actor.role, action, personIds: [personId], outcome: 'allowed', detail });

  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (!input) continue;
    const same = input.externalRef ? byRef.get(input.externalRef) : undefined;
    if (same) {
      answers[i] = { referral: same, created: false, joined: false };
      continue;
    }
    const person = people[i];
    if (!person) continue;
    if (input.joinOpen) {
      const open = openOf.get(person.id);
      if (open) {
        steps.push({
          personId: person.id,
          kind: 'referral',
          action: 'referral.joined',
          summary: `${sourceLabels[input.source]} referral joined the open one: ${input.reason}`,
          sector: 'integrated',
          subjectId: open.id,
          detail: { source: input.source, routeOfAccess: input.routeOfAccess },
        });
        audit('referral.join', person.id, { referralId: open.id, channel });
        answers[i] = { referral: open, created: false, joined: true };
        continue;
      }
    }
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    // The place's routing rules propose the team, or say that none of its teams covers the referral.
    const age = person.birthDate ? ageOn(person.birthDate, londonDateOf(receivedAt)) : null;
    const facts = { clientGroup: input.clientGroup ?? null, need: input.need ?? null, age, gpPracticeId: person.gpPracticeId, zoneId: person.gpPracticeId ? (zoneOf.get(person.gpPracticeId) ?? null) : null };
    const decision: RoutingDecision = routeReferral(routing.rules, routing.teams, facts);
    const proposed = decision.outcome === 'team' ? decision.team : null;
    const row: q.ReferralRow = {
      placeId,
      id: newId(),
      personId: person.id,
      source: input.source,
      sourceName: input.sourceName,
      routeOfAccess: input.routeOfAccess,
      reason: input.reason,
      urgency: input.urgency,
      receivedAt,
      channel,
      recordedBy: actor.userId,
      externalRef: input.externalRef ?? null,
      status: 'received',
      proposedTeamId: proposed?.id ?? null,
      clientGroup: clientGroupOf(facts),
      need: facts.need,
      routingRuleId: decision.ruleId,
      routingReason: decision.reason,
      notCoveredSignpost: decision.outcome === 'not_covered' ? decision.signpost : null,
      outcome: null,
      outcomeNote: '',
      resolvedAt: null,
      resolvedBy: null,
      teamId: null,
      acceptedAt: null,
      acceptedBy: null,
      workerStaffId: null,
      allocatedAt: null,
      allocatedBy: null,
      closedAt: null,
      closedBy: null,
      version: 1,
    };
    rows.push(row);
    // Front-door triage: the single point of entry may open the record while it triages.
    grants.push({
      placeId,
      personId: person.id,
      kind: 'triage',
      ...(spoe ? { teamId: spoe.id } : { userId: actor.userId }),
      sector: 'integrated',
      reason: `referral ${row.id}`,
      validFrom: receivedAt < now ? receivedAt : now,
      grantedBy: actor.userId,
    });
    steps.push({
      personId: person.id,
      kind: 'referral',
      action: 'referral.received',
      summary: `${sourceLabels[input.source]} referral${input.sourceName ? ` (${input.sourceName})` : ''}, ${input.urgency}: ${input.reason}`,
      sector: 'integrated',
      subjectId: row.id,
      detail: { routeOfAccess: input.routeOfAccess, channel, proposedTeamId: proposed?.id ?? null, routing: decision.outcome, routingReason: decision.reason },
    });
    audit('referral.receive', person.id, { referralId: row.id, channel });
    if (row.externalRef) byRef.set(row.externalRef, row);
    // The newest open referral of the person is the one a later referral joins.
    const open = openOf.get(person.id);
    if (!open || open.receivedAt.getTime() <= receivedAt.getTime()) openOf.set(person.id, row);
    answers[i] = { referral: row, created: true, joined: false };
  }

  // The referrals, the front door's triage relationships and the timeline's steps, in one statement.
  const written = asOneStatement([q.insertReferralsSql(rows), grantRelationshipsSql(grants).statement, recordEventsSql(actor, now, steps)]);
  if (written) await tx.execute(written);
  for (let i = 0; i < audits.length; i += AUDIT_CHUNK) await appendAudit(tx, audits.slice(i, i + AUDIT_CHUNK), now);
  return answers;
}

/** The person a referral is about: named by id (a merged record answers for its survivor), or matched, or new. */
async function personOf(
  tx: Executor,
  actor: Actor,
  now: Date,
  placeId: string,
  input: NewReferralParsed,
  named: Map<string, { id: string; gpPracticeId: string | null; birthDate: string; mergedIntoId: string | null }>,
): Promise<Person> {
  if ('id' in input.person) {
    const row = named.get(input.person.id);
    if (!row) throw new NotFoundError('There is no person with this id in this place.');
    return { id: row.mergedIntoId ?? row.id, gpPracticeId: row.gpPracticeId, birthDate: row.birthDate };
  }
  const person = newPersonInput.safeParse(input.person);
  if (!person.success) throw invalidFromIssues(person.error.issues, 'person');
  const details = person.data;
  const match = await matchPerson(tx, placeId, details);
  if (match.person) return { id: match.person.id, gpPracticeId: match.person.gpPracticeId, birthDate: match.person.birthDate };
  if (match.candidates.length > 0 && !details.allowPossibleDuplicate) {
    throw new DuplicateError(
      'Several people on the register look like this person. Send the referral again with person: {id} for the right one, or with allowPossibleDuplicate: true in person if it is someone new.',
      { candidates: match.candidates.map((c) => ({ id: c.id, givenName: c.givenName, familyName: c.familyName, birthDate: c.birthDate })) },
    );
  }
  const made = await insertNewPerson(tx, actor, details, now);
  return { id: made.id, gpPracticeId: made.gpPracticeId, birthDate: made.birthDate };
}

/** The zone of each GP practice (a person's zone follows from their practice). */
async function zonesOfPractices(tx: Executor, placeId: string, practiceIds: string[]): Promise<Map<string, string>> {
  if (practiceIds.length === 0) return new Map();
  const out = new Map<string, string>();
  for (const [id, p] of await practicesByIds(tx, placeId, practiceIds)) if (p.zone) out.set(id, p.zone.id);
  return out;
}
