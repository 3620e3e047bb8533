import { describe, expect, it } from 'vitest';
import { lineForecast, seasonalIndexPerMille, seasonalTrendPence } from './forecast-rules.js';

describe('the forecast outturn', () => {
  it('adds actuals, commitments and the trend, and reads an overspend as a positive variance', () => {
    expect(lineForecast({ actualsPence: 500, commitmentPence: 300, trendPence: 50, budgetPence: 800 })).toMatchObject({ forecastPence: 850, variancePence: 50 });
    expect(lineForecast({ actualsPence: 0, commitmentPence: 0, trendPence: 0, budgetPence: 800 }).variancePence).toBe(-800);
  });
  it('seasonal indices average one', () => {
    expect(seasonalIndexPerMille.reduce((a, b) => a + b, 0)).toBe(12_000);
  });
  it('expects new demand for the months left, none on the last day of the year but the demand of March itself', () => {
    // With a flat index: £70 a week of new packages from 15 March to 31 March (17 days) is £170.
    const flat = Array(12).fill(1000);
    expect(seasonalTrendPence(7_000, '2027-03-01', flat)).toBe(17_000);
    // From 31 March only the day itself remains of March's new demand.
    expect(seasonalTrendPence(7_000, '2027-03-31', flat)).toBe(1_000);
    expect(seasonalTrendPence(0, '2026-04-01')).toBe(0);
    // March weighs 1.05 of an average month.
    expect(seasonalTrendPence(7_000, '2027-03-01')).toBe(17_850);
  });
  it('shrinks as the year goes on', () => {
    expect(seasonalTrendPence(10_000, '2026-04-01')).toBeGreaterThan(seasonalTrendPence(10_000, '2026-10-01'));
  });
});
