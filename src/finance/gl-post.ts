/**
 * Posting one GL line to the ledger: its own journal (decision 0020-g), Dr the mapped budget line,
 * Cr CREDITOR/PARTNER/<partner>, under the line's idempotency key, so a line is posted once
 * whichever file (or release of a held line) brings it.
 */
import { zonesOfPlace } from '../partnership/service.js';
import type { Executor } from '../platform/db.js';
import { budgetLineName } from './agreement-views.js';
import { parseBudgetLineCode } from './budget-lines.js';
import { ensureAccount, postJournal } from './ledger.js';

export type LineToPost = {
  importId: string;
  lineNo: number;
  lineKey: string;
  transactionDate: string;
  description: string;
  reference: string;
  amountPence: number;
  budgetLineCode: string;
};

export type Poster = (tx: Executor, line: LineToPost) => Promise<{ journalId: string; alreadyPosted: boolean }>;

/** A poster for one partner's lines, which makes each account the first time it is needed. */
export async function linePoster(db: Executor, placeId: string, partner: { id: string; name: string }, postedBy: string | null): Promise<Poster> {
  const zoneNames = new Map((await zonesOfPlace(db, placeId)).map((z) => [z.code, z.name]));
  const creditor = `CREDITOR/PARTNER/${partner.id}`;
  const made = new Set<string>();
  const ensure = async (tx: Executor, code: string) => {
    if (made.has(code)) return;
    if (code === creditor) await ensureAccount(tx, placeId, { code, name: `${partner.name}: spend paid from its own ledger`, kind: 'creditor', partnerId: partner.id });
    else {
      const key = parseBudgetLineCode(code);
      await ensureAccount(tx, placeId, { code, name: budgetLineName(code, zoneNames), kind: 'budget_line', serviceArea: key?.serviceArea ?? null, clientGroup: key?.clientGroup ?? null, zoneCode: key?.zoneCode ?? null });
    }
    made.add(code);
  };
  return async (tx, line) => {
    await ensure(tx, creditor);
    await ensure(tx, line.budgetLineCode);
    const glLineRef = `${line.importId}:${line.lineNo}`;
    return postJournal(tx, {
      placeId,
      postedOn: line.transactionDate,
      description: `GL ${partner.name} ${line.reference}: ${line.description}`.trim(),
      idempotencyKey: line.lineKey,
      source: { kind: 'gl_import', ref: line.importId },
      postedBy,
      lines: [
        { accountCode: line.budgetLineCode, amountPence: line.amountPence, memo: line.reference, trace: { glLineRef } },
        { accountCode: creditor, amountPence: -line.amountPence, memo: line.reference, trace: { glLineRef } },
      ],
    });
  };
}
