/**
 * A manual journal from a finance officer or the pooled fund manager: balanced lines on accounts
 * the ledger has, or on budget lines (BL/<area>/<group>/<zone|ALL>, opened on first use), with a
 * reason. The client sends its own idempotency key (header Idempotency-Key or body field
 * idempotencyKey), kept as `manual:<key>` so it never meets a key the system makes.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import { clientGroups } from '../partnership/functions.js';
import { zonesOfPlace } from '../partnership/service.js';
import { rowsOf, sql, type Executor } from '../platform/db.js';
import { InvalidError, type ErrorDetail } from '../platform/errors.js';
import { mustHoldRole } from './agreement-access.js';
import { parseBudgetLineCode, serviceAreaLabels } from './budget-lines.js';
import { ensureAccount, postJournal } from './ledger.js';

export type ManualJournalInput = {
  postedOn: string;
  description: string;
  reason: string;
  idempotencyKey: string;
  lines: { accountCode: string; amountPence: number; memo?: string | null }[];
};

/** The largest amount one line of a manual journal may carry: £10bn, far above any pool's year. */
export const maxManualLinePence = 1_000_000_000_000;

/** Opens the budget-line accounts the lines name for the first time; refuses every other unknown code, naming them. */
async function accountsOfLines(tx: Executor, placeId: string, codes: string[]): Promise<void> {
  const known = new Set(
    (await rowsOf<{ code: string }>(tx, sql`select code from ledger_account where place_id = ${placeId}`)).map((r) => r.code),
  );
  const missing = [...new Set(codes)].filter((c) => !known.has(c));
  if (!missing.length) return;
  const zones = new Set((await zonesOfPlace(tx, placeId)).map((z) => z.code));
  const problems: ErrorDetail[] = [];
  const toOpen: { code: string; key: NonNullable<ReturnType<typeof parseBudgetLineCode>> }[] = [];
  for (const code of missing) {
    const key = parseBudgetLineCode(code);
    if (!key) problems.push({ field: 'lines.accountCode', problem: `unknown account ${code}` });
    else if (!(clientGroups as readonly string[]).includes(key.clientGroup)) problems.push({ field: 'lines.accountCode', problem: `unknown account ${code}: ${key.clientGroup} is not a client group` });
    else if (key.zoneCode !== null && !zones.has(key.zoneCode)) problems.push({ field: 'lines.accountCode', problem: `unknown account ${code}: ${key.zoneCode} is not a zone of this place` });
    else toOpen.push({ code, key });
  }
  if (problems.length)
    throw new InvalidError(
      `Unknown account${problems.length > 1 ? 's' : ''} ${problems.map((p) => p.problem.replace(/^unknown account /, '')).join('; ')}. Post to an account the ledger has, or to a budget line BL/<service area>/<client group>/<zone or ALL>.`,
      problems,
    );
  for (const { code, key } of toOpen)
    await ensureAccount(tx, placeId, {
      code,
      name: `${serviceAreaLabels[key.serviceArea]}: ${key.clientGroup.replace(/_/g, ' ')}, ${key.zoneCode ?? 'all zones'}`,
      kind: 'budget_line',
      serviceArea: key.serviceArea,
      clientGroup: key.clientGroup,
      zoneCode: key.zoneCode,
    });
}

function check(input: ManualJournalInput): void {
  const problems: ErrorDetail[] = [];
  if (!input.reason?.trim()) problems.push({ field: 'reason', problem: 'give the reason for the journal' });
  if (!input.description?.trim()) problems.push({ field: 'description', problem: 'describe the journal' });
  if (!input.idempotencyKey?.trim()) problems.push({ field: 'idempotencyKey', problem: 'send an idempotency key (header Idempotency-Key or body idempotencyKey) so a re-sent journal is posted once' });
  input.lines.forEach((l, i) => {
    if (Math.abs(l.amountPence) > maxManualLinePence) problems.push({ field: `lines.${i}.amountPence`, problem: `is more than £10bn (${maxManualLinePence} pence), larger than a journal line can be` });
  });
  if (problems.length) throw new InvalidError(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
}

export async function postManualJournal(ctx: Ctx, input: ManualJournalInput): Promise<{ journalId: string; alreadyPosted: boolean }> {
  await mustHoldRole(ctx, 'post', 'finance.ledger.manual_journal', 'post manual journals');
  check(input);
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    await accountsOfLines(tx, placeId, input.lines.map((l) => l.accountCode));
    const posted = await postJournal(tx, {
      placeId,
      postedOn: input.postedOn,
      description: input.description.trim(),
      idempotencyKey: `manual:${input.idempotencyKey.trim()}`,
      source: { kind: 'manual' },
      postedBy: ctx.actor.userId,
      reason: input.reason.trim(),
      lines: input.lines.map((l) => ({ accountCode: l.accountCode, amountPence: l.amountPence, memo: l.memo ?? null })),
    });
    await auditAllowed(tx, ctx.actor, ctx.clock.now(), {
      action: 'finance.ledger.manual_journal',
      personIds: [],
      detail: { journalId: posted.journalId, postedOn: input.postedOn, lines: input.lines.length, alreadyPosted: posted.alreadyPosted },
    });
    return posted;
  });
}
