/**
 * GL lines held for want of a mapping: listed with their reason, counted by month for the
 * month-end close, and released (posted) once a mapping covers them. A line in a closed month
 * stays held; a line another file has posted meanwhile is marked released against that journal.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { financialYearBounds } from '../platform/financial-year.js';
import { mustHoldRole } from './agreement-access.js';
import { mappingOn, partnerNamesOf } from './gl-mappings.js';
import { linePoster, type Poster } from './gl-post.js';
import * as q from './gl-queries.js';
import type { GlHeldLine, GlMapping } from './gl-schema.js';

export type HeldView = {
  id: string;
  importId: string;
  lineNo: number;
  partnerId: string;
  partnerName: string;
  transactionDate: string;
  costCentre: string;
  subjective: string;
  description: string;
  reference: string;
  amountPence: number;
  reason: string;
  releasedJournalId: string | null;
  releasedAt: string | null;
};

export function heldView(h: GlHeldLine, names: Map<string, string>): HeldView {
  return {
    id: h.id,
    importId: h.importId,
    lineNo: h.lineNo,
    partnerId: h.partnerId,
    partnerName: names.get(h.partnerId) ?? '',
    transactionDate: h.transactionDate,
    costCentre: h.costCentre,
    subjective: h.subjective,
    description: h.raw.description,
    reference: h.raw.reference,
    amountPence: h.amountPence,
    reason: h.reason,
    releasedJournalId: h.releasedJournalId,
    releasedAt: h.releasedAt ? h.releasedAt.toISOString() : null,
  };
}

export async function listHeldLines(ctx: Ctx, query: { partnerId?: string; status?: 'held' | 'released' | 'all' }): Promise<HeldView[]> {
  await mustHoldRole(ctx, 'read', 'finance.gl.held_read', 'read the held GL lines');
  const placeId = ctx.actor.placeId;
  const status = query.status ?? 'held';
  return auditedRead(ctx, async (db) => {
    const [rows, names] = await Promise.all([q.selectHeldLines(db, placeId, { partnerId: query.partnerId, openOnly: status === 'held', releasedOnly: status === 'released', limit: 5000 }), partnerNamesOf(db, placeId)]);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.gl.held_read', personIds: [], detail: { partnerId: query.partnerId ?? null, status, lines: rows.length } });
    return rows.map((r) => heldView(r, names));
  });
}

export type ReleaseResult = { released: HeldView[]; stillHeld: (HeldView & { why: string })[] };

/** Posts every open held line that a mapping now covers, in one transaction. */
export async function releaseHeldLines(ctx: Ctx, query: { partnerId?: string } = {}): Promise<ReleaseResult> {
  await mustHoldRole(ctx, 'post', 'finance.gl.held.release', 'release held GL lines');
  const placeId = ctx.actor.placeId;
  const names = await partnerNamesOf(ctx.db, placeId);
  return ctx.db.transaction(async (tx) => {
    const at = ctx.clock.now();
    const open = (await q.lockOpenHeldLines(tx, placeId)).filter((h) => !query.partnerId || h.partnerId === query.partnerId);
    const closed = await q.selectClosedMonths(tx, placeId);
    const posted = await q.postedKeys(tx, placeId, open.map((h) => h.lineKey));
    const mappings = new Map<string, GlMapping[]>();
    const posters = new Map<string, Poster>();
    const result: ReleaseResult = { released: [], stillHeld: [] };
    for (const h of open) {
      if (!mappings.has(h.partnerId)) mappings.set(h.partnerId, await q.selectMappings(tx, placeId, h.partnerId));
      const m = mappingOn(mappings.get(h.partnerId)!, h.costCentre, h.subjective, h.transactionDate);
      const month = h.transactionDate.slice(0, 7);
      if (!m) {
        result.stillHeld.push({ ...heldView(h, names), why: h.reason });
        continue;
      }
      if (closed.has(month)) {
        result.stillHeld.push({ ...heldView(h, names), why: `now maps to ${m.budgetLineCode}, but ${month} is closed` });
        continue;
      }
      let journalId = posted.get(h.lineKey);
      if (!journalId) {
        let post = posters.get(h.partnerId);
        if (!post) {
          post = await linePoster(tx, placeId, { id: h.partnerId, name: names.get(h.partnerId) ?? h.partnerId }, ctx.actor.userId);
          posters.set(h.partnerId, post);
        }
        const line = { importId: h.importId, lineNo: h.lineNo, lineKey: h.lineKey, transactionDate: h.transactionDate, description: h.raw.description, reference: h.raw.reference, amountPence: h.amountPence, budgetLineCode: m.budgetLineCode };
        journalId = (await post(tx, line)).journalId;
        posted.set(h.lineKey, journalId);
      }
      await q.markReleased(tx, placeId, h.id, journalId, at, ctx.actor.userId);
      result.released.push(heldView({ ...h, releasedJournalId: journalId, releasedAt: at, releasedBy: ctx.actor.userId }, names));
    }
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.gl.held.release', personIds: [], detail: { partnerId: query.partnerId ?? null, released: result.released.length, stillHeld: result.stillHeld.length } });
    return result;
  });
}

/** For the month-end page: each month of the year with lines still held, how many and their sum. */
export async function heldLineCountsByMonth(db: Executor, placeId: string, fy: string): Promise<{ month: string; lines: number; pence: number }[]> {
  const { from, to } = financialYearBounds(fy);
  return q.selectHeldCountsByMonth(db, placeId, from, to);
}
