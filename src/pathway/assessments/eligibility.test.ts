import { describe, expect, it } from 'vitest';
import { assessmentTypeOf, computeEligibility, overrideProblem } from './eligibility.js';
import { careActOutcomes, parseSectionContent } from './sections.js';

const allAchieved = Object.fromEntries(careActOutcomes.map((k) => [k, { canAchieve: true }]));
const unable = (...keys: string[]) => ({
  ...allAchieved,
  ...Object.fromEntries(keys.map((k) => [k, { canAchieve: false, ways: ['needs_assistance'] as const }])),
});

describe('the three-condition rule (reg 2)', () => {
  it('is eligible with an impairment, two outcomes not achieved and a significant impact on wellbeing', () => {
    const r = computeEligibility({
      kind: 'needs',
      impairment: { hasImpairmentOrIllness: true },
      outcomes: unable('nutrition', 'personalHygiene'),
      wellbeing: { significantImpact: true, areas: ['personal_dignity'] },
    });
    expect(r).toMatchObject({ rule: 'adult', eligible: true, complete: true, missing: [], unableToAchieve: ['nutrition', 'personalHygiene'] });
  });

  it('counts an outcome the form has started but not answered as missing, not as unable (the form runs this rule as the practitioner types)', () => {
    const typing = { ...allAchieved, nutrition: { note: 'eats little' } } as unknown as Parameters<typeof computeEligibility>[0]['outcomes'];
    const r = computeEligibility({ kind: 'needs', impairment: { hasImpairmentOrIllness: true }, outcomes: typing, wellbeing: { significantImpact: true, areas: ['personal_dignity'] } });
    expect(r.missing).toEqual(['outcomes.nutrition']);
    expect(r.unableToAchieve).toEqual([]);
    expect(r.complete).toBe(false);
  });

  it('is not eligible when only one outcome cannot be achieved', () => {
    const r = computeEligibility({
      kind: 'needs',
      impairment: { hasImpairmentOrIllness: true },
      outcomes: unable('nutrition'),
      wellbeing: { significantImpact: true, areas: ['personal_dignity'] },
    });
    expect(r.eligible).toBe(false);
    expect(r.conditions).toEqual({ first: true, second: false, significantImpactOnWellbeing: true });
  });

  it('is not eligible without an impairment or illness, however many outcomes are affected', () => {
    const r = computeEligibility({
      kind: 'needs',
      impairment: { hasImpairmentOrIllness: false },
      outcomes: unable('nutrition', 'personalHygiene', 'toiletNeeds'),
      wellbeing: { significantImpact: true, areas: ['personal_dignity'] },
    });
    expect(r.eligible).toBe(false);
    expect(r.conditions.first).toBe(false);
  });

  it('is not eligible without a significant impact on wellbeing', () => {
    const r = computeEligibility({
      kind: 'needs',
      impairment: { hasImpairmentOrIllness: true },
      outcomes: unable('nutrition', 'personalHygiene'),
      wellbeing: { significantImpact: false },
    });
    expect(r.eligible).toBe(false);
  });

  it('names every fact still to record', () => {
    const r = computeEligibility({ kind: 'needs', outcomes: { nutrition: { canAchieve: false, ways: ['needs_assistance'] } } });
    expect(r.complete).toBe(false);
    expect(r.missing).toContain('impairment.hasImpairmentOrIllness');
    expect(r.missing).toContain('wellbeing.significantImpact');
    expect(r.missing).toContain('outcomes.caringForChild');
    expect(r.missing).not.toContain('outcomes.nutrition');
  });
});

describe("the carers' rule (reg 3)", () => {
  it('is eligible when caring puts the carer’s health at risk with a significant impact on wellbeing', () => {
    const r = computeEligibility({
      kind: 'carer',
      carers: { needsArisingFromCaring: true, carerHealthAtRisk: true },
      wellbeing: { significantImpact: true, areas: ['physical_mental_health_emotional_wellbeing'] },
    });
    expect(r).toMatchObject({ rule: 'carer', eligible: true, complete: true });
  });

  it('is eligible when the carer cannot achieve one outcome, and not when the needs do not arise from caring', () => {
    const base = { carerHealthAtRisk: false, carerUnableToAchieve: ['recreation' as const] };
    expect(computeEligibility({ kind: 'carer', carers: { ...base, needsArisingFromCaring: true }, wellbeing: { significantImpact: true, areas: ['social_economic_wellbeing'] } }).eligible).toBe(true);
    expect(computeEligibility({ kind: 'carer', carers: { ...base, needsArisingFromCaring: false }, wellbeing: { significantImpact: true, areas: ['social_economic_wellbeing'] } }).eligible).toBe(false);
  });
});

describe('the decision', () => {
  const eligible = computeEligibility({
    kind: 'needs',
    impairment: { hasImpairmentOrIllness: true },
    outcomes: unable('nutrition', 'personalHygiene'),
    wellbeing: { significantImpact: true, areas: ['personal_dignity'] },
  });

  it('needs no reason when it agrees with the rule', () => {
    expect(overrideProblem(eligible, 'eligible', undefined)).toBeNull();
  });

  it('needs a reason of at least ten characters when it differs', () => {
    expect(overrideProblem(eligible, 'not_eligible', undefined)).toMatch(/at least 10 characters/);
    expect(overrideProblem(eligible, 'not_eligible', '  short   ')).toMatch(/at least 10 characters/);
    expect(overrideProblem(eligible, 'not_eligible', 'Needs are met by the family, who are willing and able.')).toBeNull();
  });

  it('makes a long term assessment, and no decision a short term one', () => {
    expect(assessmentTypeOf('eligible')).toBe('Long term assessment');
    expect(assessmentTypeOf('not_eligible')).toBe('Long term assessment');
    expect(assessmentTypeOf(null)).toBe('Short term assessment');
  });
});

describe('section forms', () => {
  it('asks for the ways an outcome cannot be achieved', () => {
    expect(() => parseSectionContent('outcomes', { nutrition: { canAchieve: false } })).toThrow(/content\.nutrition\.ways/);
    expect(() => parseSectionContent('outcomes', { nutrition: { canAchieve: false, ways: ['flying'] } })).toThrow(/content\.nutrition\.ways/);
    expect(parseSectionContent('outcomes', { nutrition: { canAchieve: false, ways: ['takes_significantly_longer'] } })).toEqual({
      nutrition: { canAchieve: false, ways: ['takes_significantly_longer'] },
    });
  });

  it('refuses unknown fields and overlong text, naming them', () => {
    try {
      parseSectionContent('health', { mood: 'low', shoeSize: 9, skin: 'x'.repeat(4001) });
      expect.unreachable();
    } catch (e: any) {
      expect(e.details).toContainEqual({ field: 'content.shoeSize', problem: 'is not a field this section has' });
      expect(e.details).toContainEqual({ field: 'content.skin', problem: 'must be at most 4000 characters' });
    }
  });

  it('asks which areas of wellbeing a significant impact touches', () => {
    expect(() => parseSectionContent('wellbeing', { significantImpact: true })).toThrow(/content\.areas/);
  });
});
