import { describe, expect, it } from 'vitest';
import { addMonths } from '../assessments/fields.js';
import { firstReviewAfterStart, isOverdue, isShortTermSupport, nextYearlyReview } from './rules.js';

describe('review scheduling', () => {
  it('reviews reablement six weeks after it starts', () => {
    expect(firstReviewAfterStart('2026-11-02', { serviceType: 'Short term support: ST-Max', component: 'Reablement' })).toMatchObject({ dueOn: '2026-12-14' });
  });

  it('reviews long-term support twelve months after it starts', () => {
    expect(firstReviewAfterStart('2026-11-02', { serviceType: 'Long term support: Community', component: 'Home support or domiciliary care' })).toMatchObject({
      dueOn: '2027-11-02',
      reason: expect.stringContaining('long term'),
    });
  });

  it('treats short-term components as short term whatever the service type', () => {
    expect(isShortTermSupport({ serviceType: 'Long term support: Community', component: 'Short term residential care' })).toBe(true);
    expect(isShortTermSupport({ serviceType: 'Long term support: Community', component: 'Equipment' })).toBe(false);
  });

  it('moves the 29th of February and month ends to the last day of the month', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(nextYearlyReview('2026-03-31').dueOn).toBe('2027-03-31');
  });

  it('is overdue from the day after it was due', () => {
    expect(isOverdue({ status: 'due', dueOn: '2026-11-01' }, '2026-11-02')).toBe(true);
    expect(isOverdue({ status: 'due', dueOn: '2026-11-02' }, '2026-11-02')).toBe(false);
    expect(isOverdue({ status: 'completed', dueOn: '2026-01-01' }, '2026-11-02')).toBe(false);
  });
});
