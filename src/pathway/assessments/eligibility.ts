// Only the lists and types: the browser's assessment form runs this same rule as the practitioner types.
import { careActOutcomes, type CareActOutcome } from './care-act.js';
import type { SectionContent } from './sections.js';

/**
 * Eligibility under the Care and Support (Eligibility Criteria) Regulations 2015, as a pure
 * function of what the assessment recorded. The practitioner confirms or overrides it.
 */
export type EligibilityFacts = {
  kind: 'needs' | 'carer';
  impairment?: SectionContent<'impairment'>;
  outcomes?: SectionContent<'outcomes'>;
  wellbeing?: SectionContent<'wellbeing'>;
  carers?: SectionContent<'carers'>;
};

export type ComputedEligibility = {
  /** adult: reg 2 (the three conditions); carer: reg 3. */
  rule: 'adult' | 'carer';
  eligible: boolean;
  /** Every fact the rule needs is recorded. */
  complete: boolean;
  /** Fields still to answer, as section.field. */
  missing: string[];
  conditions: {
    /** adult (a): needs arise from a physical or mental impairment or illness. carer (a): from providing necessary care. */
    first: boolean;
    /** adult (b): unable to achieve two or more outcomes. carer (b): health at risk, or unable to achieve one or more outcomes. */
    second: boolean;
    /** (c): a significant impact on wellbeing. */
    significantImpactOnWellbeing: boolean;
  };
  /** adult: the outcomes the person cannot achieve; carer: the carer's outcomes. */
  unableToAchieve: string[];
};

export function computeEligibility(f: EligibilityFacts): ComputedEligibility {
  return f.kind === 'carer' ? carerRule(f) : adultRule(f);
}

function adultRule(f: EligibilityFacts): ComputedEligibility {
  const missing: string[] = [];
  if (typeof f.impairment?.hasImpairmentOrIllness !== 'boolean') missing.push('impairment.hasImpairmentOrIllness');
  const unable: CareActOutcome[] = [];
  for (const key of careActOutcomes) {
    const answer = f.outcomes?.[key];
    if (typeof answer?.canAchieve !== 'boolean') missing.push(`outcomes.${key}`);
    else if (!answer.canAchieve) unable.push(key);
  }
  if (typeof f.wellbeing?.significantImpact !== 'boolean') missing.push('wellbeing.significantImpact');
  const conditions = {
    first: f.impairment?.hasImpairmentOrIllness === true,
    second: unable.length >= 2,
    significantImpactOnWellbeing: f.wellbeing?.significantImpact === true,
  };
  return {
    rule: 'adult',
    eligible: conditions.first && conditions.second && conditions.significantImpactOnWellbeing,
    complete: missing.length === 0,
    missing,
    conditions,
    unableToAchieve: unable,
  };
}

function carerRule(f: EligibilityFacts): ComputedEligibility {
  const missing: string[] = [];
  const c = f.carers;
  if (typeof c?.needsArisingFromCaring !== 'boolean') missing.push('carers.needsArisingFromCaring');
  if (typeof c?.carerHealthAtRisk !== 'boolean') missing.push('carers.carerHealthAtRisk');
  if (typeof f.wellbeing?.significantImpact !== 'boolean') missing.push('wellbeing.significantImpact');
  const unable = Array.isArray(c?.carerUnableToAchieve) ? [...c.carerUnableToAchieve] : [];
  const conditions = {
    first: c?.needsArisingFromCaring === true,
    second: c?.carerHealthAtRisk === true || unable.length >= 1,
    significantImpactOnWellbeing: f.wellbeing?.significantImpact === true,
  };
  return {
    rule: 'carer',
    eligible: conditions.first && conditions.second && conditions.significantImpactOnWellbeing,
    complete: missing.length === 0,
    missing,
    conditions,
    unableToAchieve: unable,
  };
}

export type EligibilityDecision = 'eligible' | 'not_eligible';

/** The CLD assessment type: long term when an eligibility determination is made. */
export function assessmentTypeOf(decision: EligibilityDecision | null | undefined): 'Long term assessment' | 'Short term assessment' {
  return decision ? 'Long term assessment' : 'Short term assessment';
}

/** A decision that differs from the computed rule needs a reason of at least 10 characters. */
export function overrideProblem(computed: ComputedEligibility, decision: EligibilityDecision, reason: string | null | undefined): string | null {
  const computedDecision: EligibilityDecision = computed.eligible ? 'eligible' : 'not_eligible';
  if (computedDecision === decision) return null;
  if (!reason || reason.trim().length < 10) {
    return `must explain, in at least 10 characters, why your decision (${decision}) differs from the ${computed.rule === 'adult' ? 'three-condition rule' : "carers' rule"} (${computedDecision})`;
  }
  return null;
}
