import { describe, expect, it } from 'vitest';
import { commitmentTotals, threeMonthsBefore } from './forecast.js';
import { lineCommitmentPence } from './commitment-rules.js';

describe("the pool forecast's inputs", () => {
  it('looks back three calendar months for new demand, keeping within short months', () => {
    expect(threeMonthsBefore('2026-11-02')).toBe('2026-08-02');
    expect(threeMonthsBefore('2026-05-31')).toBe('2026-02-28');
    expect(threeMonthsBefore('2027-01-15')).toBe('2026-10-15');
  });

  it("sums each line's rounded commitment and counts as new only lines started in the window", () => {
    const rows = [
      { budgetLineCode: 'BL/home_care/older_people/ALL', weeklyPence: 16_360, startOn: '2026-09-01', endOn: null },
      { budgetLineCode: 'BL/home_care/older_people/ALL', weeklyPence: 7_000, startOn: '2026-01-10', endOn: null },
      // Ended before the day: commits nothing, but it started in the window so it is new demand.
      { budgetLineCode: 'BL/home_care/older_people/ALL', weeklyPence: 3_500, startOn: '2026-09-10', endOn: '2026-10-01' },
      // Starts after the day: committed, not yet new demand.
      { budgetLineCode: 'BL/reablement/older_people/ALL', weeklyPence: 7_000, startOn: '2026-11-20', endOn: null },
    ];
    const t = commitmentTotals(rows, '2026-11-02');
    expect(t.get('BL/home_care/older_people/ALL')).toEqual({
      lines: 2,
      commitmentPence: lineCommitmentPence(rows[0]!, '2026-11-02') + lineCommitmentPence(rows[1]!, '2026-11-02'),
      newWeeklyPence: 16_360 + 3_500,
    });
    expect(t.get('BL/reablement/older_people/ALL')).toMatchObject({ lines: 1, newWeeklyPence: 0 });
  });
});
