/**
 * Rate cards: a contract's price per service type, unit and enhancement from a day. A new rate
 * from day D ends the one before it on D − 1 (no rate is edited otherwise), and re-prices, in the
 * same transaction, every approved or in-place line priced from the old rate that is live on D:
 * each takes the new rate from D (or from its start, if later) as a new version of the line, so
 * its commitment follows and its history keeps the old price (decision 0016). The annual uplift
 * is the same step for each of a contract's rates in force on its anniversary.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { addDays } from '../pathway/assessments/fields.js';
import { linesForRepricing, repriceLineFromRate } from '../pathway/plans/line-variation.js';
import { contractWithRates, rateView, type ContractWithRates, type RateView } from './contract-service.js';
import { recordLinePricing } from './pricing.js';
import * as q from './provider-queries.js';
import type { NewRateInput } from './provider-inputs.js';
import { mustHoldCommissioningRole } from './roles.js';

export type RateChange = { rate: RateView; ended: RateView | null; repricedLines: number };

/** rate × (1 + bp/10000), rounded half up to the penny, in integers. */
export function upliftedPence(ratePence: number, bp: number): number {
  const n = BigInt(ratePence) * BigInt(10_000 + bp);
  return Number((2n * n + 10_000n) / 20_000n);
}

function mustBeWithinContract(c: q.ContractRow, day: string, field: string): void {
  if (day < c.startsOn || (c.endsOn && day > c.endsOn)) {
    throw new InvalidError(`Contract ${c.reference} runs from ${c.startsOn} to ${c.endsOn ?? 'no end date'}: a rate applies within it.`, [
      { field, problem: `must be within the contract (${c.startsOn} to ${c.endsOn ?? 'open'})` },
    ]);
  }
}

/** Adds one rate row from its day, ending the one before and re-pricing its live lines. */
async function addRateInTx(tx: Executor, ctx: Ctx, at: Date, c: q.ContractRow, input: Omit<NewRateInput, 'reason'> & { reason: 'new' | 'correction' | 'uplift' }): Promise<RateChange> {
  const placeId = ctx.actor.placeId;
  const from = input.effectiveFrom;
  const series = await q.rateSeries(tx, placeId, { contractId: c.id, serviceType: input.serviceType, unit: input.unit, enhancement: input.enhancement });
  const latest = series.at(-1);
  if (latest && latest.effectiveFrom >= from) {
    throw new ConflictError(
      `This contract already has a ${input.serviceType} rate by the ${input.unit} from ${latest.effectiveFrom}: a new rate starts after the latest one (history is never rewritten).`,
      { latestFrom: latest.effectiveFrom },
    );
  }
  // A series closed on a day (a contract's end) keeps that end; an open one stays open.
  const inheritedEnd = latest && latest.effectiveTo !== null && latest.effectiveTo >= from ? latest.effectiveTo : null;
  let ended: q.RateRow | null = null;
  if (latest && (latest.effectiveTo === null || latest.effectiveTo >= from)) {
    await q.endRate(tx, placeId, latest.id, addDays(from, -1));
    ended = { ...latest, effectiveTo: addDays(from, -1) };
  }
  const rate = await q.insertRate(tx, {
    placeId,
    id: newId(),
    contractId: c.id,
    serviceType: input.serviceType,
    unit: input.unit,
    enhancement: input.enhancement,
    ratePence: input.ratePence,
    effectiveFrom: from,
    effectiveTo: inheritedEnd,
    reason: input.reason,
    createdAt: at,
    createdBy: ctx.actor.userId,
  });
  const repricedLines = ended ? await repriceFrom(tx, ctx, at, c, ended, rate) : 0;
  await auditAllowed(tx, ctx.actor, at, {
    action: 'commissioning.rate_add',
    personIds: [],
    detail: { contractId: c.id, rateCardId: rate.id, effectiveFrom: from, ratePence: input.ratePence, endedRateCardId: ended?.id ?? null, repricedLines },
  });
  return { rate: rateView(rate), ended: ended ? rateView(ended) : null, repricedLines };
}

/** Lines priced from `old` and live on the new rate's day take the new rate from then. */
async function repriceFrom(tx: Executor, ctx: Ctx, at: Date, c: q.ContractRow, old: q.RateRow, rate: q.RateRow): Promise<number> {
  const placeId = ctx.actor.placeId;
  const D = rate.effectiveFrom;
  const priced = await q.linesPricedFrom(tx, placeId, [old.id]);
  const facts = new Map((await linesForRepricing(tx, placeId, priced.map((p) => p.serviceLineId))).map((l) => [l.id, l]));
  let n = 0;
  for (const p of priced) {
    const line = facts.get(p.serviceLineId);
    if (!line || !['approved', 'in_place'].includes(line.status)) continue;
    const start = line.startedOn ?? line.plannedStart;
    const lastDay = line.endedOn ?? line.plannedEnd;
    if (lastDay && lastDay < D) continue;
    const from = start > D ? start : D;
    if ((line.priceFrom && from <= line.priceFrom) || (lastDay && from > lastDay) || line.frequency === 'one_off') continue;
    if (line.unitCostPence !== Number(rate.ratePence)) {
      await repriceLineFromRate(tx, ctx, at, line.id, {
        from,
        unitCostPence: Number(rate.ratePence),
        reason: `contract ${c.reference} rate from ${D}`,
      });
      n += 1;
    }
    await recordLinePricing(tx, placeId, line.id, from, { contractId: c.id, rateCardId: rate.id, ratePence: Number(rate.ratePence) }, at);
  }
  return n;
}

async function lockedContract(tx: Executor, placeId: string, id: string): Promise<q.ContractRow> {
  const c = await q.contractById(tx, placeId, id, true);
  if (!c) throw new NotFoundError('There is no contract with this id in this place.');
  return c;
}

export async function addRate(ctx: Ctx, contractId: string, input: NewRateInput): Promise<RateChange> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.rate_add', 'set contract rates');
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = await lockedContract(tx, ctx.actor.placeId, contractId);
    mustBeWithinContract(c, input.effectiveFrom, 'effectiveFrom');
    return addRateInTx(tx, ctx, at, c, input);
  });
}

/** Whether `day` is an anniversary of the contract's start (same month and day, a later year). */
function isAnniversary(startsOn: string, day: string): boolean {
  return day.slice(5) === startsOn.slice(5) && day.slice(0, 4) > startsOn.slice(0, 4);
}

/** The contract's annual uplift from an anniversary: a new rate row for each rate in force the day before. */
export async function applyUplift(ctx: Ctx, contractId: string, from: string): Promise<{ contract: ContractWithRates; added: RateChange[]; repricedLines: number }> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.rate_uplift', 'apply contract uplifts');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = await lockedContract(tx, placeId, contractId);
    if (c.annualUpliftBp === 0) throw new ConflictError(`Contract ${c.reference} has no annual uplift to apply.`, { annualUpliftBp: 0 });
    if (!isAnniversary(c.startsOn, from)) {
      throw new InvalidError(`Contract ${c.reference} started on ${c.startsOn}: its uplift applies from an anniversary of that day.`, [{ field: 'from', problem: `must be an anniversary of ${c.startsOn} (…-${c.startsOn.slice(5)})` }]);
    }
    mustBeWithinContract(c, from, 'from');
    const dayBefore = addDays(from, -1);
    const rates = (await q.ratesOfContracts(tx, placeId, [c.id])).filter((r) => r.effectiveFrom <= dayBefore && (r.effectiveTo === null || r.effectiveTo >= dayBefore));
    if (rates.length === 0) throw new ConflictError(`Contract ${c.reference} has no rate in force on ${dayBefore} to uplift (or it was uplifted already).`, {});
    const added: RateChange[] = [];
    for (const r of rates) {
      added.push(
        await addRateInTx(tx, ctx, at, c, {
          serviceType: r.serviceType,
          unit: r.unit as NewRateInput['unit'],
          enhancement: r.enhancement as NewRateInput['enhancement'],
          ratePence: upliftedPence(Number(r.ratePence), c.annualUpliftBp),
          effectiveFrom: from,
          reason: 'uplift',
        }),
      );
    }
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.rate_uplift', personIds: [], detail: { contractId, from, upliftBp: c.annualUpliftBp, rates: added.length } });
    return { contract: await contractWithRates(tx, placeId, contractId), added, repricedLines: added.reduce((s, a) => s + a.repricedLines, 0) };
  });
}
