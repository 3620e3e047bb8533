/**
 * Rows of other parts' tables the market view's tests need while those parts are built beside it:
 * a provider of the test's own, a contract with rate cards, a line priced from it, a placement
 * with deliveries, and a posted pay run. Synthetic names only.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { partners } from '../partnership/schema.js';
import { contracts, deliveries, invoiceLines, invoices, linePricing, payRunLines, payRuns, placements, providerProfiles, rateCards } from './schema.js';

export async function insertProvider(db: Db, placeId: string, name: string, inHouse = false): Promise<string> {
  const id = newId();
  await db.insert(partners).values({ placeId, id, kind: 'provider', name });
  await db.insert(providerProfiles).values({ placeId, partnerId: id, services: ['home_care'], inHouse, updatedAt: new Date() });
  return id;
}

export async function insertContract(
  db: Db,
  placeId: string,
  c: { provider: string; commissioner: string; reference: string; kind: 'block' | 'spot'; budgetLineCode: string; startsOn: string; blockWeeklyUnitsHundredths?: number; rates: { ratePence: number; from: string; to?: string }[] },
): Promise<{ contractId: string; rateIds: string[] }> {
  const contractId = newId();
  const at = new Date();
  await db.insert(contracts).values({
    placeId,
    id: contractId,
    reference: c.reference,
    title: `Home care ${c.reference}`,
    kind: c.kind,
    providerPartnerId: c.provider,
    commissioningPartnerId: c.commissioner,
    budgetLineCode: c.budgetLineCode,
    clientGroups: ['older_people'],
    startsOn: c.startsOn,
    blockWeeklyUnitsHundredths: c.blockWeeklyUnitsHundredths ?? null,
    blockAnnualPence: c.blockWeeklyUnitsHundredths ? 5_000_000 : null,
    createdAt: at,
  });
  const rateIds: string[] = [];
  for (const r of c.rates) {
    const id = newId();
    rateIds.push(id);
    await db.insert(rateCards).values({ placeId, id, contractId, serviceType: 'Long term support: Community', unit: 'hour', ratePence: r.ratePence, effectiveFrom: r.from, effectiveTo: r.to ?? null, createdAt: at });
  }
  return { contractId, rateIds };
}

export async function insertLinePricing(db: Db, placeId: string, serviceLineId: string, contractId: string, rateCardId: string, fromOn: string, ratePence: number): Promise<void> {
  await db.insert(linePricing).values({ placeId, serviceLineId, fromOn, contractId, rateCardId, ratePence, recordedAt: new Date() });
}

export async function insertDeliveries(db: Db, placeId: string, serviceLineId: string, provider: string, days: { on: string; hoursHundredths: number }[]): Promise<void> {
  // An approved line already has its placement (the portal's listener offers it to its provider).
  const [live] = await db
    .select({ id: placements.id })
    .from(placements)
    .where(and(eq(placements.placeId, placeId), eq(placements.serviceLineId, serviceLineId), inArray(placements.status, ['offered', 'accepted', 'started'])));
  const placementId = live?.id ?? newId();
  if (!live) await db.insert(placements).values({ placeId, id: placementId, serviceLineId, providerPartnerId: provider, status: 'started', offeredAt: new Date(), startedOn: days[0]!.on });
  for (const d of days) {
    await db.insert(deliveries).values({ placeId, id: newId(), serviceLineId, placementId, providerPartnerId: provider, deliveredOn: d.on, unit: 'hour', quantityHundredths: d.hoursHundredths, source: 'form', recordedAt: new Date() });
  }
}

/** A pay run posted on a day (or left at another status), paying an invoice line of each amount for each service line. */
export async function insertPostedPayRun(db: Db, placeId: string, payer: string, preparedBy: string, postedOn: string, lines: { provider: string; serviceLineId: string; budgetLineCode: string; amountPence: number }[], status = 'posted'): Promise<void> {
  const payRunId = newId();
  const at = new Date();
  await db.insert(payRuns).values({
    placeId,
    id: payRunId,
    cadence: 'four_weekly',
    periodFrom: postedOn,
    periodTo: postedOn,
    payingPartnerId: payer,
    status,
    preparedBy,
    preparedAt: at,
    postedOn: status === 'posted' ? postedOn : null,
    totalPence: lines.reduce((s, l) => s + l.amountPence, 0),
  });
  for (const [i, l] of lines.entries()) {
    const invoiceId = newId();
    const invoiceLineId = newId();
    await db.insert(invoices).values({ placeId, id: invoiceId, providerPartnerId: l.provider, providerReference: `INV-${payRunId.slice(-6)}-${i}`, periodFrom: postedOn, periodTo: postedOn, source: 'portal', submittedAt: at, totalPence: l.amountPence });
    await db.insert(invoiceLines).values({
      placeId,
      id: invoiceLineId,
      invoiceId,
      lineNo: 1,
      providerPartnerId: l.provider,
      serviceLineId: l.serviceLineId,
      lineReference: l.serviceLineId,
      periodFrom: postedOn,
      periodTo: postedOn,
      unit: 'hour',
      quantityHundredths: 100,
      ratePence: l.amountPence,
      amountPence: l.amountPence,
      status: 'paid',
      budgetLineCode: l.budgetLineCode,
    });
    await db.insert(payRunLines).values({ placeId, id: newId(), payRunId, providerPartnerId: l.provider, invoiceLineId, serviceLineId: l.serviceLineId, budgetLineCode: l.budgetLineCode, amountPence: l.amountPence });
  }
}
