/**
 * Contracts with providers: block (a sum a year for a volume), spot, framework, and call-offs under
 * a framework; signed by a commissioning partner and paid from a budget line of the place.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { isUniqueViolation } from '../platform/db.js';
import { londonDateOf } from '../platform/dates.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { partnerByRef, partnersByIds } from '../partnership/lookups.js';
import { placeClientGroups, zonesOfPlace } from '../partnership/service.js';
import { parseBudgetLineCode } from '../finance/budget-lines.js';
import { mustHoldCommissioningRole } from './roles.js';
import * as q from './provider-queries.js';
import type { NewContractInput } from './provider-inputs.js';
import { providerPartnerKinds } from './provider-service.js';

/** Partners that sign contracts for care: councils, NHS commissioners and the care trust itself. */
export const commissioningPartnerKinds = ['council', 'icb', 'pct', 'care_trust', 'nhs_trust'] as const;

export type RateView = {
  id: string;
  contractId: string;
  serviceType: string;
  unit: string;
  enhancement: string;
  ratePence: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  reason: string;
};

export type ContractView = {
  id: string;
  reference: string;
  title: string;
  kind: string;
  frameworkId: string | null;
  provider: { id: string; name: string };
  commissioningPartner: { id: string; name: string };
  budgetLineCode: string;
  clientGroups: string[];
  startsOn: string;
  endsOn: string | null;
  blockAnnualPence: number | null;
  blockWeeklyUnits: number | null;
  annualUpliftBp: number;
  status: string;
  version: number;
};

export type ContractWithRates = ContractView & { rates: RateView[] };

export function rateView(r: q.RateRow): RateView {
  return {
    id: r.id,
    contractId: r.contractId,
    serviceType: r.serviceType,
    unit: r.unit,
    enhancement: r.enhancement,
    ratePence: Number(r.ratePence),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    reason: r.reason,
  };
}

async function contractViews(db: Executor, placeId: string, rows: q.ContractRow[]): Promise<ContractView[]> {
  const names = await partnersByIds(db, placeId, rows.flatMap((c) => [c.providerPartnerId, c.commissioningPartnerId]));
  return rows.map((c) => ({
    id: c.id,
    reference: c.reference,
    title: c.title,
    kind: c.kind,
    frameworkId: c.frameworkId,
    provider: { id: c.providerPartnerId, name: names.get(c.providerPartnerId)?.name ?? '' },
    commissioningPartner: { id: c.commissioningPartnerId, name: names.get(c.commissioningPartnerId)?.name ?? '' },
    budgetLineCode: c.budgetLineCode,
    clientGroups: c.clientGroups,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    blockAnnualPence: c.blockAnnualPence === null ? null : Number(c.blockAnnualPence),
    blockWeeklyUnits: c.blockWeeklyUnitsHundredths === null ? null : c.blockWeeklyUnitsHundredths / 100,
    annualUpliftBp: c.annualUpliftBp,
    status: c.status,
    version: c.version,
  }));
}

export async function contractWithRates(db: Executor, placeId: string, id: string): Promise<ContractWithRates> {
  const row = await q.contractById(db, placeId, id);
  if (!row) throw new NotFoundError('There is no contract with this id in this place.');
  const [view] = await contractViews(db, placeId, [row]);
  const rates = await q.ratesOfContracts(db, placeId, [id]);
  return { ...view!, rates: rates.map(rateView) };
}

export async function listContracts(ctx: Ctx, providerPartnerId?: string): Promise<ContractView[]> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.contracts_read', 'read contracts');
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const views = await contractViews(db, ctx.actor.placeId, await q.contractsOf(db, ctx.actor.placeId, providerPartnerId));
    await auditAllowed(db, ctx.actor, at, { action: 'commissioning.contracts_read', personIds: [], detail: { providerPartnerId: providerPartnerId ?? null, results: views.length } });
    return views;
  });
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractWithRates> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.contract_read', 'read contracts');
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const view = await contractWithRates(db, ctx.actor.placeId, id);
    await auditAllowed(db, ctx.actor, at, { action: 'commissioning.contract_read', personIds: [], detail: { contractId: id } });
    return view;
  });
}

/** A budget line of this place: a known service area, one of its client groups, one of its zones or ALL. */
async function mustBeBudgetLineOfPlace(db: Executor, placeId: string, code: string, groups: string[]): Promise<void> {
  const key = parseBudgetLineCode(code);
  const zones = (await zonesOfPlace(db, placeId)).map((z) => z.code);
  const problem = !key
    ? 'must be a budget line code BL/<service area>/<client group>/<zone|ALL>'
    : !groups.includes(key.clientGroup)
      ? `names client group ${key.clientGroup}, which this place does not serve (${groups.join(', ')})`
      : key.zoneCode !== null && !zones.includes(key.zoneCode)
        ? `names zone ${key.zoneCode}, which this place does not have (${zones.join(', ')} or ALL)`
        : null;
  if (problem) throw new InvalidError(`${code} is not a budget line of this place.`, [{ field: 'budgetLineCode', problem }]);
}

export async function createContract(ctx: Ctx, input: NewContractInput): Promise<ContractWithRates> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.contract_create', 'make contracts');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const provider = await partnerByRef(tx, placeId, { id: input.providerPartnerId });
      if (!provider || !(providerPartnerKinds as readonly string[]).includes(provider.kind)) {
        throw new InvalidError('There is no provider with this id in this place.', [{ field: 'providerPartnerId', problem: 'is not a provider of this place' }]);
      }
      const commissioner = await partnerByRef(tx, placeId, { id: input.commissioningPartnerId });
      if (!commissioner || !(commissioningPartnerKinds as readonly string[]).includes(commissioner.kind)) {
        throw new InvalidError('There is no commissioning partner with this id in this place.', [
          { field: 'commissioningPartnerId', problem: `must be a partner that commissions care (${commissioningPartnerKinds.join(', ')})` },
        ]);
      }
      const groups = await placeClientGroups(tx, placeId);
      const unknownGroups = input.clientGroups.filter((g) => !groups.includes(g));
      if (unknownGroups.length > 0) throw new InvalidError(`This place does not serve ${unknownGroups.join(', ')}.`, [{ field: 'clientGroups', problem: `must be among ${groups.join(', ')}` }]);
      await mustBeBudgetLineOfPlace(tx, placeId, input.budgetLineCode, groups);
      if (input.frameworkId) {
        const framework = await q.contractById(tx, placeId, input.frameworkId);
        if (!framework || framework.kind !== 'framework') throw new InvalidError('A call-off is made under a framework contract of this place.', [{ field: 'frameworkId', problem: 'is not a framework contract of this place' }]);
        if (framework.providerPartnerId !== input.providerPartnerId) throw new InvalidError('The provider is not on this framework.', [{ field: 'frameworkId', problem: 'is a framework with another provider' }]);
        if (input.startsOn < framework.startsOn || (framework.endsOn && input.startsOn > framework.endsOn)) {
          throw new InvalidError('A call-off starts while its framework runs.', [{ field: 'startsOn', problem: `must be within the framework (${framework.startsOn} to ${framework.endsOn ?? 'open'})` }]);
        }
      }
      const id = newId();
      await q.insertContract(tx, {
        placeId,
        id,
        reference: input.reference,
        title: input.title,
        kind: input.kind,
        frameworkId: input.frameworkId ?? null,
        providerPartnerId: input.providerPartnerId,
        commissioningPartnerId: input.commissioningPartnerId,
        budgetLineCode: input.budgetLineCode,
        clientGroups: input.clientGroups,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        blockAnnualPence: input.blockAnnualPence ?? null,
        blockWeeklyUnitsHundredths: input.blockWeeklyUnits === undefined ? null : Math.round(input.blockWeeklyUnits * 100),
        annualUpliftBp: input.annualUpliftBp,
        createdAt: at,
        createdBy: ctx.actor.userId,
      });
      await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.contract_create', personIds: [], detail: { contractId: id, reference: input.reference, kind: input.kind } });
      return contractWithRates(tx, placeId, id);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`A contract with reference ${input.reference} already exists in this place.`, { reference: input.reference });
    throw e;
  }
}

/** Ends a contract on a day (its rates stop pricing new lines after it); the contract is kept. */
export async function endContract(ctx: Ctx, id: string, input: { endsOn: string; version: number }): Promise<ContractWithRates> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.contract_end', 'end contracts');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = await q.contractById(tx, placeId, id, true);
    if (!c) throw new NotFoundError('There is no contract with this id in this place.');
    if (c.version !== input.version) throw new ConflictError(`This contract has changed since you read it (it is now version ${c.version}, you sent ${input.version}). Reload it.`, { currentVersion: c.version });
    if (c.status === 'ended') throw new ConflictError(`Contract ${c.reference} already ended on ${c.endsOn}.`, { endsOn: c.endsOn });
    if (input.endsOn < c.startsOn) throw new InvalidError(`Contract ${c.reference} starts on ${c.startsOn}; it cannot end before.`, [{ field: 'endsOn', problem: `must not be before ${c.startsOn}` }]);
    const status = input.endsOn <= londonDateOf(at) ? 'ended' : 'active';
    await q.updateContractAtVersion(tx, placeId, id, input.version, { endsOn: input.endsOn, status });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.contract_end', personIds: [], detail: { contractId: id, endsOn: input.endsOn } });
    return contractWithRates(tx, placeId, id);
  });
}
