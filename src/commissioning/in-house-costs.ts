/**
 * The cost of an hour of in-house (NHS-employed) home care, from staff costs, pure and in integer
 * pence. Each step rounds half up once, and the build-up's parts add up to the whole exactly:
 *  1. pay: the bands' hourly pay weighted by their share of the hours (Σ pay × share ÷ 10,000);
 *  2. employer National Insurance and 3. employer pension: pay × basis points ÷ 10,000 each;
 *  4. non-contact time: a paid hour costs pay + on-costs, but only the productive share of paid
 *     hours is spent with people, so a contact hour costs (pay + on-costs) × 10,000 ÷ productive
 *     share; this step is that less the paid hour;
 *  5. supervision and overhead: the contact hour's cost × basis points ÷ 10,000.
 * The cost per hour is the sum of the five.
 */
import { divideRoundHalfUp } from '../pathway/plans/cost.js';
import type { InHouseCostPeriod, InHouseCosts } from '../synth/in-house-costs.js';

export type BuildUpStep = { step: 'pay' | 'employer_ni' | 'employer_pension' | 'non_contact_time' | 'overhead'; label: string; pence: number; basis: string };
export type InHouseHourCost = { from: string; label: string; costPerHourPence: number; buildUp: BuildUpStep[] };

function bpOf(pence: number, bp: number): number {
  return divideRoundHalfUp(BigInt(pence) * BigInt(bp), 10000n);
}

export function inHouseHourCost(p: InHouseCostPeriod): InHouseHourCost {
  const weighted = p.bands.reduce((s, b) => s + BigInt(b.hourlyPayPence) * BigInt(b.shareBp), 0n);
  const pay = divideRoundHalfUp(weighted, 10000n);
  const ni = bpOf(pay, p.employerNiBp);
  const pension = bpOf(pay, p.employerPensionBp);
  const paidHour = pay + ni + pension;
  const contactHour = divideRoundHalfUp(BigInt(paidHour) * 10000n, BigInt(p.productiveShareBp));
  const overhead = bpOf(contactHour, p.overheadBp);
  const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  const buildUp: BuildUpStep[] = [
    { step: 'pay', label: 'Hourly pay', pence: pay, basis: p.bands.map((b) => `${b.band} ${percent(b.shareBp)} of hours: ${b.basis}`).join('; ') },
    { step: 'employer_ni', label: `Employer National Insurance (${percent(p.employerNiBp)} of pay)`, pence: ni, basis: p.employerNiBasis },
    { step: 'employer_pension', label: `Employer pension (${percent(p.employerPensionBp)} of pay)`, pence: pension, basis: p.employerPensionBasis },
    { step: 'non_contact_time', label: `Non-contact time (contact is ${percent(p.productiveShareBp)} of paid hours)`, pence: contactHour - paidHour, basis: p.productiveBasis },
    { step: 'overhead', label: `Supervision and overhead (${percent(p.overheadBp)})`, pence: overhead, basis: p.overheadBasis },
  ];
  return { from: p.from, label: p.label, costPerHourPence: contactHour + overhead, buildUp };
}

/** The model's period in force on a day (the last from on or before it); null before the first. */
export function inHousePeriodOn(model: InHouseCosts, on: string): InHouseCostPeriod | null {
  let found: InHouseCostPeriod | null = null;
  for (const p of model.periods) if (p.from <= on) found = p;
  return found;
}
