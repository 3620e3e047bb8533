import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOf, defaultTolerance, matchLine, plannedHundredths, ratesOver, withinTolerance, type MatchInput, type PlannedLine } from './matching-rules.js';

const weekly = (q: number, startOn = '2026-01-05', endOn: string | null = null): PlannedLine => ({ frequency: 'per_week', startOn, endOn, spans: [{ from: null, quantityHundredths: q, unitCostPence: 1636 }] });
const base: MatchInput = {
  line: { status: 'in_place', unit: 'hour', startOn: '2026-01-05', endOn: null },
  invoiced: { periodFrom: '2026-10-05', periodTo: '2026-10-11', unit: 'hour', quantityHundredths: 1000, ratePence: 1636 },
  plannedHundredths: 1000,
  deliveredHundredths: 1000,
  rates: [{ ratePence: 1636, from: '2026-10-05' }],
  duplicateOf: null,
  tolerance: defaultTolerance,
};
const reason = (m: Partial<MatchInput>) => matchLine({ ...base, ...m }).holdReason;

describe('amount of a line', () => {
  it('is quantity × rate rounded half up to the penny', () => {
    expect(amountOf(750, 1636)).toBe(12270);
    expect(amountOf(25, 1637)).toBe(409); // 409.25
    expect(amountOf(50, 1)).toBe(1); // 0.5p rounds up
  });
  it('never differs from the exact product by more than half a penny', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 5_000_000 }), (q, r) => {
        const exact = (q * r) / 100;
        const a = amountOf(q, r);
        return Math.abs(a - exact) <= 0.5 && Number.isInteger(a);
      }),
    );
  });
});

describe('planned quantity over a period', () => {
  it('is a week’s hours for a week of a weekly line, and nothing before it starts or after it ends', () => {
    expect(plannedHundredths(weekly(1000), '2026-10-05', '2026-10-11')).toBe(1000);
    expect(plannedHundredths(weekly(1000, '2026-10-08'), '2026-10-05', '2026-10-11')).toBe(571); // 4 days of 7
    expect(plannedHundredths(weekly(1000, '2026-01-05', '2026-10-06'), '2026-10-05', '2026-10-11')).toBe(286);
    expect(plannedHundredths(weekly(1000, '2026-11-01'), '2026-10-05', '2026-10-11')).toBe(0);
  });
  it('follows a re-priced line’s quantities from their day', () => {
    const line: PlannedLine = { frequency: 'per_week', startOn: '2026-01-05', endOn: null, spans: [{ from: null, quantityHundredths: 700, unitCostPence: 1636 }, { from: '2026-10-08', quantityHundredths: 1400, unitCostPence: 1636 }] };
    expect(plannedHundredths(line, '2026-10-05', '2026-10-11')).toBe(300 + 800);
  });
  it('counts a daily line by the day and a one-off line once, in the period it starts', () => {
    expect(plannedHundredths({ ...weekly(200), frequency: 'per_day' }, '2026-10-05', '2026-10-11')).toBe(1400);
    expect(plannedHundredths({ ...weekly(100, '2026-10-06'), frequency: 'one_off' }, '2026-10-05', '2026-10-11')).toBe(100);
    expect(plannedHundredths({ ...weekly(100, '2026-09-06'), frequency: 'one_off' }, '2026-10-05', '2026-10-11')).toBe(0);
  });
  it('adds up: a period split in two plans the whole within a hundredth per part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16_800 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (q, a, b) => {
        const line = weekly(q, '2026-01-01');
        const from = '2026-03-01';
        const mid = new Date(Date.parse('2026-03-01') + a * 86_400_000).toISOString().slice(0, 10);
        const next = new Date(Date.parse(mid) + 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.parse(next) + (b - 1) * 86_400_000).toISOString().slice(0, 10);
        const whole = plannedHundredths(line, from, to);
        const parts = plannedHundredths(line, from, mid) + plannedHundredths(line, next, to);
        return Math.abs(whole - parts) <= 1;
      }),
    );
  });
});

describe('contract rate in force', () => {
  const spans = [
    { from: '2025-04-01', ratePence: 1636 },
    { from: '2026-04-01', ratePence: 1700 },
  ];
  it('is the rate from the latest day on or before the period', () => {
    expect(ratesOver(spans, '2026-10-05', '2026-10-11')).toEqual([{ ratePence: 1700, from: '2026-10-05' }]);
    expect(ratesOver(spans, '2026-03-23', '2026-03-29')).toEqual([{ ratePence: 1636, from: '2026-03-23' }]);
  });
  it('names the day a period crosses a rate change', () => {
    expect(ratesOver(spans, '2026-03-30', '2026-04-05')).toEqual([
      { ratePence: 1636, from: '2026-03-30' },
      { ratePence: 1700, from: '2026-04-01' },
    ]);
  });
});

describe('matching one invoice line', () => {
  it('matches what was planned, delivered and invoiced at the contract rate', () => {
    expect(matchLine(base)).toEqual({ status: 'matched', holdReason: null, holdDetail: null });
  });
  it('holds with the reason a person can act on', () => {
    expect(reason({ line: null })).toBe('no_such_package');
    expect(reason({ line: { ...base.line!, status: 'proposed' } })).toBe('no_such_package');
    expect(reason({ line: { ...base.line!, endOn: '2026-10-08' } })).toBe('ended_package');
    expect(reason({ line: { ...base.line!, startOn: '2026-10-07' } })).toBe('ended_package');
    expect(reason({ duplicateOf: { invoiceReference: 'INV-1', lineNo: 1, periodFrom: '2026-10-01', periodTo: '2026-10-07' } })).toBe('duplicate');
    expect(reason({ invoiced: { ...base.invoiced, ratePence: 1700 } })).toBe('rate_mismatch');
    expect(reason({ rates: [{ ratePence: 1636, from: '2026-10-05' }, { ratePence: 1700, from: '2026-10-08' }] })).toBe('rate_mismatch');
    expect(reason({ invoiced: { ...base.invoiced, unit: 'visit' } })).toBe('rate_mismatch');
    expect(reason({ deliveredHundredths: 1200, invoiced: { ...base.invoiced, quantityHundredths: 1200 } })).toBe('over_delivery');
    expect(reason({ deliveredHundredths: 600 })).toBe('not_delivered');
  });
  it('tolerates 5% or half an hour, whichever is larger', () => {
    expect(reason({ deliveredHundredths: 950 })).toBeNull(); // half an hour short of 10
    expect(reason({ deliveredHundredths: 940 })).toBe('not_delivered');
    expect(withinTolerance(10_500, 10_000, defaultTolerance)).toBe(true); // 5% of 100 hours
    expect(withinTolerance(10_501, 10_000, defaultTolerance)).toBe(false);
  });
  it('never matches a line invoiced beyond what was delivered plus the tolerance and £1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (invoiced, delivered) => {
        const out = matchLine({ ...base, plannedHundredths: 50_000, deliveredHundredths: delivered, invoiced: { ...base.invoiced, quantityHundredths: invoiced } });
        if (out.status === 'matched') return withinTolerance(invoiced, delivered, defaultTolerance) || amountOf(invoiced, 1636) - amountOf(delivered, 1636) <= 100;
        return out.holdReason === 'not_delivered' || out.holdReason === 'over_delivery';
      }),
    );
  });
  it('always matches a line invoiced at or under what was delivered and planned at the contract rate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 5_000 }), (invoiced, extra) => {
        const delivered = invoiced + extra;
        return matchLine({ ...base, plannedHundredths: delivered, deliveredHundredths: delivered, invoiced: { ...base.invoiced, quantityHundredths: invoiced } }).status === 'matched';
      }),
    );
  });
});
