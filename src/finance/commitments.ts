/**
 * Commitments from care packages, kept current as lines change: the pathway tells of each step of
 * a service line (src/pathway/plans/line-events.ts) and this listener rewrites that line's
 * commitment in the step's transaction. `recalculateCommitments` rebuilds every row from the
 * lines themselves and must leave the same state (the integration test compares them).
 *
 * The budget line a service line charges: its service area from its CLD component, the client
 * group its referral was routed by (or, without one, from the person's age on the line's start:
 * under 18 children, 65 and over older people, otherwise physical disability, the commonest
 * primary support reason of working-age adults), and the zone of the person's GP practice (all
 * zones when unknown).
 *
 * A line re-priced from a day (the pathway's 'varied' step) has a row per price span
 * (commitment-rules.ts priceSpans), each committing its own weekly cost over its own days and
 * rounded once; the spans come from the line's versions, so the listener and the full
 * recalculation write the same rows.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Executor } from '../platform/db.js';
import { clientGroups, type ClientGroup } from '../partnership/functions.js';
import { ageOn } from '../partnership/routing.js';
import { zoneOfPractice } from '../partnership/service.js';
import { linesForCommitment, type LineForCommitment } from '../pathway/plans/finance-facts.js';
import type { ServiceLineChange } from '../pathway/plans/line-events.js';
import { peopleByIdOrNhsNumber } from '../people/service.js';
import { budgetLineCode, serviceAreaOfComponent } from './budget-lines.js';
import { lineCommitmentPence, priceSpans } from './commitment-rules.js';
import { commitmentLines, type CommitmentLineRow } from './commitment-schema.js';

export function clientGroupOfLine(referralGroup: string | null, birthDate: string | null, on: string): ClientGroup {
  if (referralGroup && (clientGroups as readonly string[]).includes(referralGroup)) return referralGroup as ClientGroup;
  if (birthDate) {
    const age = ageOn(birthDate, on);
    if (age < 18) return 'children';
    if (age >= 65) return 'older_people';
  }
  return 'physical_disability';
}

/** The commitment rows of these lines (none for a line not approved, in place or ended). */
async function rowsOf(db: Executor, placeId: string, lines: LineForCommitment[], at: Date): Promise<CommitmentLineRow[]> {
  const live = lines.filter((l) => l.status === 'approved' || l.status === 'in_place' || l.status === 'ended');
  if (live.length === 0) return [];
  const people = new Map((await peopleByIdOrNhsNumber(db, placeId, live.map((l) => l.personId), [])).map((p) => [p.id, p]));
  const zoneOf = new Map<string, string | null>();
  for (const practice of new Set([...people.values()].map((p) => p.gpPracticeId).filter((p): p is string => !!p))) {
    zoneOf.set(practice, (await zoneOfPractice(db, placeId, practice))?.code ?? null);
  }
  return live.flatMap((l) => {
    const person = people.get(l.personId);
    const lineStart = l.startedOn ?? l.plannedStart;
    const clientGroup = clientGroupOfLine(l.referralClientGroup, person?.birthDate ?? null, lineStart);
    const zoneCode = person?.gpPracticeId ? (zoneOf.get(person.gpPracticeId) ?? null) : null;
    const lineEnd = l.status === 'ended' ? (l.endedOn ?? l.plannedEnd) : l.plannedEnd;
    return priceSpans(lineStart, lineEnd, l.prices).map((span) => ({
      placeId,
      serviceLineId: l.lineId,
      budgetLineCode: budgetLineCode({ serviceArea: serviceAreaOfComponent(l.component), clientGroup, zoneCode }),
      planId: l.planId,
      personId: l.personId,
      providerPartnerId: l.providerPartnerId,
      serviceType: l.serviceType,
      component: l.component,
      clientGroup,
      zoneCode,
      weeklyPence: span.weeklyPence,
      startOn: span.startOn,
      endOn: span.endOn,
      updatedAt: at,
    }));
  });
}

/** The commitment rows of these lines, budget line included: the preset seed invoices each line to the same budget line. */
export function commitmentRowsForLines(db: Executor, placeId: string, lines: LineForCommitment[], at: Date): Promise<CommitmentLineRow[]> {
  return rowsOf(db, placeId, lines, at);
}

async function writeRows(db: Executor, rows: CommitmentLineRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(commitmentLines).values(rows.slice(i, i + 1000));
}

/** The listener of the pathway's line steps (registered by forecast-routes.ts): one line's row rewritten. */
export async function commitmentOfLineChanged(tx: Executor, actor: Actor, at: Date, change: ServiceLineChange): Promise<void> {
  const placeId = actor.placeId;
  await tx.delete(commitmentLines).where(and(eq(commitmentLines.placeId, placeId), eq(commitmentLines.serviceLineId, change.lineId)));
  await writeRows(tx, await rowsOf(tx, placeId, await linesForCommitment(tx, placeId, [change.lineId]), at));
}

/** Every row rebuilt from the lines approved, in place or ended (an ended line commits up to its end day). */
export async function recalculateCommitments(tx: Executor, placeId: string, at: Date): Promise<number> {
  await tx.delete(commitmentLines).where(eq(commitmentLines.placeId, placeId));
  const rows = await rowsOf(tx, placeId, await linesForCommitment(tx, placeId), at);
  await writeRows(tx, rows);
  return rows.length;
}

/** The rows of a place (of one budget line; only those not ended before `liveFrom`, which can still commit or count from then). */
export async function commitmentRows(db: Executor, placeId: string, budgetLine?: string, liveFrom?: string): Promise<CommitmentLineRow[]> {
  return db
    .select()
    .from(commitmentLines)
    .where(
      and(
        eq(commitmentLines.placeId, placeId),
        budgetLine ? eq(commitmentLines.budgetLineCode, budgetLine) : sql`true`,
        liveFrom ? sql`(${commitmentLines.endOn} is null or ${commitmentLines.endOn} >= ${liveFrom})` : sql`true`,
      ),
    );
}

/**
 * Commitment by budget line as at a day: the sum of each span's rounded commitment; spans
 * committing nothing left out. `lines` counts service lines once however many spans they have, and
 * `weeklyPence` takes each line's weekly cost from its first span still committing (the one in
 * force on the day, or the first to come).
 */
export async function commitmentsByLine(db: Executor, placeId: string, day: string): Promise<{ code: string; lines: number; weeklyPence: number; commitmentPence: number }[]> {
  const byCode = new Map<string, { code: string; lines: number; weeklyPence: number; commitmentPence: number }>();
  const counted = new Set<string>();
  const rows = (await commitmentRows(db, placeId, undefined, day)).sort((a, b) => a.serviceLineId.localeCompare(b.serviceLineId) || a.startOn.localeCompare(b.startOn));
  for (const r of rows) {
    const pence = lineCommitmentPence(r, day);
    if (pence === 0) continue;
    const t = byCode.get(r.budgetLineCode) ?? { code: r.budgetLineCode, lines: 0, weeklyPence: 0, commitmentPence: 0 };
    if (!counted.has(r.serviceLineId)) {
      counted.add(r.serviceLineId);
      t.lines += 1;
      t.weeklyPence += r.weeklyPence;
    }
    t.commitmentPence += pence;
    byCode.set(r.budgetLineCode, t);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The budget line a service line charges on a day: that of its commitment span in force then (the
 * first span for a day before the line starts, the last for one after). Null for a line with no
 * commitment (proposed or cancelled).
 */
export async function budgetLineOfServiceLine(db: Executor, placeId: string, lineId: string, on: string): Promise<string | null> {
  return (await budgetLinesOfServiceLines(db, placeId, [{ lineId, on }])).get(`${lineId}|${on}`) ?? null;
}

/** budgetLineOfServiceLine for many (line, day) pairs at once, keyed `lineId|on`. */
export async function budgetLinesOfServiceLines(db: Executor, placeId: string, asked: readonly { lineId: string; on: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(asked.map((a) => a.lineId))];
  const spans = new Map<string, { startOn: string; code: string }[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ lineId: commitmentLines.serviceLineId, startOn: commitmentLines.startOn, code: commitmentLines.budgetLineCode })
      .from(commitmentLines)
      .where(and(eq(commitmentLines.placeId, placeId), inArray(commitmentLines.serviceLineId, ids.slice(i, i + 1000))));
    for (const r of rows) spans.set(r.lineId, [...(spans.get(r.lineId) ?? []), { startOn: r.startOn, code: r.code }]);
  }
  // A line whose commitment is not stored (a seeded place keeps none until recalculated) is worked out as the listener would write it.
  const missing = ids.filter((id) => !spans.has(id));
  if (missing.length) {
    for (const r of await rowsOf(db, placeId, await linesForCommitment(db, placeId, missing), new Date())) {
      spans.set(r.serviceLineId, [...(spans.get(r.serviceLineId) ?? []), { startOn: r.startOn, code: r.budgetLineCode }]);
    }
  }
  for (const a of asked) {
    const list = (spans.get(a.lineId) ?? []).sort((x, y) => x.startOn.localeCompare(y.startOn));
    if (list.length === 0) continue;
    const inForce = list.filter((s) => s.startOn <= a.on).at(-1) ?? list[0]!;
    out.set(`${a.lineId}|${a.on}`, inForce.code);
  }
  return out;
}
