/**
 * Finding people: the search box (an NHS number, name fragments, a date of birth) and the list of
 * people the user reaches through their own or their teams' relationships. Each list shows the GP
 * practice, zone and relationship mark of every person, and is audited.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead, denyAndAudit } from '../access/guard.js';
import { mayLookUpRegister } from '../access/policy.js';
import { peopleWithRelationship, relationshipsHeldBy } from '../access/relationships.js';
import { isPractitioner, roleLabels } from '../access/roles.js';
import type { Executor } from '../platform/db.js';
import { parseTypedDate } from '../platform/dates.js';
import { InvalidError } from '../platform/errors.js';
import { teamsByIds } from '../partnership/directory.js';
import { normaliseNhsNumber } from './nhs-number.js';
import * as q from './queries.js';
import { foldName } from './search-name.js';
import { personSummary, type PersonSummary } from './view.js';

/** The search box takes an NHS number, name fragments, a date of birth, or names and a date. */
export function parseSearch(text: string): { nhsNumber: string | null; fragments: string[]; birthDate: string | null } {
  const compact = normaliseNhsNumber(text);
  if (/^\d{10}$/.test(compact)) return { nhsNumber: compact, fragments: [], birthDate: null };
  let birthDate: string | null = null;
  const fragments: string[] = [];
  for (const token of text.trim().split(/\s+/)) {
    const date = parseTypedDate(token);
    if (date && !birthDate) birthDate = date;
    else fragments.push(...foldName(token).split(' ').filter((f) => f.length > 0));
  }
  return { nhsNumber: null, fragments, birthDate };
}

const viewerOf = (ctx: Ctx, at: Date): q.Viewer => ({ userId: ctx.actor.userId, teamIds: ctx.actor.teamIds, at });

/** Rows found with the viewer already carry the relationship mark; others have it read here. */
export async function summaries(tx: Executor, ctx: Ctx, rows: q.FoundPerson[], now: Date): Promise<PersonSummary[]> {
  const unmarked = rows.filter((r) => r.related === null).map((r) => r.id);
  const related = unmarked.length ? await peopleWithRelationship(tx, ctx.actor.placeId, unmarked, viewerOf(ctx, now), now) : new Set<string>();
  return rows.map((r) => personSummary(r, r.practice, (r.related ?? related.has(r.id)) ? 'relationship' : 'none', now));
}

export async function searchPeople(ctx: Ctx, query: { q: string; limit: number }): Promise<PersonSummary[]> {
  if (!mayLookUpRegister(ctx.actor)) {
    return denyAndAudit(ctx, {
      action: 'person.search',
      personIds: [],
      reason: 'role',
      message: `Your role (${roleLabels[ctx.actor.role]}) does not search the person register.`,
    });
  }
  const parsed = parseSearch(query.q);
  if (!parsed.nhsNumber && parsed.fragments.length === 0 && !parsed.birthDate) {
    throw new InvalidError('Type an NHS number, a name or a date of birth.', [{ field: 'q', problem: 'has no name, NHS number or date in it' }]);
  }
  const now = ctx.clock.now();
  return auditedRead(ctx, async (tx) => {
    let rows: q.FoundPerson[];
    if (parsed.nhsNumber) {
      const found = await q.personByNhsNumber(tx, ctx.actor.placeId, parsed.nhsNumber, viewerOf(ctx, now));
      rows = found ? [found] : [];
    } else {
      const search = { fragments: parsed.fragments, birthDate: parsed.birthDate, limit: query.limit };
      // A name search ranks many candidates for its page of results: the relationship mark is read
      // for the page afterwards (summaries), not for every candidate inside the ranking.
      rows = await q.searchByName(tx, ctx.actor.placeId, search);
      if (rows.length === 0 && parsed.fragments.length > 0) {
        rows = await q.searchBySimilarName(tx, ctx.actor.placeId, parsed.fragments.join(' '), parsed.birthDate, query.limit);
      }
    }
    const results = await summaries(tx, ctx, rows, now);
    await auditAllowed(tx, ctx.actor, now, {
      action: 'person.search',
      personIds: rows.map((r) => r.id),
      detail: { q: query.q, results: rows.length },
    });
    return results;
  });
}

/** People the user reaches today through their own or their teams' relationships. */
export async function peopleOfMine(ctx: Ctx) {
  if (!isPractitioner(ctx.actor.role)) return [];
  const now = ctx.clock.now();
  return auditedRead(ctx, async (tx) => {
    const held = await relationshipsHeldBy(tx, ctx.actor.placeId, { userId: ctx.actor.userId, teamIds: ctx.actor.teamIds }, now, 200);
    const firstByPerson = new Map<string, (typeof held)[number]>();
    for (const r of held) if (!firstByPerson.has(r.personId)) firstByPerson.set(r.personId, r);
    const ids = [...firstByPerson.keys()].slice(0, 50);
    const rows = (await q.foundByIds(tx, ctx.actor.placeId, ids, viewerOf(ctx, now))).filter((r) => !r.mergedIntoId);
    const teamNames = await teamsByIds(tx, ctx.actor.placeId, held.flatMap((r) => (r.teamId ? [r.teamId] : [])));
    const base = await summaries(tx, ctx, rows, now);
    await auditAllowed(tx, ctx.actor, now, { action: 'person.list', personIds: rows.map((r) => r.id), detail: { list: 'mine' } });
    return base
      .map((s) => {
        const r = firstByPerson.get(s.id)!;
        return {
          ...s,
          relationship: { kind: r.kind, teamName: r.teamId ? (teamNames.get(r.teamId)?.name ?? null) : null, since: r.validFrom.toISOString() },
        };
      })
      .sort((a, b) => a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName));
  });
}
