import type { Ctx } from '../../access/actor.js';
import { auditAllowed, withPersonAccess } from '../../access/guard.js';
import { sectorsMayShare, type AccessGrant, type PersonForPolicy } from '../../access/policy.js';
import type { Sector } from '../../access/roles.js';
import type { Executor } from '../../platform/db.js';
import { londonDateOf } from '../../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { staffActsForAccountable } from '../../partnership/accountable.js';
import { carerFactsOf } from '../../people/carers.js';
import { personForPolicy, personRefs } from '../../people/service.js';
import { recordEvent } from '../events.js';
import { assessmentTypeOf, computeEligibility, overrideProblem, type ComputedEligibility } from './eligibility.js';
import * as q from './queries.js';
import { Refusal, unlessRefused } from './refusal.js';
import { parseSectionContent, sectionLabels, sectionNames, type SectionName } from './sections.js';
import type { CompleteInput, NewAssessmentInput } from './types.js';

import { factsOf, labelOfRole, sectionView, summaryOf, type AssessmentSummary, type AssessmentView, type CarerReturn, type SectionView } from './views.js';

type Loaded = PersonForPolicy & { assessment: q.AssessmentRow };


function mayRead(person: PersonForPolicy, viewer: Sector, section: { sector: string }): boolean {
  return sectorsMayShare(person, viewer, section.sector as Sector);
}

async function viewOf(tx: Executor, ctx: Ctx, person: PersonForPolicy, a: q.AssessmentRow): Promise<AssessmentView> {
  const rows = await q.sectionsOf(tx, ctx.actor.placeId, a.id);
  const order = new Map(sectionNames.map((s, i) => [s, i]));
  rows.sort((x, y) => (order.get(x.section as SectionName) ?? 99) - (order.get(y.section as SectionName) ?? 99));
  const sections = rows.map((r) => sectionView(r, mayRead(person, ctx.actor.sector, r)));
  const visible = rows.filter((r) => mayRead(person, ctx.actor.sector, r));
  const started = new Set(rows.map((r) => r.section));
  const people = await personRefs(tx, ctx.actor.placeId, [person.id, ...(a.caredForPersonId ? [a.caredForPersonId] : [])]);
  return {
    ...summaryOf(a),
    person: people.get(person.id)!,
    caredFor: a.caredForPersonId ? (people.get(a.caredForPersonId) ?? null) : null,
    eligibilityComputed: (a.eligibilityComputed as ComputedEligibility | null) ?? null,
    eligibility: computeEligibility(factsOf(a.kind, visible)),
    carerReturn: (a.carerReturn as CarerReturn | null) ?? null,
    sections,
    sectionsNotStarted: sectionNames.filter((s) => !started.has(s)),
  };
}

/**
 * Runs work on an assessment through the access policy: the person assessed, and for a carer's
 * assessment the person cared for as well (both refusals are audited).
 */
async function withAssessment<T>(
  ctx: Ctx,
  action: string,
  id: string,
  lock: boolean,
  work: (tx: Executor, loaded: Loaded, grant: AccessGrant, at: Date) => Promise<T | Refusal>,
): Promise<T> {
  const placeId = ctx.actor.placeId;
  const head = await q.assessmentById(ctx.db, placeId, id);
  if (!head) throw new NotFoundError('There is no assessment with this id in this place.');
  if (head.caredForPersonId) {
    const caredFor = head.caredForPersonId;
    await withPersonAccess(ctx, action, (tx) => personForPolicy(tx, placeId, caredFor), async () => undefined);
  }
  const result = await withPersonAccess(
    ctx,
    action,
    async (tx): Promise<Loaded> => {
      const assessment = await q.assessmentById(tx, placeId, id, lock);
      if (!assessment) throw new NotFoundError('There is no assessment with this id in this place.');
      const person = await personForPolicy(tx, placeId, assessment.personId);
      return { id: person.id, objectsToHealthSocialCareSharing: person.objectsToHealthSocialCareSharing, assessment };
    },
    work,
  );
  return unlessRefused(ctx, result);
}

const kindWords = (kind: string) => (kind === 'carer' ? "Carer's assessment" : 'Needs assessment');

export async function startAssessment(ctx: Ctx, input: NewAssessmentInput): Promise<AssessmentView> {
  const placeId = ctx.actor.placeId;
  if (input.caredForPersonId) {
    const caredFor = input.caredForPersonId;
    await withPersonAccess(ctx, 'assessment.create', (tx) => personForPolicy(tx, placeId, caredFor), async () => undefined);
  }
  return withPersonAccess(
    ctx,
    'assessment.create',
    (tx) => personForPolicy(tx, placeId, input.personId),
    async (tx, person, _grant, at) => {
      const caredForPersonId = input.caredForPersonId ? (await personForPolicy(tx, placeId, input.caredForPersonId)).id : null;
      if (caredForPersonId === person.id) {
        throw new InvalidError('A carer cannot be assessed as caring for themselves.', [{ field: 'caredForPersonId', problem: 'is the same person as the carer' }]);
      }
      if (input.referralId) {
        const about = await q.referralPerson(tx, placeId, input.referralId);
        if (!about) throw new InvalidError('There is no referral with this id in this place.', [{ field: 'referralId', problem: 'is not a referral in this place' }]);
        if (about !== person.id && about !== caredForPersonId) {
          throw new InvalidError('That referral is about someone else.', [{ field: 'referralId', problem: 'is a referral about another person' }]);
        }
      }
      const open = await q.openAssessmentLike(tx, placeId, person.id, input.kind, caredForPersonId);
      if (open) {
        throw new ConflictError(`${kindWords(input.kind)} ${open.id} is already in progress for this person: add to it rather than start another.`, {
          existingId: open.id,
        });
      }
      const id = newId();
      await q.insertAssessment(tx, {
        placeId,
        id,
        personId: person.id,
        kind: input.kind,
        caredForPersonId,
        referralId: input.referralId ?? null,
        status: 'in_progress',
        startedAt: at,
        startedBy: ctx.actor.userId,
      });
      await recordEvent(tx, ctx.actor, at, {
        personId: person.id,
        kind: 'assessment',
        action: 'assessment.started',
        summary: `${kindWords(input.kind)} started by ${ctx.actor.displayName} (${labelOfRole(ctx.actor.role)})`,
        sector: ctx.actor.sector,
        subjectId: id,
        detail: { kind: input.kind, caredForPersonId, referralId: input.referralId ?? null },
      });
      await auditAllowed(tx, ctx.actor, at, {
        action: 'assessment.create',
        personIds: caredForPersonId ? [person.id, caredForPersonId] : [person.id],
        detail: { assessmentId: id, kind: input.kind },
      });
      const row = await q.assessmentById(tx, placeId, id);
      return viewOf(tx, ctx, person, row!);
    },
  );
}

export async function getAssessment(ctx: Ctx, id: string): Promise<AssessmentView> {
  return withAssessment(ctx, 'assessment.read', id, false, async (tx, loaded, grant, at) => {
    const view = await viewOf(tx, ctx, loaded, loaded.assessment);
    await auditAllowed(tx, ctx.actor, at, { action: 'assessment.read', personIds: [loaded.id], detail: { assessmentId: id, via: grant.kind } });
    return view;
  });
}

export async function assessmentsOf(ctx: Ctx, personId: string): Promise<AssessmentSummary[]> {
  const placeId = ctx.actor.placeId;
  return withPersonAccess(
    ctx,
    'assessment.list',
    (tx) => personForPolicy(tx, placeId, personId),
    async (tx, person, _grant, at) => {
      const rows = await q.assessmentsOfPerson(tx, placeId, person.id);
      const out: AssessmentSummary[] = [];
      for (const a of rows) out.push({ ...summaryOf(a), sectionsStarted: (await q.sectionsOf(tx, placeId, a.id)).length });
      await auditAllowed(tx, ctx.actor, at, { action: 'assessment.list', personIds: [person.id], detail: { results: rows.length } });
      return out;
    },
    { read: true, personId },
  );
}

function staleSection(current: q.SectionRow, sent: number): ConflictError {
  return new ConflictError(
    `${sectionLabels[current.section as SectionName]} was saved by ${current.authorName} (${labelOfRole(current.authorRole)}) since you opened it: it is now version ${current.version}, you sent ${sent}. Your text is not lost: compare it with theirs and save again with version ${current.version}.`,
    {
      currentVersion: current.version,
      current: {
        content: current.content,
        author: { userId: current.authorUserId, name: current.authorName, role: current.authorRole, roleLabel: labelOfRole(current.authorRole) },
        sector: current.sector,
        updatedAt: current.updatedAt.toISOString(),
      },
    },
  );
}

function readOnly(a: q.AssessmentRow): ConflictError {
  const when = a.completedAt ? ` on ${londonDateOf(a.completedAt)}` : '';
  return new ConflictError(`This assessment is ${a.status.replace('_', ' ')}${when} and is read-only.`, { status: a.status });
}

/** Save as you go: one section, at the version the practitioner read (0 to start it). */
export async function saveSection(
  ctx: Ctx,
  id: string,
  section: SectionName,
  body: { content: unknown; version?: number | undefined },
): Promise<SectionView & { assessmentVersion: number }> {
  const content = parseSectionContent(section, body.content);
  const placeId = ctx.actor.placeId;
  const actor = ctx.actor;
  return withAssessment(ctx, 'assessment.section.save', id, true, async (tx, loaded, _grant, at) => {
    const a = loaded.assessment;
    if (a.status !== 'in_progress') throw readOnly(a);
    const current = await q.sectionOf(tx, placeId, id, section);
    if (current && !mayRead(loaded, actor.sector, current)) {
      return new Refusal(
        'assessment.section.save',
        [loaded.id],
        'sharing_objection',
        `This person has objected to sharing between health and social care, and this section was written in ${current.sector.replace('_', ' ')}: you cannot change it.`,
        { assessmentId: id, section },
      );
    }
    const sent = body.version ?? 0;
    const author = { authorUserId: actor.userId, authorName: actor.displayName, authorRole: actor.role, sector: actor.sector, updatedAt: at };
    let saved: q.SectionRow | null;
    if (sent === 0) {
      if (current) throw staleSection(current, sent);
      saved = await q.insertSection(tx, { placeId, assessmentId: id, section, content, ...author, version: 1 });
      if (!saved) throw staleSection((await q.sectionOf(tx, placeId, id, section))!, sent);
    } else {
      if (!current) {
        throw new ConflictError(`Nobody has saved ${sectionLabels[section]} yet: send version 0 to start it.`, { currentVersion: 0 });
      }
      saved = await q.updateSectionAtVersion(tx, placeId, id, section, sent, { content, ...author });
      if (!saved) throw staleSection(current, sent);
    }
    const firstByThisAuthor = !(await q.hasAuthoredSection(tx, placeId, id, section, actor.userId));
    await q.insertSectionVersion(tx, { placeId, assessmentId: id, section, version: saved.version, content, authorUserId: actor.userId, savedAt: at });
    // The assessment's version moves with every section, so completion is decided on what was last seen.
    const bumped = await q.updateAssessmentAtVersion(tx, placeId, id, a.version, {});
    if (!bumped) throw new ConflictError('The assessment changed a moment ago. Save again.');
    if (firstByThisAuthor) {
      await recordEvent(tx, actor, at, {
        personId: loaded.id,
        kind: 'assessment',
        action: 'assessment.section_started',
        summary: `${actor.displayName} (${labelOfRole(actor.role)}) contributed ${sectionLabels[section]} to the ${kindWords(a.kind).toLowerCase()}`,
        sector: actor.sector,
        subjectId: id,
        detail: { section },
      });
    }
    await auditAllowed(tx, actor, at, { action: 'assessment.section.save', personIds: [loaded.id], detail: { assessmentId: id, section, version: saved.version } });
    return { ...sectionView(saved, true), assessmentVersion: bumped.version };
  });
}

/**
 * Completing a social care assessment (a social care practitioner completing it, or anyone making
 * the Care Act eligibility decision) is the act of the partner accountable for asc_assessment that
 * day (Blackburn: the council, not the trust). A carer's assessment asks for the carers group; a
 * needs assessment records no client group yet, so any of the place's groups will do.
 */
async function unlessAccountableForAssessment(
  tx: Executor,
  actor: Ctx['actor'],
  personId: string,
  assessmentId: string,
  kind: string,
  deciding: boolean,
  on: string,
): Promise<Refusal | null> {
  if (!actor.staffId || (actor.sector !== 'social_care' && !deciding)) return null;
  const { allowed, accountable } = await staffActsForAccountable(tx, actor.placeId, actor.staffId, 'asc_assessment', kind === 'carer' ? ['carers'] : 'any', on);
  if (allowed) return null;
  const holders = [...new Set(accountable.map((x) => x.partner?.name).filter((n): n is string => !!n))];
  return new Refusal(
    'assessment.complete',
    [personId],
    'not_accountable',
    `Adult social care assessment is the responsibility of ${holders.join(' and ') || 'another partner'} on ${on}; your organisation does not hold it, so a practitioner of ${holders[0] ?? 'that partner'} must complete this assessment.`,
    { assessmentId, accountable: accountable.map((x) => ({ clientGroup: x.clientGroup, partnerId: x.partner?.id ?? null, basis: x.basis })) },
  );
}

export async function completeAssessment(ctx: Ctx, id: string, input: CompleteInput): Promise<AssessmentView> {
  const placeId = ctx.actor.placeId;
  const actor = ctx.actor;
  if (!input.eligibilityDecision && input.overrideReason !== undefined) {
    throw new InvalidError('An override reason goes with an eligibility decision.', [
      { field: 'overrideReason', problem: 'is only given with an eligibilityDecision that differs from the rule' },
    ]);
  }
  return withAssessment(ctx, 'assessment.complete', id, true, async (tx, loaded, _grant, at) => {
    const a = loaded.assessment;
    if (a.status !== 'in_progress') throw readOnly(a);
    if (a.version !== input.version) {
      throw new ConflictError(
        `This assessment has changed since you opened it (it is now version ${a.version}, you sent ${input.version}). Reload it, check what was added, and complete it again.`,
        { currentVersion: a.version },
      );
    }
    const sections = await q.sectionsOf(tx, placeId, id);
    if (sections.length === 0) throw new ConflictError('Nothing has been recorded in this assessment yet: save at least one section before completing it.');
    const hidden = sections.filter((s) => !mayRead(loaded, actor.sector, s));
    if (hidden.length > 0) {
      return new Refusal(
        'assessment.complete',
        [loaded.id],
        'sharing_objection',
        `This person has objected to sharing between health and social care, so you cannot see ${hidden.map((s) => sectionLabels[s.section as SectionName]).join(', ')}; a colleague who can see the whole assessment must complete it.`,
        { assessmentId: id },
      );
    }
    const decision = input.eligibilityDecision ?? null;
    const refused = await unlessAccountableForAssessment(tx, actor, loaded.id, id, a.kind, decision !== null, londonDateOf(at));
    if (refused) return refused;
    const computed = computeEligibility(factsOf(a.kind, sections));
    if (decision) {
      if (!computed.complete) {
        throw new ConflictError(`An eligibility decision needs every fact of the rule; still to record: ${computed.missing.join(', ')}.`, { missing: computed.missing });
      }
      const problem = overrideProblem(computed, decision, input.overrideReason);
      if (problem) throw new InvalidError(`overrideReason ${problem}.`, [{ field: 'overrideReason', problem }]);
    }
    const assessmentType = assessmentTypeOf(decision);
    const overridden = decision !== null && (decision === 'eligible') !== computed.eligible;
    const carerReturn = a.kind === 'carer' ? await carerReturnOf(tx, placeId, a, sections, londonDateOf(at)) : null;
    const updated = await q.updateAssessmentAtVersion(tx, placeId, id, a.version, {
      status: 'completed',
      completedAt: at,
      completedBy: actor.userId,
      assessmentType,
      outcome: input.outcome,
      eligibilityComputed: computed,
      eligibilityDecision: decision,
      overrideReason: input.overrideReason?.trim() || null,
      carerReturn,
    });
    if (!updated) throw new ConflictError('The assessment changed a moment ago. Reload it and complete it again.');
    await recordEvent(tx, actor, at, {
      personId: loaded.id,
      kind: 'assessment',
      action: 'assessment.completed',
      summary: `${kindWords(a.kind)} completed by ${actor.displayName} (${assessmentType}): ${input.outcome}`,
      sector: actor.sector,
      subjectId: id,
      detail: { assessmentType, outcome: input.outcome },
    });
    if (decision) {
      const words = decision === 'eligible' ? 'Eligible for care and support' : 'Not eligible for care and support';
      await recordEvent(tx, actor, at, {
        personId: loaded.id,
        kind: 'eligibility',
        action: overridden ? 'eligibility.overridden' : 'eligibility.decided',
        summary: overridden
          ? `${words}: ${actor.displayName} decided against the computed rule, because ${input.overrideReason!.trim()}`
          : `${words} (${computed.rule === 'adult' ? 'the three conditions' : "the carers' rule"} confirmed by ${actor.displayName})`,
        sector: actor.sector,
        subjectId: id,
        detail: { decision, computed: computed.eligible, overridden, unableToAchieve: computed.unableToAchieve },
      });
    }
    await auditAllowed(tx, actor, at, {
      action: 'assessment.complete',
      personIds: [loaded.id],
      detail: { assessmentId: id, decision, computed: computed.eligible, overridden, outcome: input.outcome },
    });
    return viewOf(tx, ctx, loaded, updated);
  });
}

/**
 * The Client Level Data fields of a carer's assessment as they stand at completion, kept on the
 * assessment: the carer is an unpaid carer supported as such, the hours they care a week (from the
 * carers section), how many adults they look after and up to three of them (the person this
 * assessment is about first, then the carer's other current relationships).
 */
async function carerReturnOf(tx: Executor, placeId: string, a: q.AssessmentRow, sections: q.SectionRow[], on: string): Promise<CarerReturn> {
  const facts = await carerFactsOf(tx, placeId, a.personId, on);
  const linked = [...new Set([...(a.caredForPersonId ? [a.caredForPersonId] : []), ...facts.caredFor])];
  const hours = (sections.find((s) => s.section === 'carers')?.content as { hoursCaringPerWeek?: number } | undefined)?.hoursCaringPerWeek;
  return {
    clientType: 'Unpaid carer',
    primarySupportReason: 'Social support: Support to unpaid carer',
    totalHoursCaringPerWeek: typeof hours === 'number' ? hours : null,
    adultsCaredFor: linked.length,
    linkedPersonIds: linked.slice(0, 3),
  };
}

/** What planning needs of an assessment (plans/ uses it; it has passed the policy there). */
export async function assessmentForPlanning(tx: Executor, placeId: string, id: string): Promise<q.AssessmentRow | undefined> {
  return q.assessmentById(tx, placeId, id);
}
