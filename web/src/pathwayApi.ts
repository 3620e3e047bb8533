/**
 * The care pathway's calls: the front door, caseloads, the timeline, assessments, plans. The
 * OpenAPI document at /docs/json is the contract; these types are the parts the pages read.
 */
import { request, type Ref } from './api';

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

// ---------------------------------------------------------------- front door and caseloads

export type ReferralSource = 'gp' | 'hospital' | 'community_nurse' | 'self' | 'family_carer' | 'police' | 'other';
export type Urgency = 'routine' | 'urgent' | 'emergency';
export type ReferralStatus = 'received' | 'resolved' | 'accepted' | 'allocated' | 'closed';

export type Referral = {
  id: string;
  version: number;
  status: ReferralStatus | string;
  person: Ref;
  source: ReferralSource | string;
  sourceLabel: string;
  sourceName: string;
  routeOfAccess: string;
  reason: string;
  urgency: Urgency | string;
  receivedAt: string;
  receivedOn: string;
  channel: string;
  externalRef: string | null;
  proposedTeam: Ref | null;
  team: Ref | null;
  outcome: string | null;
  outcomeNote: string;
  resolvedAt: string | null;
  acceptedAt: string | null;
  worker: Ref | null;
  allocatedAt: string | null;
  triageSteps: number;
  minutesToAllocation: number | null;
};

export type NewPersonDetails = {
  nhsNumber?: string | null;
  title?: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender?: string;
  postcode?: string;
  gpPracticeOds?: string | null;
  allowPossibleDuplicate?: boolean;
};

export type NewReferral = {
  person: { id: string } | NewPersonDetails;
  source: ReferralSource;
  sourceName?: string;
  routeOfAccess: string;
  reason: string;
  urgency: Urgency;
  receivedAt?: string;
  externalRef?: string;
  joinOpen?: boolean;
};

export type CaseloadCase = {
  id: string;
  version: number;
  person: Ref;
  team: Ref;
  worker: Ref | null;
  sector: string;
  openedAt: string;
  referralId: string | null;
};

export type WaitingReferral = {
  referralId: string;
  version: number;
  person: Ref;
  urgency: string;
  receivedAt: string;
  acceptedAt: string | null;
  reason: string;
};

export type TeamMember = { id: string; name: string; profession: string; roleInTeam: string; openCases: number };

export type Caseload = {
  counts: { open: number; waiting: number; unallocatedCases: number };
  cases: CaseloadCase[];
  waiting: WaitingReferral[];
  members: TeamMember[];
};

// ---------------------------------------------------------------- timeline

export const timelineKinds = [
  'referral',
  'triage',
  'allocation',
  'case',
  'assessment',
  'eligibility',
  'plan',
  'package',
  'review',
  'mdt',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export type TimelineItem = {
  at: string;
  kind: string;
  action: string;
  summary: string;
  sector: string;
  by: string;
  subjectId: string | null;
};

export type Timeline = { items: TimelineItem[]; withheld: number };

// ---------------------------------------------------------------- assessments

export type Eligibility = {
  rule: 'adult' | 'carer';
  eligible: boolean;
  complete: boolean;
  missing: string[];
  conditions: { first: boolean; second: boolean; significantImpactOnWellbeing: boolean };
  unableToAchieve: string[];
};

export type SectionView = {
  section: string;
  label: string;
  content: Record<string, unknown> | null;
  withheld: boolean;
  author: { userId: string; name: string; role: string; roleLabel: string };
  sector: string;
  updatedAt: string;
  version: number;
};

export type AssessmentSummary = {
  id: string;
  personId: string;
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
  eligibilityDecision: string | null;
  overrideReason: string | null;
  version: number;
  sectionsStarted?: number;
};

export type Assessment = AssessmentSummary & {
  eligibilityComputed: Eligibility | null;
  eligibility: Eligibility;
  sections: SectionView[];
  sectionsNotStarted: string[];
};

export type SavedSection = SectionView & { assessmentVersion: number };

export type CompleteAssessment = {
  eligibilityDecision?: 'eligible' | 'not_eligible';
  overrideReason?: string;
  outcome: string;
  version: number;
};

// ---------------------------------------------------------------- the calls

export const pathway = {
  referrals: (f: { status?: ReferralStatus; teamId?: string; personId?: string; limit?: number } = {}) =>
    request<{ referrals: Referral[] }>(`/api/referrals${query(f)}`),
  referral: (id: string) => request<Referral>(`/api/referrals/${seg(id)}`),
  sendReferral: (body: NewReferral) => request<Referral>('/api/referrals', { method: 'POST', body }),
  resolveReferral: (id: string, body: { outcome: string; note: string; version: number }) =>
    request<Referral>(`/api/referrals/${seg(id)}/resolve`, { method: 'POST', body }),
  acceptReferral: (id: string, body: { teamId?: string; version: number }) =>
    request<Referral>(`/api/referrals/${seg(id)}/accept`, { method: 'POST', body }),
  allocateReferral: (id: string, body: { workerStaffId: string; version: number }) =>
    request<Referral>(`/api/referrals/${seg(id)}/allocate`, { method: 'POST', body }),

  caseload: (f: { teamId?: string; staffId?: string; zoneId?: string }) => request<Caseload>(`/api/caseloads${query(f)}`),
  transferCase: (id: string, body: { teamId?: string; workerStaffId?: string | null; reason: string; version: number }) =>
    request<{ caseId: string }>(`/api/cases/${seg(id)}/transfer`, { method: 'POST', body }),
  closeCase: (id: string, body: { reason: string; version: number }) =>
    request<{ caseId: string; closedAt: string }>(`/api/cases/${seg(id)}/close`, { method: 'POST', body }),

  timeline: (personId: string, kinds: readonly string[]) =>
    request<Timeline>(`/api/people/${seg(personId)}/timeline${query({ kind: kinds.join(','), limit: 500 })}`),

  assessmentsOf: (personId: string) =>
    request<{ assessments: AssessmentSummary[] }>(`/api/people/${seg(personId)}/assessments`),
  assessment: (id: string) => request<Assessment>(`/api/assessments/${seg(id)}`),
  startAssessment: (body: { personId: string; kind: 'needs' | 'carer'; caredForPersonId?: string; referralId?: string }) =>
    request<Assessment>('/api/assessments', { method: 'POST', body }),
  saveSection: (id: string, section: string, body: { content: Record<string, unknown>; version: number }) =>
    request<SavedSection>(`/api/assessments/${seg(id)}/sections/${seg(section)}`, { method: 'PUT', body }),
  completeAssessment: (id: string, body: CompleteAssessment) =>
    request<Assessment>(`/api/assessments/${seg(id)}/complete`, { method: 'POST', body }),
};
