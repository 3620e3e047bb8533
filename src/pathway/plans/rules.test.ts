import { describe, expect, it } from 'vitest';
import { decideApproval, defaultLimitOf } from './approval.js';
import { divideRoundHalfUp, lineCost, planCost, quantityToHundredths } from './cost.js';
import { transition } from './states.js';

describe('weekly cost', () => {
  it('costs home care at the council rate: 10 hours a week at £16.36 is £163.60', () => {
    expect(lineCost({ quantityHundredths: 1000, frequency: 'per_week', unitCostPence: 1636 })).toEqual({ weeklyPence: 16_360, oneOffPence: 0 });
  });

  it('takes decimal hours exactly: 7.5 hours a week at £16.36 is £122.70', () => {
    expect(quantityToHundredths(7.5)).toBe(750);
    expect(lineCost({ quantityHundredths: 750, frequency: 'per_week', unitCostPence: 1636 }).weeklyPence).toBe(12_270);
  });

  it('multiplies a daily quantity by seven', () => {
    // Two visits a day at £9.99: 2 × 999 × 7 = 13,986.
    expect(lineCost({ quantityHundredths: 200, frequency: 'per_day', unitCostPence: 999 }).weeklyPence).toBe(13_986);
  });

  it('rounds half a penny up, and less than half down', () => {
    expect(divideRoundHalfUp(50n, 100n)).toBe(1);
    expect(divideRoundHalfUp(49n, 100n)).toBe(0);
    expect(divideRoundHalfUp(150n, 100n)).toBe(2);
    // 0.25 hours at 1002p = 250.5p → 251p.
    expect(lineCost({ quantityHundredths: 25, frequency: 'per_week', unitCostPence: 1002 }).weeklyPence).toBe(251);
    // 0.33 hours at 1001p = 330.33p → 330p.
    expect(lineCost({ quantityHundredths: 33, frequency: 'per_week', unitCostPence: 1001 }).weeklyPence).toBe(330);
  });

  it('keeps one-off costs out of the weekly cost', () => {
    expect(lineCost({ quantityHundredths: 100, frequency: 'one_off', unitCostPence: 45_000 })).toEqual({ weeklyPence: 0, oneOffPence: 45_000 });
  });

  it('refuses more than two decimal places', () => {
    expect(quantityToHundredths(7.555)).toBeNull();
    expect(quantityToHundredths(0.1 + 0.2)).toBe(30);
  });

  it('sums a plan by the state of its lines', () => {
    const home = { quantityHundredths: 1000, frequency: 'per_week', unitCostPence: 1636 };
    const cost = planCost([
      { ...home, status: 'in_place' },
      { ...home, status: 'approved' },
      { ...home, status: 'proposed' },
      { ...home, status: 'ended' },
      { ...home, status: 'cancelled' },
      { quantityHundredths: 100, frequency: 'one_off', unitCostPence: 12_000, status: 'in_place' },
    ]);
    expect(cost).toEqual({ weeklyPence: 49_080, committedWeeklyPence: 32_720, inPlaceWeeklyPence: 16_360, oneOffPence: 12_000 });
  });
});

describe('the states of a service line', () => {
  it('goes proposed → approved → in place → ended', () => {
    expect(transition('proposed', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(transition('approved', 'start')).toEqual({ ok: true, to: 'in_place' });
    expect(transition('in_place', 'end')).toEqual({ ok: true, to: 'ended' });
  });

  it('is cancelled only before it starts', () => {
    expect(transition('proposed', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('approved', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
    const late = transition('in_place', 'cancel');
    expect(late.ok).toBe(false);
  });

  it('names the state when a step is not allowed', () => {
    expect(transition('proposed', 'start')).toEqual({ ok: false, message: 'This line is proposed: only a line that is approved can be put in place.' });
    expect(transition('ended', 'approve')).toEqual({ ok: false, message: 'This line is ended: only a line that is proposed can be approved.' });
    expect(transition('cancelled', 'end').ok).toBe(false);
  });
});

describe('approval limits', () => {
  const homeCare = { weeklyPence: 16_360, oneOffPence: 0 };
  const base = { committedWeeklyPence: 0, line: homeCare, proposedBy: 'sw', approverUserId: 'tm' };

  it('defaults to £1,000 a week for team managers, £5,000 for commissioners and nothing for others', () => {
    expect(defaultLimitOf('team_manager')).toBe(100_000);
    expect(defaultLimitOf('commissioner')).toBe(500_000);
    expect(defaultLimitOf('social_worker')).toBe(0);
    expect(defaultLimitOf('board_member')).toBe(0);
  });

  it('allows a team manager to approve home care within the limit', () => {
    expect(decideApproval({ ...base, role: 'team_manager', limitPence: 100_000 })).toEqual({ allowed: true, weeklyAfterApprovalPence: 16_360 });
  });

  it('counts what is already approved: the plan’s cost after approval must be within the limit', () => {
    const d = decideApproval({ ...base, role: 'team_manager', limitPence: 100_000, committedWeeklyPence: 90_000 });
    expect(d).toMatchObject({ allowed: false, reason: 'approval_limit', weeklyAfterApprovalPence: 106_360 });
    if (!d.allowed) expect(d.message).toBe('Your approval limit as Team manager is £1,000.00 a week; with this line the plan would cost £1,063.60 a week. Ask someone with a higher limit to approve it.');
  });

  it('allows exactly the limit', () => {
    expect(decideApproval({ ...base, role: 'team_manager', limitPence: 100_000, committedWeeklyPence: 100_000 - 16_360 }).allowed).toBe(true);
  });

  it('refuses a social worker with no limit, naming it', () => {
    const d = decideApproval({ ...base, role: 'social_worker', limitPence: 0, approverUserId: 'sw' });
    expect(d).toMatchObject({ allowed: false, reason: 'approval_limit' });
    if (!d.allowed) expect(d.message).toMatch(/Your approval limit as Social worker is £0\.00 a week/);
  });

  it('refuses one’s own proposal even within the limit', () => {
    const d = decideApproval({ ...base, role: 'social_worker', limitPence: 50_000, approverUserId: 'sw' });
    expect(d).toMatchObject({ allowed: false, reason: 'own_proposal' });
  });

  it('holds a one-off cost to the same limit', () => {
    const d = decideApproval({ ...base, role: 'team_manager', limitPence: 100_000, line: { weeklyPence: 0, oneOffPence: 250_000 } });
    expect(d).toMatchObject({ allowed: false, reason: 'approval_limit' });
  });
});
