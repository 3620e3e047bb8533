import { describe, expect, it } from 'vitest';
import { financialYear, financialYearBounds, financialYearOf, lastDayOfMonth, monthsOfFinancialYear } from './financial-year.js';

describe('financial years', () => {
  it('puts 31 March in the year before and 1 April in the new one', () => {
    expect(financialYearOf('2010-03-31')).toBe('2009-10');
    expect(financialYearOf('2010-04-01')).toBe('2010-11');
    expect(financialYearOf('1999-12-01')).toBe('1999-00');
    expect(financialYearBounds('2009-10')).toEqual({ from: '2009-04-01', to: '2010-03-31' });
  });

  it('lists the months April to March and knows the last day of February', () => {
    const months = monthsOfFinancialYear('2011-12');
    expect(months[0]).toBe('2011-04');
    expect(months[11]).toBe('2012-03');
    expect(lastDayOfMonth('2012-02')).toBe('2012-02-29');
  });

  it('explains how to write a financial year', () => {
    expect(financialYear.safeParse('2009-11').error?.issues[0]?.message).toMatch(/2009-10/);
    expect(financialYear.parse('1999-00')).toBe('1999-00');
  });
});
