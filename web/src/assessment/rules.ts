/**
 * The shared assessment's form in the browser: the server's own Care Act lists and eligibility
 * rule (src/pathway/assessments/care-act.ts, eligibility.ts), so the page shows the rule live
 * while the practitioner types, before anything is saved. The server's answer stays the record.
 */

import { careActOutcomeLabels, careActOutcomes, type CareActOutcome } from '../../../src/pathway/assessments/care-act';
import { computeEligibility as eligibilityRule, type ComputedEligibility, type EligibilityFacts } from '../../../src/pathway/assessments/eligibility';

export * from '../../../src/pathway/assessments/care-act';

export type Content = Record<string, unknown>;
export type OutcomeAnswer = { canAchieve: boolean; ways?: string[]; note?: string };

export type LiveEligibility = ComputedEligibility;

/** The three conditions (adults, reg 2) or the carers' rule (reg 3), from the sections as typed. */
export function computeEligibility(kind: string, sections: Record<string, Content | undefined>): LiveEligibility {
  return eligibilityRule({
    kind: kind === 'carer' ? 'carer' : 'needs',
    impairment: sections.impairment as EligibilityFacts['impairment'],
    outcomes: sections.outcomes as EligibilityFacts['outcomes'],
    wellbeing: sections.wellbeing as EligibilityFacts['wellbeing'],
    carers: sections.carers as EligibilityFacts['carers'],
  });
}

/** "outcomes.homeSafely" → "Being able to make use of the home safely". */
export function missingLabel(path: string): string {
  const [section, field] = path.split('.');
  if (section === 'outcomes' && field && field in careActOutcomeLabels) return careActOutcomeLabels[field as CareActOutcome];
  const words: Record<string, string> = {
    'impairment.hasImpairmentOrIllness': 'Whether the needs arise from an impairment or illness',
    'wellbeing.significantImpact': 'Whether there is a significant impact on wellbeing',
    'carers.needsArisingFromCaring': "Whether the carer's needs arise from caring",
    'carers.carerHealthAtRisk': "Whether the carer's health is at risk",
  };
  return words[path] ?? path;
}

/**
 * What the server would refuse in a section, said before sending it, so autosave waits for the
 * practitioner to finish the thought instead of failing on every keystroke.
 */
export function sectionProblem(section: string, content: Content): string | null {
  if (section === 'outcomes') {
    for (const key of careActOutcomes) {
      const a = content[key] as OutcomeAnswer | undefined;
      if (a && a.canAchieve === false && (!a.ways || a.ways.length === 0))
        return `Choose at least one way the person cannot achieve “${careActOutcomeLabels[key]}”.`;
    }
  }
  if (section === 'wellbeing' && content.significantImpact === true && (!Array.isArray(content.areas) || content.areas.length === 0))
    return 'Choose at least one area of wellbeing the impact falls on.';
  if (section === 'risks' && Array.isArray(content.items)) {
    const items = content.items as { description?: string }[];
    if (items.some((i) => !i.description || !i.description.trim())) return 'Describe each risk, or remove the empty one.';
  }
  return null;
}

/** Removes what the server's form does not take: empty goals, ways of an outcome that can be achieved. */
export function cleanContent(section: string, content: Content): Content {
  const out: Content = {};
  for (const [k, v] of Object.entries(content)) {
    if (v === undefined || v === null) continue;
    out[k] = v;
  }
  if (section === 'personsView' && Array.isArray(out.goals)) {
    out.goals = (out.goals as string[]).map((g) => g.trim()).filter(Boolean);
  }
  if (section === 'outcomes') {
    for (const key of careActOutcomes) {
      const a = out[key] as OutcomeAnswer | undefined;
      if (a && a.canAchieve) {
        const rest: OutcomeAnswer = { canAchieve: true };
        if (a.note) rest.note = a.note;
        out[key] = rest;
      }
    }
  }
  return out;
}
