/** `caretrust import gl`: a partner's GL file from the command line, with a progress bar and the rejected rows by line. */
import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../access/actor.js';
import { placeOverview } from '../partnership/service.js';
import { progressReporter } from '../platform/progress.js';
import { importGlFile } from './gl-import.js';

/** The partner named by id or by name (whole name, any case). */
export async function partnerNamed(ctx: Ctx, idOrName: string): Promise<{ id: string; name: string }> {
  const partners = (await placeOverview(ctx.db, ctx.actor.placeId)).partners;
  const wanted = idOrName.trim().toLowerCase();
  const found = partners.filter((p) => p.id === idOrName.trim() || p.name.toLowerCase() === wanted);
  if (found.length === 1) return found[0]!;
  const others = partners.filter((p) => p.kind !== 'gp_practice').map((p) => p.name);
  throw new Error(found.length ? `More than one partner is called "${idOrName}": give its id.` : `No partner "${idOrName}" in this place; give an id or one of: ${others.join(', ')}.`);
}

/** Imports the file and prints what became of it; the exit code is 1 when the file was rejected. */
export async function importGlCommand(ctx: Ctx, o: { file: string; partner: string }, print: (line: string) => void = console.log): Promise<number> {
  if (!fs.existsSync(o.file)) throw new Error(`There is no file ${o.file}.`);
  const partner = await partnerNamed(ctx, o.partner);
  const bytes = fs.readFileSync(o.file);
  const progress = progressReporter();
  let result;
  try {
    result = await importGlFile(ctx, { partnerId: partner.id, fileName: path.basename(o.file), bytes }, progress.report);
  } finally {
    progress.stop();
  }
  if (result.alreadyImported) {
    print(`${path.basename(o.file)} was imported before (import ${result.id}, ${result.importedAt}): nothing posted again.`);
    return 0;
  }
  print(
    `${result.rowsRead} rows from ${partner.name}: ${result.rowsPosted} posted, ${result.rowsHeld} held, ${result.rowsAlreadyReceived} already received, ${result.rowsRejected} rejected (import ${result.id}).`,
  );
  if (result.status === 'rejected') {
    print('Nothing was posted from this file. Correct these rows and send it again:');
    for (const r of result.rejected) print(`  line ${r.line}: ${r.field}: ${r.problem}`);
    return 1;
  }
  for (const h of result.held) print(`  held line ${h.lineNo}: ${h.reason}`);
  if (result.held.length) print('Add the missing mappings, then release the held lines (POST /api/finance/gl/held/release or the GL import page).');
  return 0;
}
