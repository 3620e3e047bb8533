/**
 * The matching engine: reads what the rules need for a batch of invoice lines (the service lines
 * they name, their placements, contract rates, deliveries, lines already invoiced and the budget
 * line of each) in a few queries, and decides each line with matching-rules.ts. Called in the
 * transaction that inserts the lines, so lines earlier in the same file count as already invoiced.
 */
import { budgetLinesOfServiceLines } from '../finance/commitments.js';
import type { Executor } from '../platform/db.js';
import { newId, uuidPattern } from '../platform/ids.js';
import { linesForMatching } from '../pathway/plans/invoice-facts.js';
import * as q from './invoice-queries.js';
import { matchLine, plannedHundredths, ratesOver, type MatchInput, type Tolerance } from './matching-rules.js';

export type LineToMatch = {
  lineNo: number;
  lineReference: string;
  periodFrom: string;
  periodTo: string;
  unit: string;
  quantityHundredths: number;
  ratePence: number;
  amountPence: number;
};

type Period = { serviceLineId: string | null; periodFrom: string; periodTo: string; lineNo: number; invoiceReference: string };

export async function matchInvoiceLines(
  tx: Executor,
  placeId: string,
  invoice: { id: string; providerPartnerId: string; reference: string },
  lines: readonly LineToMatch[],
  tolerance: Tolerance,
): Promise<q.InvoiceLineRow[]> {
  if (lines.length === 0) return [];
  const provider = invoice.providerPartnerId;
  const ids = [...new Set(lines.map((l) => l.lineReference.toLowerCase()).filter((r) => uuidPattern.test(r)))];
  const facts = await linesForMatching(tx, placeId, ids);
  const placed = await q.linesPlacedWith(tx, placeId, provider, [...facts.keys()]);
  // A line is the provider's when it names them, or when it was placed with them through the portal.
  const own = new Map([...facts].filter(([id, f]) => f.providerPartnerId === provider || placed.has(id)));
  const ownIds = [...own.keys()];
  const from = lines.reduce((m, l) => (l.periodFrom < m ? l.periodFrom : m), lines[0]!.periodFrom);
  const to = lines.reduce((m, l) => (l.periodTo > m ? l.periodTo : m), lines[0]!.periodTo);
  // One after another: a transaction runs one statement at a time.
  const pricing = await q.pricingOf(tx, placeId, ownIds);
  const delivered = await q.deliveriesOf(tx, placeId, provider, ownIds, from, to);
  const live = await q.liveLinesOver(tx, placeId, ownIds, from, to);
  const budget = await budgetLinesOfServiceLines(tx, placeId, lines.filter((l) => own.has(l.lineReference.toLowerCase())).map((l) => ({ lineId: l.lineReference.toLowerCase(), on: l.periodFrom })));
  const deliveredBy = new Map<string, { on: string; quantityHundredths: number }[]>();
  for (const d of delivered) deliveredBy.set(d.lineId, [...(deliveredBy.get(d.lineId) ?? []), d]);
  const invoicedBy = new Map<string, Period[]>();
  for (const l of live) if (l.serviceLineId) invoicedBy.set(l.serviceLineId, [...(invoicedBy.get(l.serviceLineId) ?? []), l]);

  return lines.map((l) => {
    const lineId = l.lineReference.toLowerCase();
    const f = own.get(lineId);
    const base = { placeId, id: newId(), invoiceId: invoice.id, lineNo: l.lineNo, providerPartnerId: provider, lineReference: l.lineReference, periodFrom: l.periodFrom, periodTo: l.periodTo, unit: l.unit, quantityHundredths: l.quantityHundredths, ratePence: l.ratePence, amountPence: l.amountPence, disputeNote: null, approvedBy: null, approvedAt: null, version: 1 };
    if (!f) {
      const out = matchLine({ line: null } as MatchInput);
      return { ...base, serviceLineId: null, plannedHundredths: null, deliveredHundredths: null, contractRatePence: null, budgetLineCode: null, status: out.status, holdReason: out.holdReason, holdDetail: out.holdDetail };
    }
    const startOn = f.startedOn ?? f.plannedStart;
    const endOn = f.status === 'ended' ? (f.endedOn ?? f.plannedEnd) : f.plannedEnd;
    const planned = plannedHundredths({ frequency: f.frequency, startOn, endOn, spans: f.spans }, l.periodFrom, l.periodTo);
    const deliveredHundredths = (deliveredBy.get(lineId) ?? []).filter((d) => d.on >= l.periodFrom && d.on <= l.periodTo).reduce((s, d) => s + d.quantityHundredths, 0);
    const rateSpans = pricing.get(lineId) ?? f.spans.map((s) => ({ from: s.from ?? startOn, ratePence: s.unitCostPence }));
    const rates = ratesOver(rateSpans, l.periodFrom, l.periodTo);
    const earlier = (invoicedBy.get(lineId) ?? []).find((p) => p.periodFrom <= l.periodTo && p.periodTo >= l.periodFrom) ?? null;
    const out = matchLine({
      line: { status: f.status, unit: f.unit, startOn, endOn },
      invoiced: l,
      plannedHundredths: planned,
      deliveredHundredths,
      rates,
      duplicateOf: earlier,
      tolerance,
    });
    // This line is now invoiced too: a later line of the same batch for the same days is a duplicate of it.
    invoicedBy.set(lineId, [...(invoicedBy.get(lineId) ?? []), { serviceLineId: lineId, periodFrom: l.periodFrom, periodTo: l.periodTo, lineNo: l.lineNo, invoiceReference: invoice.reference }]);
    return {
      ...base,
      serviceLineId: lineId,
      plannedHundredths: planned,
      deliveredHundredths,
      contractRatePence: rates[0]?.ratePence ?? null,
      budgetLineCode: budget.get(`${lineId}|${l.periodFrom}`) ?? null,
      status: out.status,
      holdReason: out.holdReason,
      holdDetail: out.holdDetail,
    };
  });
}
