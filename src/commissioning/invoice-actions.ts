/**
 * What finance does with an invoice line: release a hold (with the reason), dispute a line (the
 * provider then sends a corrected line, which a disputed line no longer blocks as a duplicate),
 * approve a matched line within the role's limit per line. Each change needs the version read
 * (409 when stale), keeps an event (who, when, from, to, why) and is audited.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, denyAndAudit } from '../access/guard.js';
import { roleLabels, type Role } from '../access/roles.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import * as q from './invoice-queries.js';
import { invoiceLineView, type InvoiceLineView } from './invoice-views.js';
import { mustHoldCommissioningRole } from './roles.js';
import { toleranceFor } from './invoices.js';
import type { Tolerance } from './matching-rules.js';

/** Per invoice line: a finance officer up to £5,000, the pooled fund manager without limit. */
export const defaultLineLimits: Partial<Record<Role, number | null>> = { finance_officer: 500_000, pooled_fund_manager: null };
const payRoles = ['finance_officer', 'pooled_fund_manager'] as const;

export async function lineLimitsOf(db: Executor, placeId: string): Promise<{ role: (typeof payRoles)[number]; lineLimitPence: number | null }[]> {
  const set = new Map((await q.approvalLimitsOf(db, placeId)).map((r) => [r.role, r.lineLimitPence]));
  return payRoles.map((role) => ({ role, lineLimitPence: set.has(role) ? (set.get(role) ?? null) : (defaultLineLimits[role] ?? null) }));
}

const gbp = (p: number) => `£${(p / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

type Step = { action: 'release' | 'dispute' | 'approve'; from: readonly string[]; to: string; note: string | null };

async function changeLine(ctx: Ctx, id: string, version: number, step: Step, check?: (tx: Executor, line: q.InvoiceLineRow) => Promise<void>): Promise<InvoiceLineView> {
  const placeId = ctx.actor.placeId;
  return ctx.db.transaction(async (tx) => {
    const line = await q.invoiceLineById(tx, placeId, id, true);
    if (!line) throw new NotFoundError(`No invoice line ${id}.`);
    if (line.version !== version) throw new ConflictError(`This invoice line has changed since you read it (version ${line.version}, you read ${version}): read it again.`, { version: line.version });
    if (!step.from.includes(line.status)) {
      const hint = step.action === 'approve' && line.status === 'held' ? ' Release the hold first, with the reason.' : '';
      throw new ConflictError(`This line is ${line.status}: only a ${step.from.join(' or ')} line can be ${step.action === 'release' ? 'released' : step.action === 'dispute' ? 'disputed' : 'approved'}.${hint}`, { status: line.status });
    }
    await check?.(tx, line);
    const at = ctx.clock.now();
    const set: Partial<q.InvoiceLineRow> = { status: step.to, holdReason: null, holdDetail: step.to === 'held' ? line.holdDetail : null };
    if (step.action === 'dispute') set.disputeNote = step.note;
    if (step.action === 'approve') Object.assign(set, { approvedBy: ctx.actor.userId, approvedAt: at });
    const updated = await q.updateLineAtVersion(tx, placeId, id, version, set);
    if (!updated) throw new ConflictError('This invoice line has changed since you read it: read it again.');
    await q.insertLineEvent(tx, { placeId, id: newId(), invoiceLineId: id, action: step.action, fromStatus: line.status, toStatus: step.to, holdReason: line.holdReason, note: step.note, at, by: ctx.actor.userId, detail: { amountPence: line.amountPence } });
    await auditAllowed(tx, ctx.actor, at, {
      action: `commissioning.invoice_line.${step.action}`,
      personIds: [],
      detail: { invoiceLineId: id, invoiceId: line.invoiceId, from: line.status, to: step.to, holdReason: line.holdReason, note: step.note, amountPence: line.amountPence },
    });
    return invoiceLineView(updated, await q.eventsOfLines(tx, placeId, [id]));
  });
}

export async function releaseLine(ctx: Ctx, id: string, input: { version: number; reason: string }): Promise<InvoiceLineView> {
  await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.invoice_line.release', 'release held invoice lines');
  return changeLine(ctx, id, input.version, { action: 'release', from: ['held'], to: 'matched', note: input.reason.trim() });
}

export async function disputeLine(ctx: Ctx, id: string, input: { version: number; note: string }): Promise<InvoiceLineView> {
  await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.invoice_line.dispute', 'dispute invoice lines');
  return changeLine(ctx, id, input.version, { action: 'dispute', from: ['matched', 'held'], to: 'disputed', note: input.note.trim() });
}

export async function approveLine(ctx: Ctx, id: string, input: { version: number }): Promise<InvoiceLineView> {
  await mustHoldCommissioningRole(ctx, 'pay', 'commissioning.invoice_line.approve', 'approve invoice lines');
  return changeLine(ctx, id, input.version, { action: 'approve', from: ['matched'], to: 'approved', note: null }, async (tx, line) => {
    const limits = await lineLimitsOf(tx, ctx.actor.placeId);
    const mine = limits.find((l) => l.role === ctx.actor.role);
    if (mine && (mine.lineLimitPence === null || line.amountPence <= mine.lineLimitPence)) return;
    const who = limits.filter((l) => l.lineLimitPence === null || line.amountPence <= l.lineLimitPence).map((l) => roleLabels[l.role]);
    const message = `This line is ${gbp(line.amountPence)}, above your approval limit of ${gbp(mine?.lineLimitPence ?? 0)} a line: ${who.length ? `a ${who.join(' or ')} may approve it` : 'no role may approve it; raise the limits'}.`;
    await auditAllowed(tx, ctx.actor, ctx.clock.now(), { action: 'commissioning.invoice_line.approve_refused', personIds: [], detail: { invoiceLineId: id, amountPence: line.amountPence, limitPence: mine?.lineLimitPence ?? 0 } });
    throw new ForbiddenError(message, { mayApprove: who });
  });
}

export type InvoiceRules = { tolerance: Tolerance; lineLimits: { role: string; lineLimitPence: number | null }[] };

export async function invoiceRules(ctx: Ctx): Promise<InvoiceRules> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.invoice_rules_read', 'read the invoice rules');
  const placeId = ctx.actor.placeId;
  const rules = { tolerance: await toleranceFor(ctx.db, placeId), lineLimits: await lineLimitsOf(ctx.db, placeId) };
  await ctx.db.transaction((tx) => auditAllowed(tx, ctx.actor, ctx.clock.now(), { action: 'commissioning.invoice_rules_read', personIds: [] }));
  return rules;
}

/** The pooled fund manager sets the place's limits and tolerance (the scheme of delegation). */
export async function setInvoiceRules(ctx: Ctx, input: { tolerance?: Tolerance; lineLimits?: { role: 'finance_officer' | 'pooled_fund_manager'; lineLimitPence: number | null }[] }): Promise<InvoiceRules> {
  if (ctx.actor.role !== 'pooled_fund_manager') {
    await denyAndAudit(ctx, { action: 'commissioning.invoice_rules_set', personIds: [], reason: 'role', message: 'Only the Pooled fund manager may set the invoice tolerance and approval limits.' });
  }
  const placeId = ctx.actor.placeId;
  await ctx.db.transaction(async (tx) => {
    const at = ctx.clock.now();
    if (input.tolerance) await q.upsertTolerance(tx, { placeId, ...input.tolerance, updatedAt: at, updatedBy: ctx.actor.userId });
    for (const l of input.lineLimits ?? []) await q.upsertApprovalLimit(tx, { placeId, role: l.role, lineLimitPence: l.lineLimitPence, updatedAt: at, updatedBy: ctx.actor.userId });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.invoice_rules_set', personIds: [], detail: { ...input } });
  });
  return invoiceRules(ctx);
}
