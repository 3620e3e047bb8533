/**
 * Recording a contribution received: the receipt row and its ledger journal in one transaction
 * (Dr POOL/BANK, Cr CONTRIB/<partner>/<stream>), keyed by the remittance reference, so a receipt
 * sent twice is recorded and posted once.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { ConflictError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { mustHoldRole } from './agreement-access.js';
import { fundingStreamLabels, type ReceiptInput } from './agreement-inputs.js';
import * as q from './agreement-queries.js';
import type { S75Movement } from './agreement-schema.js';
import { checkMovement, movementView, type MovementView } from './contributions.js';
import { ensureAccount, postJournal } from './ledger.js';
import { placeOverview } from '../partnership/service.js';

export async function recordReceipt(ctx: Ctx, fy: string, input: ReceiptInput): Promise<MovementView & { alreadyRecorded: boolean }> {
  await mustHoldRole(ctx, 'post', 'finance.contribution.receipt', 'record contributions received');
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const names = new Map((await placeOverview(tx, placeId)).partners.map((p) => [p.id, p.name]));
    const earlier = await q.selectReceiptByReference(tx, placeId, input.reference);
    if (earlier) {
      const same = earlier.partnerId === input.partnerId && earlier.stream === input.stream && earlier.amountPence === input.amountPence && earlier.financialYear === fy;
      if (!same) throw new ConflictError(`Receipt ${input.reference} is already recorded for a different partner, stream, year or amount; give this receipt its own reference.`, { movementId: earlier.id });
      return { ...movementView(earlier, names), alreadyRecorded: true };
    }
    const agreementId = await checkMovement(tx, placeId, fy, { partnerId: input.partnerId, onDate: input.receivedOn, dateField: 'receivedOn' });
    const id = newId();
    const contribCode = `CONTRIB/${input.partnerId}/${input.stream}`;
    await ensureAccount(tx, placeId, { code: 'POOL/BANK', name: 'Pooled fund bank', kind: 'bank' });
    await ensureAccount(tx, placeId, { code: contribCode, name: `${names.get(input.partnerId) ?? input.partnerId}: ${fundingStreamLabels[input.stream]}`, kind: 'contribution', partnerId: input.partnerId, fundingStream: input.stream });
    const journal = await postJournal(tx, {
      placeId,
      postedOn: input.receivedOn,
      description: `Contribution received: ${names.get(input.partnerId) ?? ''}, ${fundingStreamLabels[input.stream]} (${input.reference})`,
      idempotencyKey: `contribution-receipt:${input.reference}`,
      source: { kind: 'contribution_receipt', ref: input.reference },
      postedBy: ctx.actor.userId,
      lines: [
        { accountCode: 'POOL/BANK', amountPence: input.amountPence, trace: { contributionId: id } },
        { accountCode: contribCode, amountPence: -input.amountPence, trace: { contributionId: id } },
      ],
    });
    const at = ctx.clock.now();
    const row: S75Movement = {
      placeId,
      id,
      agreementId,
      financialYear: fy,
      partnerId: input.partnerId,
      stream: input.stream,
      kind: 'receipt',
      amountPence: input.amountPence,
      onDate: input.receivedOn,
      reason: input.note ?? '',
      boardDecisionRef: '',
      reference: input.reference,
      journalId: journal.journalId,
      recordedAt: at,
      recordedBy: ctx.actor.userId,
    };
    await q.insertMovement(tx, row);
    await auditAllowed(tx, ctx.actor, at, { action: 'finance.contribution.receipt', personIds: [], detail: { movementId: id, journalId: journal.journalId, reference: input.reference, amountPence: input.amountPence } });
    return { ...movementView(row, names), alreadyRecorded: false };
  });
}
