/**
 * Providers: partners of kind provider (or an NHS trust or voluntary body giving care) with their
 * profile — CQC locations, services, zones covered, in-house or commissioned, contact and bank
 * details. Bank details are stored for the paying partner's export and never answered in full:
 * every view masks them (sort code **-**-34, account ****5678), and no audit entry carries them.
 */
import type { Ctx } from '../access/actor.js';
import { auditAllowed, auditedRead } from '../access/guard.js';
import type { Executor } from '../platform/db.js';
import { ConflictError, InvalidError, NotFoundError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { addPartner, zonesOfPlace } from '../partnership/service.js';
import { partnerByRef, partnersOfKind, type PartnerRef } from '../partnership/lookups.js';
import { mustHoldCommissioningRole } from './roles.js';
import * as q from './provider-queries.js';
import type { NewProviderInput, ProfileChangeInput } from './provider-inputs.js';

/** Partners that can hold a provider profile. */
export const providerPartnerKinds = ['provider', 'voluntary', 'nhs_trust', 'care_trust', 'council'] as const;

export type MaskedBank = { accountName: string; sortCode: string; accountNumber: string } | null;

export type ProviderView = {
  partnerId: string;
  name: string;
  kind: string;
  odsCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  cqcLocationIds: string[];
  services: string[];
  areas: string[];
  inHouse: boolean;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  bank: MaskedBank;
  /** 0 while the partner has no profile yet. */
  version: number;
};

/** Only the last two digits of a sort code and the last four of an account are ever shown. */
export function maskBank(p: Pick<q.ProfileRow, 'bankAccountName' | 'bankSortCode' | 'bankAccountNumber'> | undefined): MaskedBank {
  if (!p || !p.bankSortCode || !p.bankAccountNumber) return null;
  return { accountName: p.bankAccountName ?? '', sortCode: `**-**-${p.bankSortCode.slice(-2)}`, accountNumber: `****${p.bankAccountNumber.slice(-4)}` };
}

function providerView(partner: PartnerRef, p: q.ProfileRow | undefined): ProviderView {
  return {
    partnerId: partner.id,
    name: partner.name,
    kind: partner.kind,
    odsCode: partner.odsCode,
    validFrom: partner.validFrom,
    validTo: partner.validTo,
    cqcLocationIds: p?.cqcLocationIds ?? [],
    services: p?.services ?? [],
    areas: p?.areas ?? [],
    inHouse: p?.inHouse ?? false,
    description: p?.description ?? '',
    email: p?.email ?? null,
    phone: p?.phone ?? null,
    website: p?.website ?? null,
    bank: maskBank(p),
    version: p?.version ?? 0,
  };
}

/**
 * The place's providers with their profiles (for the service directory's Open Referral UK export
 * and the front door's signposting): every partner with a profile, and every partner of kind
 * provider (an empty profile until one is kept). Bank details masked.
 */
export async function providerProfiles(db: Executor, placeId: string, f: { service?: string; zone?: string } = {}): Promise<ProviderView[]> {
  const [profiles, partners] = await Promise.all([q.profilesOfPlace(db, placeId, f), partnersOfKind(db, placeId, providerPartnerKinds)]);
  const byPartner = new Map(profiles.map((p) => [p.partnerId, p]));
  const filtered = f.service !== undefined || f.zone !== undefined;
  return partners.filter((p) => byPartner.has(p.id) || (!filtered && p.kind === 'provider')).map((p) => providerView(p, byPartner.get(p.id)));
}

async function providerOrNotFound(db: Executor, placeId: string, partnerId: string): Promise<PartnerRef> {
  const partner = await partnerByRef(db, placeId, { id: partnerId });
  if (!partner || !(providerPartnerKinds as readonly string[]).includes(partner.kind)) throw new NotFoundError('There is no provider with this id in this place.');
  return partner;
}

export async function providerOf(db: Executor, placeId: string, partnerId: string): Promise<ProviderView> {
  const partner = await providerOrNotFound(db, placeId, partnerId);
  return providerView(partner, await q.profileOf(db, placeId, partnerId));
}

async function mustKnowZones(db: Executor, placeId: string, areas: string[] | undefined): Promise<void> {
  if (!areas || areas.length === 0) return;
  const known = new Set((await zonesOfPlace(db, placeId)).map((z) => z.code));
  const unknown = areas.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    throw new InvalidError(`This place has no zone ${unknown.join(', ')}.`, [{ field: 'areas', problem: `must be zone codes of this place (${[...known].join(', ')})` }]);
  }
}

/** Which fields a change touched, for the audit entry: names only, never the bank details themselves. */
function changedFields(input: Record<string, unknown>): string[] {
  return Object.keys(input).filter((k) => k !== 'version' && input[k] !== undefined);
}

function bankColumns(bank: NewProviderInput['bank']) {
  return { bankAccountName: bank?.accountName ?? null, bankSortCode: bank?.sortCode ?? null, bankAccountNumber: bank?.accountNumber ?? null };
}

export async function listProviders(ctx: Ctx, f: { service?: string; zone?: string }): Promise<ProviderView[]> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.providers_read', 'read the providers');
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const providers = await providerProfiles(db, ctx.actor.placeId, f);
    await auditAllowed(db, ctx.actor, at, { action: 'commissioning.providers_read', personIds: [], detail: { ...f, results: providers.length } });
    return providers;
  });
}

export async function getProvider(ctx: Ctx, partnerId: string): Promise<ProviderView> {
  await mustHoldCommissioningRole(ctx, 'read', 'commissioning.provider_read', 'read the providers');
  const at = ctx.clock.now();
  return auditedRead(ctx, async (db) => {
    const view = await providerOf(db, ctx.actor.placeId, partnerId);
    await auditAllowed(db, ctx.actor, at, { action: 'commissioning.provider_read', personIds: [], detail: { partnerId } });
    return view;
  });
}

/** A new provider: the partner and its profile in one transaction. */
export async function createProvider(ctx: Ctx, input: NewProviderInput): Promise<ProviderView> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.provider_create', 'add providers');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await mustKnowZones(tx, placeId, input.areas);
    const partner = await addPartner(tx, placeId, { id: newId(), kind: input.kind, name: input.name, odsCode: input.odsCode, validFrom: input.validFrom });
    const profile = await q.insertProfile(tx, {
      placeId,
      partnerId: partner.id,
      cqcLocationIds: input.cqcLocationIds,
      services: input.services,
      areas: input.areas,
      inHouse: input.inHouse,
      description: input.description,
      email: input.email,
      phone: input.phone,
      website: input.website,
      ...bankColumns(input.bank),
      updatedAt: at,
      updatedBy: ctx.actor.userId,
    });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.provider_create', personIds: [], detail: { partnerId: partner.id, fields: changedFields(input) } });
    return providerView(partner, profile);
  });
}

/** A profile change at the version the commissioner read (409 when someone changed it since). */
export async function updateProviderProfile(ctx: Ctx, partnerId: string, input: ProfileChangeInput, version: number): Promise<ProviderView> {
  await mustHoldCommissioningRole(ctx, 'commission', 'commissioning.provider_update', 'change providers’ profiles');
  const placeId = ctx.actor.placeId;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const partner = await providerOrNotFound(tx, placeId, partnerId);
    await mustKnowZones(tx, placeId, input.areas);
    const held = await q.profileOf(tx, placeId, partnerId, true);
    const current = held?.version ?? 0;
    if (current !== version) {
      throw new ConflictError(`This provider’s profile has changed since you read it (it is now version ${current}, you sent ${version}). Reload it.`, { currentVersion: current });
    }
    const { bank, version: _v, ...fields } = input;
    const changes = { ...fields, ...(bank !== undefined ? bankColumns(bank) : {}), updatedAt: at, updatedBy: ctx.actor.userId };
    let saved: q.ProfileRow | null;
    if (!held) {
      saved = await q.insertProfileIfAbsent(tx, { placeId, partnerId, ...changes });
    } else {
      saved = await q.updateProfileAtVersion(tx, placeId, partnerId, version, changes);
    }
    if (!saved) throw new ConflictError('This provider’s profile changed as you saved it. Reload it.', { currentVersion: current + 1 });
    await auditAllowed(tx, ctx.actor, at, { action: 'commissioning.provider_update', personIds: [], detail: { partnerId, version: saved.version, fields: changedFields(input) } });
    return providerView(partner, saved);
  });
}
