/** `caretrust import invoices`: a provider's invoice CSV from the command line, streamed, with a progress bar and the rejected rows by line. */
import fs from 'node:fs';
import type { Ctx } from '../access/actor.js';
import { DomainError } from '../platform/errors.js';
import { uuidPattern } from '../platform/ids.js';
import { progressReporter } from '../platform/progress.js';
import { partnerByRef } from '../partnership/lookups.js';
import type { RejectedRow } from './payment-schema.js';
import { importInvoiceFile } from './invoices.js';

async function linesIn(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n += 1;
  return Math.max(0, n - 1);
}

/** Imports the file and prints what became of it; the exit code is 1 when the file was rejected. */
export async function importInvoicesCommand(ctx: Ctx, o: { file: string; provider: string }, print: (line: string) => void = console.log): Promise<number> {
  if (!fs.existsSync(o.file)) throw new Error(`There is no file ${o.file}.`);
  const ref = o.provider.trim();
  const provider = await partnerByRef(ctx.db, ctx.actor.placeId, uuidPattern.test(ref) ? { id: ref } : { ods: ref.toUpperCase() });
  if (!provider) throw new Error(`No partner with ${uuidPattern.test(ref) ? 'id' : 'ODS code'} ${ref} in this place.`);
  const total = await linesIn(o.file);
  const progress = progressReporter();
  try {
    const result = await importInvoiceFile(ctx, { providerPartnerId: provider.id, source: () => fs.createReadStream(o.file) }, (stage, done) => progress.report(stage, Math.min(done, total), total));
    progress.stop();
    if (result.alreadyImported) {
      print(`${o.file} was imported before (${result.invoices.length} invoices): nothing taken again.`);
      return 0;
    }
    const c = result.invoices.reduce((s, i) => ({ matched: s.matched + i.counts.matched, held: s.held + i.counts.held }), { matched: 0, held: 0 });
    print(`${result.linesRead} lines from ${provider.name} on ${result.invoices.length} invoices: ${c.matched} matched, ${c.held} held.`);
    return 0;
  } catch (e) {
    progress.stop();
    if (e instanceof DomainError && Array.isArray(e.extra.rejected)) {
      print(e.message);
      for (const r of e.extra.rejected as RejectedRow[]) print(`  line ${r.line}: ${r.field}: ${r.problem}`);
      return 1;
    }
    throw e;
  }
}
