/**
 * The care pathway's calls: the front door, caseloads, the timeline, assessments, plans. The
 * OpenAPI document at /docs/json is the contract; the shapes the pages read are in pathwayTypes.ts
 * (exported from here too).
 */
import { request } from './api';
import { CASELOAD_MAX_PAGE } from './pathwayTypes';
import type { ApprovalLimits, Assessment, AssessmentSummary, CaseView, Caseload, CaseloadCase, ClosedCase, CaseloadFilter, CompleteAssessment, CompletedReview, DiscussedCase, HeldMeeting, LineChange, MdtAction, MdtMeeting, MdtMeetingSummary, Measure, MeasureByGroup, NewReferral, NewServiceLine, Plan, PlanNeed, Referral, ReferralStatus, Review, SavedSection, ServiceLine, ServiceLineList, TeamReview, Timeline, TransferredCase } from './pathwayTypes';

export * from './pathwayTypes';

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

// ---------------------------------------------------------------- the calls

const caseloadOf = (f: CaseloadFilter) => request<Caseload>(`/api/caseloads${query(f)}`);

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

  caseload: caseloadOf,
  /** Every open case of a caseload, page after page (for choosing a person from it). */
  everyCase: async (f: { teamId: string }): Promise<CaseloadCase[]> => {
    const all: CaseloadCase[] = [];
    let after: string | undefined;
    do {
      const page = await caseloadOf({ ...f, limit: CASELOAD_MAX_PAGE, after });
      all.push(...page.cases);
      after = page.page.nextAfter ?? undefined;
    } while (after);
    return all;
  },
  case: (id: string) => request<CaseView>(`/api/cases/${seg(id)}`),
  transferCase: (id: string, body: { teamId?: string; workerStaffId?: string | null; reason: string; version: number }) =>
    request<TransferredCase>(`/api/cases/${seg(id)}/transfer`, { method: 'POST', body }),
  closeCase: (id: string, body: { reason: string; version: number }) =>
    request<ClosedCase>(`/api/cases/${seg(id)}/close`, { method: 'POST', body }),

  timeline: (personId: string, subjects: readonly string[]) =>
    request<Timeline>(`/api/people/${seg(personId)}/timeline${query({ subject: subjects.join(','), limit: 500 })}`),

  assessmentsOf: (personId: string) =>
    request<{ assessments: AssessmentSummary[] }>(`/api/people/${seg(personId)}/assessments`),
  assessment: (id: string) => request<Assessment>(`/api/assessments/${seg(id)}`),
  startAssessment: (body: { personId: string; kind: 'needs' | 'carer'; caredForPersonId?: string; referralId?: string }) =>
    request<Assessment>('/api/assessments', { method: 'POST', body }),
  saveSection: (id: string, section: string, body: { content: Record<string, unknown>; version: number }) =>
    request<SavedSection>(`/api/assessments/${seg(id)}/sections/${seg(section)}`, { method: 'PUT', body }),
  completeAssessment: (id: string, body: CompleteAssessment) =>
    request<Assessment>(`/api/assessments/${seg(id)}/complete`, { method: 'POST', body }),

  plansOf: (personId: string) => request<{ plans: Plan[] }>(`/api/people/${seg(personId)}/plans`),
  plan: (id: string) => request<Plan>(`/api/plans/${seg(id)}`),
  makePlan: (body: { assessmentId: string; needs: PlanNeed[] }) => request<Plan>('/api/plans', { method: 'POST', body }),
  proposeLine: (planId: string, body: NewServiceLine) =>
    request<ServiceLine>(`/api/plans/${seg(planId)}/lines`, { method: 'POST', body }),
  serviceLines: (f: { status?: string; teamId?: string; limit?: number; offset?: number }) =>
    request<ServiceLineList>(`/api/service-lines${query(f)}`),
  approvalLimits: () => request<ApprovalLimits>('/api/approval-limits'),
  approveLine: (id: string, version: number) =>
    request<LineChange>(`/api/service-lines/${seg(id)}/approve`, { method: 'POST', body: { version } }),
  startLine: (id: string, body: { startedOn: string; version: number }) =>
    request<LineChange>(`/api/service-lines/${seg(id)}/start`, { method: 'POST', body }),
  endLine: (id: string, body: { endedOn: string; reason: string; version: number }) =>
    request<LineChange>(`/api/service-lines/${seg(id)}/end`, { method: 'POST', body }),
  cancelLine: (id: string, body: { reason: string; version: number }) =>
    request<LineChange>(`/api/service-lines/${seg(id)}/cancel`, { method: 'POST', body }),
  varyLine: (id: string, body: { from: string; quantity?: number; unitCostPence?: number; reason: string; version: number }) =>
    request<LineChange>(`/api/service-lines/${seg(id)}/variation`, { method: 'POST', body }),

  packageIn28Days: (f: { assessmentId?: string; personId?: string; teamId?: string } = {}) =>
    request<Measure>(`/api/measures/package-in-28-days${query({ by: 'person', ...f })}`),
  packageIn28DaysBy: (by: 'worker' | 'team' | 'zone', f: { teamId?: string; zoneId?: string; workerId?: string } = {}) =>
    request<MeasureByGroup>(`/api/measures/package-in-28-days${query({ by, ...f })}`),

  reviewsOf: (personId: string) => request<{ reviews: Review[] }>(`/api/people/${seg(personId)}/reviews`),
  completeReview: (
    id: string,
    body: { outcomesAchieved: 'fully' | 'partly' | 'not'; outcome: string; note: string; changes: string; nextDueOn?: string; version?: number },
  ) => request<CompletedReview>(`/api/reviews/${seg(id)}/complete`, { method: 'POST', body }),
  teamReviews: (teamId: string, overdue = false) =>
    request<{ reviews: TeamReview[] }>(`/api/reviews${query({ teamId, overdue: overdue ? 'true' : 'false' })}`),

  myMdtActions: (overdue = false) => request<{ actions: MdtAction[] }>(`/api/mdt-actions${query({ overdue: overdue ? 'true' : undefined })}`),
  mdtActionsOf: (personId: string) => request<{ actions: MdtAction[] }>(`/api/people/${seg(personId)}/mdt-actions`),
  mdtMeetings: (teamId: string) => request<{ meetings: MdtMeetingSummary[] }>(`/api/mdt-meetings${query({ teamId })}`),
  mdtMeeting: (id: string) => request<MdtMeeting>(`/api/mdt-meetings/${seg(id)}`),
  holdMdtMeeting: (body: { teamId: string; heldOn: string; attendeeStaffIds: string[] }) =>
    request<HeldMeeting>('/api/mdt-meetings', { method: 'POST', body }),
  discussCase: (meetingId: string, body: { personId: string; note: string }) =>
    request<DiscussedCase>(`/api/mdt-meetings/${seg(meetingId)}/cases`, { method: 'POST', body }),
  addMdtAction: (meetingId: string, body: { personId: string; ownerStaffId: string; description: string; dueOn: string }) =>
    request<MdtAction>(`/api/mdt-meetings/${seg(meetingId)}/actions`, { method: 'POST', body }),
  completeMdtAction: (id: string) => request<MdtAction>(`/api/mdt-actions/${seg(id)}/done`, { method: 'POST' }),
};
