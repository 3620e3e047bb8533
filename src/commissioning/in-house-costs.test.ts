import { describe, expect, it } from 'vitest';
import { inHouseCostsOfPreset, parseInHouseCosts, type InHouseCostPeriod } from '../synth/in-house-costs.js';
import { presetNames } from '../synth/preset.js';
import { inHouseHourCost, inHousePeriodOn } from './in-house-costs.js';

const period = (over: Partial<InHouseCostPeriod> = {}): InHouseCostPeriod => ({
  from: '2022-04-01',
  label: 'test',
  bands: [
    { band: 'Band 2', hourlyPayPence: 1062, shareBp: 7000, basis: 'b2' },
    { band: 'Band 3', hourlyPayPence: 1111, shareBp: 3000, basis: 'b3' },
  ],
  employerNiBp: 850,
  employerNiBasis: 'ni',
  employerPensionBp: 2068,
  employerPensionBasis: 'pension',
  productiveShareBp: 6500,
  productiveBasis: 'contact',
  overheadBp: 1200,
  overheadBasis: 'overhead',
  ...over,
});

describe('the cost of an hour of in-house home care', () => {
  it('builds up from pay, on-costs, non-contact time and overhead, each rounded half up once, the parts adding to the whole', () => {
    const cost = inHouseHourCost(period());
    // Pay: 70% × £10.62 + 30% × £11.11 = £10.767 → £10.77. NI 8.5% of it £0.91545 → £0.92; pension 20.68% £2.227 → £2.23.
    // A paid hour £13.92; at 65% contact a contact hour is £21.4154 → £21.42, so non-contact time is £7.50.
    // Overhead 12% of £21.42 is £2.5704 → £2.57. The hour costs £23.99.
    expect(cost.buildUp.map((s) => [s.step, s.pence])).toEqual([
      ['pay', 1077],
      ['employer_ni', 92],
      ['employer_pension', 223],
      ['non_contact_time', 750],
      ['overhead', 257],
    ]);
    expect(cost.costPerHourPence).toBe(2399);
    expect(cost.buildUp.reduce((s, b) => s + b.pence, 0)).toBe(cost.costPerHourPence);
    expect(cost.buildUp[0]!.basis).toContain('Band 2 70.00% of hours: b2');
  });

  it('rounds a half penny up and costs a fully productive hour with no overhead at its paid cost', () => {
    // £10.00 and £10.01 half each: £10.005 → £10.01; 10% NI of £10.01 is £1.001 → £1.00.
    const cost = inHouseHourCost(
      period({ bands: [{ band: 'a', hourlyPayPence: 1000, shareBp: 5000, basis: 'a' }, { band: 'b', hourlyPayPence: 1001, shareBp: 5000, basis: 'b' }], employerNiBp: 1000, employerPensionBp: 0, productiveShareBp: 10000, overheadBp: 0 }),
    );
    expect(cost.buildUp.map((s) => s.pence)).toEqual([1001, 100, 0, 0, 0]);
    expect(cost.costPerHourPence).toBe(1101);
  });

  it('takes the period in force on a day, none before the first', () => {
    const model = parseInHouseCosts({ basis: 'x', periods: [period(), period({ from: '2023-04-01', label: 'later' })] });
    expect(inHousePeriodOn(model, '2022-03-31')).toBeNull();
    expect(inHousePeriodOn(model, '2023-03-31')?.label).toBe('test');
    expect(inHousePeriodOn(model, '2023-04-01')?.label).toBe('later');
  });

  it('refuses band shares that do not add up to the whole, periods out of order and a zero contact share', () => {
    expect(() => parseInHouseCosts({ basis: 'x', periods: [period({ bands: [{ band: 'a', hourlyPayPence: 1000, shareBp: 9000, basis: 'a' }] })] })).toThrow(/shares must add up to 10000 basis points, not 9000/);
    expect(() => parseInHouseCosts({ basis: 'x', periods: [period({ from: '2023-04-01' }), period()] })).toThrow(/periods\.1\.from: must be after the period before/);
    expect(() => parseInHouseCosts({ basis: 'x', periods: [period({ productiveShareBp: 0 })] })).toThrow(/productiveShareBp/);
  });

  it('northumbria’s preset has a valid model costing more than £16.36 an hour; presets without one have none', () => {
    const model = inHouseCostsOfPreset('northumbria');
    expect(model).not.toBeNull();
    const costs = model!.periods.map((p) => inHouseHourCost(p).costPerHourPence);
    expect(costs[0]).toBe(2399);
    for (const c of costs) expect(c).toBeGreaterThan(1636);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const name of presetNames()) expect(() => inHouseCostsOfPreset(name)).not.toThrow();
    expect(inHouseCostsOfPreset('no-such-place')).toBeNull();
  });
});
