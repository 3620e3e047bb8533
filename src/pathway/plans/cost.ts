/**
 * The cost of a care package, in integer pence. A line's quantity is kept in hundredths (7.5
 * hours is 750) so that no money is computed in floating point; each line's weekly cost is
 * rounded half up to the penny, and a plan's cost is the sum of its lines' rounded costs, so
 * the lines a person reads add up to the total they read.
 */
export const frequencies = ['per_day', 'per_week', 'one_off'] as const;
export type Frequency = (typeof frequencies)[number];

export type Costed = { quantityHundredths: number; frequency: string; unitCostPence: number };

/** n / d rounded half up, for n ≥ 0 and d > 0, exactly (in BigInt). */
export function divideRoundHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** Hundredths of a quantity typed as a decimal; null when it has more than two decimal places. */
export function quantityToHundredths(quantity: number): number | null {
  const hundredths = Math.round(quantity * 100);
  return Math.abs(quantity * 100 - hundredths) < 1e-6 ? hundredths : null;
}

export function lineCost(l: Costed): { weeklyPence: number; oneOffPence: number } {
  const perPeriod = BigInt(l.quantityHundredths) * BigInt(l.unitCostPence);
  switch (l.frequency) {
    case 'per_day':
      return { weeklyPence: divideRoundHalfUp(perPeriod * 7n, 100n), oneOffPence: 0 };
    case 'per_week':
      return { weeklyPence: divideRoundHalfUp(perPeriod, 100n), oneOffPence: 0 };
    case 'one_off':
      return { weeklyPence: 0, oneOffPence: divideRoundHalfUp(perPeriod, 100n) };
    default:
      throw new Error(`unknown frequency ${l.frequency}`);
  }
}

export type PlanCost = {
  /** Every line not ended or cancelled: what the plan would cost a week. */
  weeklyPence: number;
  /** Approved and in place: what has been agreed. */
  committedWeeklyPence: number;
  /** In place now. */
  inPlaceWeeklyPence: number;
  /** One-off costs (equipment, adaptations) of lines not cancelled. */
  oneOffPence: number;
};

export function planCost(lines: (Costed & { status: string })[]): PlanCost {
  const total: PlanCost = { weeklyPence: 0, committedWeeklyPence: 0, inPlaceWeeklyPence: 0, oneOffPence: 0 };
  for (const l of lines) {
    const c = lineCost(l);
    if (['proposed', 'approved', 'in_place'].includes(l.status)) total.weeklyPence += c.weeklyPence;
    if (['approved', 'in_place'].includes(l.status)) total.committedWeeklyPence += c.weeklyPence;
    if (l.status === 'in_place') total.inPlaceWeeklyPence += c.weeklyPence;
    if (l.status !== 'cancelled') total.oneOffPence += c.oneOffPence;
  }
  return total;
}
