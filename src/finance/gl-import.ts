/**
 * Taking a partner's GL file (docs/gl-import.md): all or nothing in one transaction. A file with
 * any rejected row posts nothing and says which lines; otherwise mapped lines post (one journal
 * each), unmapped ones are held with a reason, and lines an earlier file brought are skipped.
 * The same file sent again (same SHA-256 for the partner) posts nothing and answers the first import.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import { londonDateOf } from '../platform/dates.js';
import { InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import { lineKeys, readGlFile } from './gl-csv.js';
import { heldView, type HeldView } from './gl-held.js';
import { mappingOn, partnerNamesOf } from './gl-mappings.js';
import { linePoster, type LineToPost } from './gl-post.js';
import * as q from './gl-queries.js';
import type { GlHeldLine, GlImport, GlRejectedRow } from './gl-schema.js';

export type ImportView = {
  id: string;
  partnerId: string;
  partnerName: string;
  fileName: string;
  sha256: string;
  status: 'posted' | 'held' | 'rejected';
  rowsRead: number;
  rowsPosted: number;
  rowsAlreadyReceived: number;
  rowsHeld: number;
  rowsRejected: number;
  importedAt: string;
  importedBy: string | null;
};

export type ImportDetail = ImportView & { rejected: GlRejectedRow[]; held: HeldView[] };
export type ImportResult = ImportDetail & { alreadyImported: boolean };

export type GlFileInput = { partnerId: string; fileName: string; bytes: Uint8Array };
export type Progress = (stage: string, done: number, total: number) => void;

export function importView(i: GlImport, names: Map<string, string>): ImportView {
  return {
    id: i.id,
    partnerId: i.partnerId,
    partnerName: names.get(i.partnerId) ?? '',
    fileName: i.fileName,
    sha256: i.sha256,
    status: i.status as ImportView['status'],
    rowsRead: i.rowsRead,
    rowsPosted: i.rowsPosted,
    rowsAlreadyReceived: i.rowsAlreadyReceived,
    rowsHeld: i.rowsHeld,
    rowsRejected: i.rowsRejected,
    importedAt: i.importedAt.toISOString(),
    importedBy: i.importedBy,
  };
}

export async function importGlFile(ctx: Ctx, input: GlFileInput, progress: Progress = () => undefined): Promise<ImportResult> {
  await mustHoldRole(ctx, 'post', 'finance.gl.import', 'import general-ledger files');
  const placeId = ctx.actor.placeId;
  const fileName = input.fileName.trim();
  if (!fileName) throw new InvalidError('Give the file’s name (query fileName).', [{ field: 'fileName', problem: 'is empty' }]);
  const file = readGlFile(input.bytes);
  if (file.rowsRead === 0) throw new InvalidError('The file has a header row but no lines.', [{ field: 'file', problem: 'has no lines' }]);
  progress('read', file.rowsRead, file.rowsRead);
  // Partners are read before the transaction: the place's overview reads at once, a transaction one at a time.
  const names = await partnerNamesOf(ctx.db, placeId);
  return ctx.db.transaction(async (tx) => {
    if (!names.has(input.partnerId)) throw new InvalidError('partnerId is not a partner of this place.', [{ field: 'partnerId', problem: 'is not a partner of this place' }]);
    await q.lockPartnerImports(tx, placeId, input.partnerId);
    const at = ctx.clock.now();
    const audit = (detail: Record<string, unknown>) => auditAllowed(tx, ctx.actor, at, { action: 'finance.gl.import', personIds: [], detail });
    const taken = await q.selectTakenImport(tx, placeId, input.partnerId, file.sha256);
    if (taken) {
      await audit({ importId: taken.id, fileName, sha256: file.sha256, alreadyImported: true });
      return { ...(await detailOf(tx, taken, names)), alreadyImported: true };
    }
    const today = londonDateOf(at);
    const closed = await q.selectClosedMonths(tx, placeId);
    const rejected = [...file.rejected];
    for (const l of file.lines) {
      const month = l.transactionDate.slice(0, 7);
      if (closed.has(month)) rejected.push({ line: l.lineNo, field: 'transaction_date', problem: `falls in ${month}, a closed month; post it in an open month` });
      else if (l.transactionDate > today) rejected.push({ line: l.lineNo, field: 'transaction_date', problem: `${l.transactionDate} is after today (${today})` });
    }
    rejected.sort((a, b) => a.line - b.line);
    const row: GlImport = {
      placeId,
      id: newId(),
      partnerId: input.partnerId,
      fileName,
      sha256: file.sha256,
      status: 'rejected',
      rowsRead: file.rowsRead,
      rowsPosted: 0,
      rowsAlreadyReceived: 0,
      rowsHeld: 0,
      rowsRejected: new Set(rejected.map((r) => r.line)).size,
      rejected,
      importedAt: at,
      importedBy: ctx.actor.userId,
    };
    if (rejected.length > 0) {
      await q.insertImport(tx, row);
      await audit({ importId: row.id, fileName, sha256: file.sha256, status: 'rejected', rowsRejected: row.rowsRejected });
      return { ...importView(row, names), rejected, held: [], alreadyImported: false };
    }
    const keys = lineKeys(input.partnerId, file.lines);
    const posted = await q.postedKeys(tx, placeId, keys);
    const stillHeld = await q.heldKeys(tx, placeId, keys);
    const mappings = await q.selectMappings(tx, placeId, input.partnerId);
    const toPost: LineToPost[] = [];
    const held: GlHeldLine[] = [];
    file.lines.forEach((l, i) => {
      const lineKey = keys[i]!;
      const m = mappingOn(mappings, l.costCentre, l.subjective, l.transactionDate);
      // A line posted before, or held before and still without a mapping, is not taken again;
      // one held before that maps now posts from this file and releases the earlier hold.
      if (posted.has(lineKey) || (stillHeld.has(lineKey) && !m)) {
        row.rowsAlreadyReceived += 1;
        return;
      }
      if (m) toPost.push({ importId: row.id, lineNo: l.lineNo, lineKey, transactionDate: l.transactionDate, description: l.description, reference: l.reference, amountPence: l.amountPence, budgetLineCode: m.budgetLineCode });
      else
        held.push({
          placeId,
          id: newId(),
          importId: row.id,
          partnerId: input.partnerId,
          lineNo: l.lineNo,
          raw: l.raw,
          transactionDate: l.transactionDate,
          costCentre: l.costCentre,
          subjective: l.subjective,
          amountPence: l.amountPence,
          lineKey,
          reason: `no mapping for cost centre ${l.costCentre} subjective ${l.subjective} on ${l.transactionDate}`,
          releasedJournalId: null,
          releasedAt: null,
          releasedBy: null,
        });
    });
    Object.assign(row, { status: held.length ? 'held' : 'posted', rowsPosted: toPost.length, rowsHeld: held.length });
    await q.insertImport(tx, row);
    const post = await linePoster(tx, placeId, { id: input.partnerId, name: names.get(input.partnerId)! }, ctx.actor.userId);
    for (const [i, line] of toPost.entries()) {
      const { journalId } = await post(tx, line);
      for (const heldId of stillHeld.get(line.lineKey) ?? []) await q.markReleased(tx, placeId, heldId, journalId, at, ctx.actor.userId);
      if (i % 50 === 0 || i === toPost.length - 1) progress('post', i + 1, toPost.length);
    }
    await q.insertHeldLines(tx, held);
    await audit({ importId: row.id, fileName, sha256: file.sha256, status: row.status, rowsPosted: row.rowsPosted, rowsHeld: row.rowsHeld, rowsAlreadyReceived: row.rowsAlreadyReceived });
    return { ...importView(row, names), rejected: [], held: held.map((h) => heldView(h, names)), alreadyImported: false };
  });
}

async function detailOf(db: Parameters<typeof q.selectImport>[0], i: GlImport, names: Map<string, string>): Promise<ImportDetail> {
  const held = await q.selectHeldLines(db, i.placeId, { importId: i.id });
  return { ...importView(i, names), rejected: i.rejected, held: held.map((h) => heldView(h, names)) };
}

export async function listImports(ctx: Ctx, query: { partnerId?: string; limit?: number }): Promise<ImportView[]> {
  await mustHoldRole(ctx, 'read', 'finance.gl.imports_read', 'read the GL imports');
  const placeId = ctx.actor.placeId;
  return auditedRead(ctx, async (db) => {
    const [rows, names] = await Promise.all([q.selectImports(db, placeId, { partnerId: query.partnerId, limit: query.limit ?? 100 }), partnerNamesOf(db, placeId)]);
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.gl.imports_read', personIds: [], detail: { partnerId: query.partnerId ?? null, imports: rows.length } });
    return rows.map((r) => importView(r, names));
  });
}

export async function importDetail(ctx: Ctx, id: string): Promise<ImportDetail> {
  await mustHoldRole(ctx, 'read', 'finance.gl.imports_read', 'read the GL imports');
  const placeId = ctx.actor.placeId;
  return auditedRead(ctx, async (db) => {
    const i = await q.selectImport(db, placeId, id);
    if (!i) throw new NotFoundError(`No GL import ${id}.`);
    const detail = await detailOf(db, i, await partnerNamesOf(db, placeId));
    await auditAllowed(db, ctx.actor, ctx.clock.now(), { action: 'finance.gl.imports_read', personIds: [], detail: { importId: id } });
    return detail;
  });
}
