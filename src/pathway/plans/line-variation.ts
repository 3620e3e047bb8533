/**
 * Re-pricing a service line (issue #14): a change of quantity or unit cost from a day, as a new
 * version of the line (change 'varied') with its timeline event and audit entry, and a 'varied'
 * step for other modules (the pool's commitments split the line's commitment at `from`). The
 * line keeps its quantity and unit cost as varied and `priceFrom`; the figures before stay in
 * its versions (lineHistory), so a line's price spans can always be read back (finance-facts.ts).
 */
import { z } from 'zod';
import type { Ctx } from '../../access/actor.js';
import type { Executor } from '../../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../../platform/errors.js';
import { partnersByIds } from '../../partnership/lookups.js';
import { addDays, isoDate, pounds, requiredText, versionField } from '../assessments/fields.js';
import { lineCost, quantityToHundredths } from './cost.js';
import { afterChange, staleLine, withLine, type LineChange } from './line-steps.js';
import * as q from './queries.js';
import { stateWords, type LineState } from './states.js';
import { MAX_UNIT_COST_PENCE } from './types.js';
import { describeLine } from './views.js';

export const lineVariationInput = z.strictObject({
  /** The first day the new figures apply. */
  from: isoDate,
  quantity: z
    .number({ message: 'must be a number, for example 7.5' })
    .positive('must be more than 0')
    .max(1000, 'must be at most 1000 units')
    .refine((n) => quantityToHundredths(n) !== null, 'may have at most two decimal places')
    .optional(),
  unitCostPence: z
    .number({ message: 'must be a whole number of pence' })
    .int('must be a whole number of pence')
    .positive('must be more than 0')
    .max(MAX_UNIT_COST_PENCE, `must be at most ${MAX_UNIT_COST_PENCE} pence (£50,000) a unit`)
    .optional(),
  reason: requiredText(1000, 'must say why the price or quantity changes'),
  version: versionField,
});
export type LineVariationInput = z.infer<typeof lineVariationInput>;

const variable: readonly LineState[] = ['approved', 'in_place'];

/** Re-prices an approved or in-place line from `from`: its weekly cost changes from that day on. */
export async function varyLine(ctx: Ctx, lineId: string, input: LineVariationInput): Promise<LineChange> {
  return withLine(ctx, 'service_line.vary', lineId, async (tx, loaded, at) => varyLoaded(tx, ctx, at, loaded.id, loaded.plan, loaded.line, input));
}

/**
 * A contract rate changed from `from` (issue #15): the line priced from the old rate takes the new
 * one from that day, as a new version of the line, in the rate's transaction. The commissioner who
 * sets the rate has no relationship with the person, and needs none: the line's figures change, not
 * what anyone reads of the person; the step is audited against the person all the same (via
 * contract_rate), and its timeline shows it.
 */
export async function repriceLineFromRate(tx: Executor, ctx: Ctx, at: Date, lineId: string, change: { from: string; unitCostPence: number; reason: string }): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  const line = await q.lineById(tx, placeId, lineId, true);
  if (!line) throw new NotFoundError('There is no service line with this id in this place.');
  const plan = (await q.planById(tx, placeId, line.planId))!;
  return varyLoaded(tx, ctx, at, plan.personId, plan, line, { from: change.from, unitCostPence: change.unitCostPence, reason: change.reason, version: line.version }, 'contract_rate');
}

async function varyLoaded(tx: Executor, ctx: Ctx, at: Date, personId: string, plan: q.PlanRow, line: q.LineRow, input: LineVariationInput, via?: string): Promise<LineChange> {
  const placeId = ctx.actor.placeId;
  if (!variable.includes(line.status as LineState)) {
    throw new ConflictError(`This line is ${stateWords[line.status as LineState] ?? line.status}: only an approved or in-place line can change its price or quantity.`, { status: line.status });
  }
  if (line.version !== input.version) throw staleLine(line, input.version);
  if (line.frequency === 'one_off') {
    throw new InvalidError('A one-off line has no weekly cost to re-price; cancel it and propose another.', [{ field: 'from', problem: 'a one-off line cannot be re-priced' }]);
  }
  const quantityHundredths = input.quantity === undefined ? line.quantityHundredths : quantityToHundredths(input.quantity)!;
  const unitCostPence = input.unitCostPence ?? Number(line.unitCostPence);
  const problems: { field: string; problem: string }[] = [];
  if (quantityHundredths === line.quantityHundredths && unitCostPence === Number(line.unitCostPence)) {
    problems.push({ field: input.quantity !== undefined || input.unitCostPence === undefined ? 'quantity' : 'unitCostPence', problem: 'give a new quantity or unit cost: this is what the line already has' });
  }
  const start = line.startedOn ?? line.plannedStart;
  const earliest = line.priceFrom ? addDays(line.priceFrom, 1) : start;
  if (input.from < earliest) {
    problems.push({
      field: 'from',
      problem: line.priceFrom ? `must be after ${line.priceFrom}, when the present price applies from` : `must not be before ${start}, when the line ${line.startedOn ? 'started' : 'is planned to start'}`,
    });
  }
  if (line.plannedEnd && input.from > line.plannedEnd) problems.push({ field: 'from', problem: `must not be after ${line.plannedEnd}, when the line is planned to end` });
  if (line.unit === 'hour' && line.frequency === 'per_week' && quantityHundredths > 16_800) problems.push({ field: 'quantity', problem: 'cannot be more than 168 hours a week' });
  if (line.unit === 'hour' && line.frequency === 'per_day' && quantityHundredths > 2_400) problems.push({ field: 'quantity', problem: 'cannot be more than 24 hours a day' });
  if (problems.length > 0) throw new InvalidError(problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);

  const previousWeeklyPence = lineCost({ ...line, unitCostPence: Number(line.unitCostPence) }).weeklyPence;
  const weeklyPence = lineCost({ quantityHundredths, frequency: line.frequency, unitCostPence }).weeklyPence;
  const reason = input.reason.trim();
  const updated = await q.updateLineAtVersion(tx, placeId, line.id, input.version, { quantityHundredths, unitCostPence, priceFrom: input.from });
  if (!updated) throw staleLine(line, input.version);
  const provider = (await partnersByIds(tx, placeId, [line.providerPartnerId])).get(line.providerPartnerId);
  return afterChange(tx, ctx, at, personId, plan, updated, {
    version: 'varied',
    action: 'package.varied',
    summary: `Re-priced from ${input.from}: ${describeLine(updated, provider?.name ?? '')}, was ${pounds(previousWeeklyPence)} a week: ${reason}`,
    detail: { from: input.from, weeklyPence, previousWeeklyPence, reason },
    audit: 'service_line.vary',
    varied: { from: input.from, weeklyPence, previousWeeklyPence },
    ...(via ? { via } : {}),
  });
}

export type LineForRepricing = {
  id: string;
  status: string;
  frequency: string;
  unitCostPence: number;
  plannedStart: string;
  plannedEnd: string | null;
  startedOn: string | null;
  endedOn: string | null;
  priceFrom: string | null;
};

/** What a rate change needs of the lines it may re-price: state, dates and present price. */
export async function linesForRepricing(tx: Executor, placeId: string, ids: string[]): Promise<LineForRepricing[]> {
  return (await q.linesByIds(tx, placeId, ids)).map((l) => ({
    id: l.id,
    status: l.status,
    frequency: l.frequency,
    unitCostPence: Number(l.unitCostPence),
    plannedStart: l.plannedStart,
    plannedEnd: l.plannedEnd,
    startedOn: l.startedOn,
    endedOn: l.endedOn,
    priceFrom: l.priceFrom,
  }));
}
