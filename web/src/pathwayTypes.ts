/**
 * The care pathway's answers and inputs as the web app reads and sends them (the calls are in
 * pathwayApi.ts). An answer's type is inferred from the response schema the server serialises it
 * with, so a change to an answer shows up here as a type error in the pages that read it.
 */
import type { z } from 'zod';
import type { personRefSchema } from '../../src/pathway/api-schemas';
import type { assessmentSummarySchema, assessmentViewSchema, eligibilitySchema, savedSectionSchema, sectionViewSchema } from '../../src/pathway/assessments/api-schemas';
import type { caseloadSchema, caseSchema, closedCaseSchema, referralSchema, staffRefSchema, transferredCaseSchema } from '../../src/pathway/front-door/api-schemas';
import type {
  approvalLimitsSchema,
  lineApprovalSchema,
  lineChangeSchema,
  lineListSchema,
  lineSchema,
  listedLineSchema,
  planCostSchema,
  planNeedSchema,
  planSchema,
} from '../../src/pathway/plans/api-schemas';
import type { timelineItemSchema, timelineSchema } from '../../src/pathway/timeline/api-schemas';
import type { Ref } from './api';

// ---------------------------------------------------------------- front door and caseloads

export type ReferralSource = 'gp' | 'hospital' | 'community_nurse' | 'self' | 'family_carer' | 'police' | 'other';
export type Urgency = 'routine' | 'urgent' | 'emergency';
export type ReferralStatus = 'received' | 'resolved' | 'accepted' | 'allocated' | 'closed';

export type Referral = z.output<typeof referralSchema>;

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

export type Caseload = z.output<typeof caseloadSchema>;
export type CaseloadCase = Caseload['cases'][number];
export type WaitingReferral = Caseload['waiting'][number];
export type TeamMember = Caseload['members'][number];

/** Who a record is about: enough to be sure it is the right person. */
export type PersonRef = z.output<typeof personRefSchema>;

export type StaffRef = z.output<typeof staffRefSchema>;

export type CaseView = z.output<typeof caseSchema>;
export type TransferredCase = z.output<typeof transferredCaseSchema>;
export type ClosedCase = z.output<typeof closedCaseSchema>;

/**
 * Where a caseload page sits: cases `from` to `to` of all the open ones (1-based; 0 when none);
 * the cursors of the pages before and after it (null at either end).
 */
export type CaseloadPage = Caseload['page'];

/** Whose caseload, and which page of it: the first unless `after` or `before` names a cursor case. */
export type CaseloadFilter = { teamId?: string; staffId?: string; zoneId?: string; limit?: number; after?: string; before?: string };

/** The largest page the server gives. */
export const CASELOAD_MAX_PAGE = 200;

// ---------------------------------------------------------------- timeline

export type TimelineItem = z.output<typeof timelineItemSchema>;
/** What a timeline entry is about (the codes of GET /api/codes timelineSubjects). */
export type SubjectType = NonNullable<TimelineItem['subjectType']>;
export type Timeline = z.output<typeof timelineSchema>;

// ---------------------------------------------------------------- assessments

export type Eligibility = z.output<typeof eligibilitySchema>;
export type SectionView = z.output<typeof sectionViewSchema>;
export type AssessmentSummary = z.output<typeof assessmentSummarySchema>;
export type Assessment = z.output<typeof assessmentViewSchema>;
export type SavedSection = z.output<typeof savedSectionSchema>;

export type CompleteAssessment = {
  eligibilityDecision?: 'eligible' | 'not_eligible';
  overrideReason?: string;
  outcome: string;
  version: number;
};

// ---------------------------------------------------------------- plans and packages

export type PlanCost = z.output<typeof planCostSchema>;
export type ServiceLine = z.output<typeof lineSchema>;
export type LineChange = z.output<typeof lineChangeSchema>;
export type PlanNeed = z.output<typeof planNeedSchema>;
export type Plan = z.output<typeof planSchema>;
export type LineApproval = z.output<typeof lineApprovalSchema>;
export type ListedServiceLine = z.output<typeof listedLineSchema>;
export type ServiceLineList = z.output<typeof lineListSchema>;
export type ApprovalLimits = z.output<typeof approvalLimitsSchema>;

export type NewServiceLine = {
  serviceType: string;
  component: string;
  providerPartnerId?: string;
  providerOds?: string;
  deliveryMechanism: string;
  unit: string;
  quantity: number;
  frequency: 'per_day' | 'per_week' | 'one_off';
  unitCostPence: number;
  plannedStart: string;
  plannedEnd?: string;
};

export type MeasureRow = {
  person: { id: string | null; name: string };
  assessmentId: string;
  worker: { id: string | null; name: string };
  completedOn: string;
  firstInPlaceOn: string | null;
  days: number;
  inPlace: boolean;
  status: 'within' | 'breached' | 'open';
  warning: boolean;
  daysLeft: number | null;
};

export type MeasureTally = {
  assessments: number;
  withinTarget: number;
  breached: number;
  breachedStillOpen: number;
  stillOpen: number;
  warnings: number;
  percentWithin: number | null;
};

export type MeasureByGroup = {
  by: string;
  from: string;
  to: string;
  today: string;
  targetDays: number;
  warningFromDays: number;
  totals: MeasureTally;
  rows: (MeasureTally & { key: { id: string | null; name: string } })[];
};

export type Measure = {
  by: string;
  from: string;
  to: string;
  today: string;
  targetDays: number;
  warningFromDays: number;
  rows: MeasureRow[];
};

// ---------------------------------------------------------------- reviews and MDT

export type Review = {
  id: string;
  personId: string;
  planId: string | null;
  kind: string;
  reason: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  completedAt: string | null;
  completedBy: string | null;
  outcomesAchieved: string | null;
  outcome: string | null;
  note: string;
  changes: string;
  version: number;
};

export type TeamReview = Review & { person: Ref; caseId: string; workerStaffId: string | null; daysOverdue: number };

export type MdtAction = {
  id: string;
  meetingId: string;
  person: Ref;
  owner: Ref;
  description: string;
  dueOn: string;
  done: boolean;
  doneAt: string | null;
  overdue: boolean;
};

export type MdtMeetingSummary = { id: string; heldOn: string; attendees: number };
export type MdtMeeting = {
  id: string;
  team: Ref;
  heldOn: string;
  attendees: Ref[];
  cases: { person: Ref; note: string; updatedAt: string }[];
  actions: MdtAction[];
};
