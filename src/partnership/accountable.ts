/**
 * Who was accountable for a function for a client group on a day: the partner a period in force
 * hands it to, else its statutory owner (functions.ts). Other modules attribute their activity
 * with accountablePartner / accountablePartners; reports cut by the answer.
 */
import type { Executor } from '../platform/db.js';
import { NotFoundError } from '../platform/errors.js';
import { delegationView, type DelegationView } from './delegations.js';
import { statutoryOwnerKind, type DelegableFunction } from './functions.js';
import { selectDelegations, selectPartners, selectPlace, selectStaffMember, type Delegation, type Partner } from './queries.js';
import { inForceOn } from './service.js';

export type Accountability = {
  function: DelegableFunction;
  clientGroup: string;
  on: string;
  partner: { id: string; name: string; kind: string } | null;
  /** delegation: a period in force decided it; statutory: no period did, so the owner by statute. */
  basis: 'delegation' | 'statutory';
  delegation: DelegationView | null;
};

export type AccountabilityQuestion = { function: DelegableFunction; clientGroup: string; on: string };

const commissionerKinds = ['icb', 'pct', 'care_trust', 'nhs_trust'];

/** The statutory owner on a day: the council, or the NHS commissioner then in existence (ICB, PCT, care trust). */
function statutoryOwner(partners: Partner[], fn: DelegableFunction, on: string): Partner | null {
  const existing = partners.filter((p) => inForceOn(p, on));
  if (statutoryOwnerKind(fn, on) === 'council') return existing.find((p) => p.kind === 'council') ?? null;
  for (const kind of commissionerKinds) {
    const p = existing.find((x) => x.kind === kind);
    if (p) return p;
  }
  return null;
}

/** Answers many questions from one read of the place's periods and partners. */
export function accountableFrom(periods: Delegation[], partners: Partner[], questions: AccountabilityQuestion[]): Accountability[] {
  const byId = new Map(partners.map((p) => [p.id, p]));
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const ref = (p: Partner | null | undefined) => (p ? { id: p.id, name: p.name, kind: p.kind } : null);
  return questions.map((q) => {
    const period = periods.find((d) => d.function === q.function && d.clientGroups.includes(q.clientGroup) && inForceOn(d, q.on));
    if (period) return { ...q, partner: ref(byId.get(period.toPartnerId)), basis: 'delegation' as const, delegation: delegationView(period, names) };
    return { ...q, partner: ref(statutoryOwner(partners, q.function, q.on)), basis: 'statutory' as const, delegation: null };
  });
}

export async function accountablePartners(db: Executor, placeId: string, questions: AccountabilityQuestion[]): Promise<Accountability[]> {
  const [periods, partners] = await Promise.all([selectDelegations(db, placeId), selectPartners(db, placeId)]);
  if (partners.length === 0) throw new NotFoundError(`No place ${placeId}, or it has no partners.`);
  return accountableFrom(periods, partners, questions);
}

export async function accountablePartner(db: Executor, placeId: string, fn: DelegableFunction, clientGroup: string, on: string): Promise<Accountability> {
  return (await accountablePartners(db, placeId, [{ function: fn, clientGroup, on }]))[0]!;
}

export type StaffAccountability = {
  /** The staff member is employed or managed by the partner accountable for at least one of the client groups. */
  allowed: boolean;
  accountable: Accountability[];
};

/**
 * Whether a staff member acts for the partner accountable for a function on a day: their employer
 * or their managing organisation (Somerset's approved social workers: employed by the council,
 * managed by the trust) must be the accountable partner for one of the client groups asked about
 * ('any': the place's client groups).
 */
export async function staffActsForAccountable(
  db: Executor,
  placeId: string,
  staffId: string,
  fn: DelegableFunction,
  clientGroups: readonly string[] | 'any',
  on: string,
): Promise<StaffAccountability> {
  const member = await selectStaffMember(db, placeId, staffId);
  const groups = clientGroups === 'any' ? ((await selectPlace(db, placeId))?.clientGroups ?? []) : clientGroups;
  const accountable = await accountablePartners(db, placeId, groups.map((clientGroup) => ({ function: fn, clientGroup, on })));
  if (!member) return { allowed: false, accountable };
  const mine = new Set([member.employerPartnerId, member.managingPartnerId]);
  return { allowed: accountable.some((a) => a.partner !== null && mine.has(a.partner.id)), accountable };
}
