/**
 * An assessment as the API shows it: its sections with their authors (withheld where the person
 * objects to sharing with the viewer's sector), and the summary row of a person's list.
 */
import { roleLabels, type Role } from '../../access/roles.js';
import { londonDateOf } from '../../platform/dates.js';
import type { PersonRef } from '../../people/service.js';
import type { ComputedEligibility, EligibilityFacts } from './eligibility.js';
import type * as q from './queries.js';
import { sectionLabels, type SectionName } from './sections.js';

export type SectionView = {
  section: SectionName;
  label: string;
  /** null when the person objects to sharing and the section belongs to the other sector. */
  content: Record<string, unknown> | null;
  withheld: boolean;
  author: { userId: string; name: string; role: string; roleLabel: string };
  sector: string;
  updatedAt: string;
  version: number;
};

export type AssessmentView = {
  id: string;
  personId: string;
  /** Who is assessed (name, NHS number, date of birth), and for a carer's assessment the person cared for. */
  person: PersonRef;
  caredFor: PersonRef | null;
  kind: string;
  caredForPersonId: string | null;
  referralId: string | null;
  status: string;
  startedAt: string;
  startedBy: string | null;
  completedAt: string | null;
  completedOn: string | null;
  completedBy: string | null;
  assessmentType: string | null;
  outcome: string | null;
  /** The rule as recorded at completion. */
  eligibilityComputed: ComputedEligibility | null;
  /** The rule computed now from the sections this user can see (while in progress). */
  eligibility: ComputedEligibility;
  eligibilityDecision: string | null;
  overrideReason: string | null;
  /** A completed carer's assessment: its CLD carer fields as at completion. */
  carerReturn: CarerReturn | null;
  version: number;
  sections: SectionView[];
  sectionsNotStarted: SectionName[];
};

/** The CLD carer fields (Client_Type, Primary_Support_Reason, Total_Hrs_Caring_per_week, No_of_adults_being_cared_for, Adult_1..3_Linked_Person_ID). */
export type CarerReturn = {
  clientType: 'Unpaid carer';
  primarySupportReason: 'Social support: Support to unpaid carer';
  totalHoursCaringPerWeek: number | null;
  adultsCaredFor: number;
  linkedPersonIds: string[];
};

export type AssessmentSummary = Omit<AssessmentView, 'sections' | 'eligibility' | 'eligibilityComputed' | 'sectionsNotStarted' | 'person' | 'caredFor' | 'carerReturn'> & {
  sectionsStarted: number;
};

export const labelOfRole = (role: string) => roleLabels[role as Role] ?? role;

export function sectionView(row: q.SectionRow, visible: boolean): SectionView {
  return {
    section: row.section as SectionName,
    label: sectionLabels[row.section as SectionName] ?? row.section,
    content: visible ? (row.content as Record<string, unknown>) : null,
    withheld: !visible,
    author: { userId: row.authorUserId, name: row.authorName, role: row.authorRole, roleLabel: labelOfRole(row.authorRole) },
    sector: row.sector,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function factsOf(kind: string, sections: { section: string; content: unknown }[]): EligibilityFacts {
  const by = new Map(sections.map((s) => [s.section, s.content]));
  return {
    kind: kind === 'carer' ? 'carer' : 'needs',
    impairment: by.get('impairment') as EligibilityFacts['impairment'],
    outcomes: by.get('outcomes') as EligibilityFacts['outcomes'],
    wellbeing: by.get('wellbeing') as EligibilityFacts['wellbeing'],
    carers: by.get('carers') as EligibilityFacts['carers'],
  };
}

export function summaryOf(a: q.AssessmentRow) {
  return {
    id: a.id,
    personId: a.personId,
    kind: a.kind,
    caredForPersonId: a.caredForPersonId,
    referralId: a.referralId,
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    startedBy: a.startedBy,
    completedAt: a.completedAt?.toISOString() ?? null,
    completedOn: a.completedAt ? londonDateOf(a.completedAt) : null,
    completedBy: a.completedBy,
    assessmentType: a.assessmentType,
    outcome: a.outcome,
    eligibilityDecision: a.eligibilityDecision,
    overrideReason: a.overrideReason,
    version: a.version,
  };
}
