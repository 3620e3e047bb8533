import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskShare, riskRuleProblems, type RiskShareRules } from './risk-share.js';

const nhs = 'nhs', council = 'council', charges = 'charges';
const torbay = [
  { partnerId: nhs, plannedPence: 25_000_000_000 },
  { partnerId: council, plannedPence: 4_000_000_000 },
  { partnerId: charges, plannedPence: 1_000_000_000 },
];
const proRata: RiskShareRules = { overspend: { method: 'pro_rata' }, underspend: { method: 'pro_rata' } };
const sum = (xs: { sharePence: number }[]) => xs.reduce((a, x) => a + x.sharePence, 0);

describe('risk share', () => {
  it('pro rata: a £3m overspend falls £2.5m / £0.4m / £0.1m', () => {
    expect(riskShare(proRata, torbay, 300_000_000)).toEqual([
      { partnerId: nhs, sharePence: 250_000_000 },
      { partnerId: council, sharePence: 40_000_000 },
      { partnerId: charges, sharePence: 10_000_000 },
    ]);
  });

  it('capped: the council bears at most its cap and the NHS the rest', () => {
    const rules: RiskShareRules = { overspend: { method: 'capped', caps: [{ partnerId: council, capPence: 10_000_000 }, { partnerId: charges, capPence: 0 }], bearerPartnerId: nhs }, underspend: { method: 'pro_rata' } };
    expect(riskShare(rules, torbay, 300_000_000)).toEqual([
      { partnerId: nhs, sharePence: 290_000_000 },
      { partnerId: council, sharePence: 10_000_000 },
      { partnerId: charges, sharePence: 0 },
    ]);
  });

  it('fixed shares must add up to 10000 basis points', () => {
    expect(riskRuleProblems({ method: 'fixed', shares: [{ partnerId: nhs, basisPoints: 6000 }] }, [nhs], 'r')).toEqual([{ field: 'r.shares', problem: 'basis points add up to 6000, not 10000 (100%)' }]);
  });

  const partners = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 });
  const setup = partners.chain((ids) =>
    fc.record({
      ids: fc.constant(ids),
      contributions: fc.tuple(...ids.map((id) => fc.record({ partnerId: fc.constant(id), plannedPence: fc.nat({ max: 5e10 }), variationsPence: fc.integer({ min: -1e9, max: 1e9 }) }))),
      bps: fc.tuple(...ids.map(() => fc.nat({ max: 100 }))).filter((w) => w.some((x) => x > 0)),
      caps: fc.tuple(...ids.map(() => fc.nat({ max: 1e9 }))),
      variance: fc.integer({ min: -1e11, max: 1e11 }),
    }),
  );

  it('whatever the rule, the shares add up to the variance exactly and a cap is never exceeded', () => {
    fc.assert(
      fc.property(setup, ({ ids, contributions, bps, caps, variance }) => {
        const total = bps.reduce((a, b) => a + b, 0);
        const basis = bps.map((b) => Math.floor((b * 10000) / total));
        basis[basis.findIndex((b) => b > 0)]! += 10000 - basis.reduce((a, b) => a + b, 0);
        const fixed = { method: 'fixed' as const, shares: ids.map((partnerId, i) => ({ partnerId, basisPoints: basis[i]! })) };
        const capped = { method: 'capped' as const, caps: ids.slice(1).map((partnerId, i) => ({ partnerId, capPence: caps[i + 1]! })), bearerPartnerId: ids[0]! };
        for (const rule of [{ method: 'pro_rata' as const }, fixed, capped]) {
          const shares = riskShare({ overspend: rule, underspend: rule }, contributions, variance);
          expect(sum(shares)).toBe(variance);
          for (const s of shares) expect(Math.sign(s.sharePence) * Math.sign(variance)).not.toBe(-1);
          if (rule.method === 'capped') for (const c of rule.caps) expect(Math.abs(shares.find((s) => s.partnerId === c.partnerId)!.sharePence)).toBeLessThanOrEqual(c.capPence);
        }
      }),
    );
  });
});
