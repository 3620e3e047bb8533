/**
 * Contract utilisation: for each contract, the lines on it (by their price's contract, else their
 * placement's) and, as at a day, the units a week those lines run against the units a week a block
 * contract buys, and the spend to date — committed from the lines' spans over the contract's days
 * up to the day, and paid by posted pay runs for those lines.
 */
import type { Executor } from '../platform/db.js';
import { commitmentRows } from '../finance/commitments.js';
import { placeOverview } from '../partnership/service.js';
import { lineUnitsForMarket } from '../pathway/plans/market-facts.js';
import { weeklyAt } from './market.js';
import { contractLinks, contractsOfPlace, paidByMonth } from './market-queries.js';
import { overlapDays, prorated, shareBp } from './market-rules.js';

export type ContractUtilisation = {
  contractId: string;
  reference: string;
  title: string;
  kind: string;
  status: string;
  providerPartnerId: string;
  providerName: string;
  startsOn: string;
  endsOn: string | null;
  budgetLineCode: string;
  blockWeeklyUnitsHundredths: number | null;
  blockAnnualPence: number | null;
  /** Lines on the contract running on the day. */
  placedLines: number;
  placedWeeklyUnitsHundredths: number;
  /** Placed ÷ bought, in basis points; null for contracts that buy no block. */
  utilisationBp: number | null;
  committedToDatePence: number;
  paidToDatePence: number;
};

/** Each line's contract as at a day: the latest price span's contract on or before it, else its placement's. */
export function contractOfLines(links: { serviceLineId: string; contractId: string; fromOn: string | null; source: 'pricing' | 'placement' }[], on: string): Map<string, string> {
  const out = new Map<string, { contractId: string; fromOn: string; priced: boolean }>();
  for (const l of links) {
    const prior = out.get(l.serviceLineId);
    if (l.source === 'pricing') {
      if (l.fromOn !== null && l.fromOn > on) continue;
      const from = l.fromOn ?? '';
      if (!prior || !prior.priced || from >= prior.fromOn) out.set(l.serviceLineId, { contractId: l.contractId, fromOn: from, priced: true });
    } else if (!prior) out.set(l.serviceLineId, { contractId: l.contractId, fromOn: '', priced: false });
  }
  return new Map([...out].map(([line, c]) => [line, c.contractId]));
}

export async function contractUtilisation(db: Executor, placeId: string, on: string): Promise<ContractUtilisation[]> {
  const list = await contractsOfPlace(db, placeId);
  if (list.length === 0) return [];
  const contractOf = contractOfLines(await contractLinks(db, placeId), on);
  const lineIds = [...contractOf.keys()];
  const spans = (await commitmentRows(db, placeId)).filter((r) => contractOf.has(r.serviceLineId));
  const units = await lineUnitsForMarket(db, placeId, lineIds);
  const paid = await paidByMonth(db, placeId, '1900-01-01', on);
  const names = new Map((await placeOverview(db, placeId)).partners.map((p) => [p.id, p.name]));
  return list.map((c) => {
    const mine = spans.filter((r) => contractOf.get(r.serviceLineId) === c.id);
    const until = c.endsOn !== null && c.endsOn < on ? c.endsOn : on;
    const running = mine.filter((r) => r.startOn <= on && (r.endOn === null || r.endOn >= on));
    const placedWeekly = running.reduce((s, r) => s + weeklyAt(units.get(r.serviceLineId), r.startOn), 0);
    const mineIds = new Set(mine.map((r) => r.serviceLineId));
    return {
      contractId: c.id,
      reference: c.reference,
      title: c.title,
      kind: c.kind,
      status: c.status,
      providerPartnerId: c.providerPartnerId,
      providerName: names.get(c.providerPartnerId) ?? 'Provider not known',
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      budgetLineCode: c.budgetLineCode,
      blockWeeklyUnitsHundredths: c.blockWeeklyUnitsHundredths,
      blockAnnualPence: c.blockAnnualPence,
      placedLines: new Set(running.map((r) => r.serviceLineId)).size,
      placedWeeklyUnitsHundredths: placedWeekly,
      utilisationBp: c.blockWeeklyUnitsHundredths ? shareBp(placedWeekly, c.blockWeeklyUnitsHundredths) : null,
      committedToDatePence: mine.reduce((s, r) => s + prorated(r.weeklyPence, until < c.startsOn ? 0 : overlapDays(r, c.startsOn, until)), 0),
      paidToDatePence: paid.filter((p) => p.serviceLineId !== null && mineIds.has(p.serviceLineId)).reduce((s, p) => s + p.amountPence, 0),
    };
  });
}
