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
import type { measureGroupRowSchema, measurePersonRowSchema, measureTallySchema, packageIn28DaysSchema } from '../../src/pathway/measures/api-schemas';
import type { discussedCaseSchema, heldMeetingSchema, mdtActionSchema, mdtMeetingSchema, mdtMeetingSummarySchema } from '../../src/pathway/mdt/api-schemas';
import type { completedReviewSchema, reviewSchema, teamReviewSchema } from '../../src/pathway/reviews/api-schemas';
import type { timelineItemSchema, timelineSchema } from '../../src/pathway/timeline/api-schemas';
// The bodies the web sends are typed by the schemas the server reads them with (zod only, no server code).
import type { completeInput } from '../../src/pathway/assessments/types';
import type { newReferralInput } from '../../src/pathway/front-door/types';
import type { newLineInput } from '../../src/pathway/plans/types';

// ---------------------------------------------------------------- front door and caseloads

export type ReferralSource = 'gp' | 'hospital' | 'community_nurse' | 'self' | 'family_carer' | 'police' | 'other';
export type Urgency = 'routine' | 'urgent' | 'emergency';
export type ReferralStatus = 'received' | 'resolved' | 'accepted' | 'allocated' | 'closed';

export type Referral = z.output<typeof referralSchema>;


/** POST /api/referrals, as the server reads it (its optional fields take their defaults there). */
export type NewReferral = z.input<typeof newReferralInput>;

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

export type CompleteAssessment = z.input<typeof completeInput>;

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

export type NewServiceLine = z.input<typeof newLineInput>;

export type MeasureRow = z.output<typeof measurePersonRowSchema>;
export type MeasureTally = z.output<typeof measureTallySchema>;
type PackageIn28Days = z.output<typeof packageIn28DaysSchema>;
/** The 28-day measure by worker, team or zone: a tally a row. */
export type MeasureByGroup = Omit<PackageIn28Days, 'rows'> & { rows: z.output<typeof measureGroupRowSchema>[] };
/** The 28-day measure by person: an assessment's course to its package a row. */
export type Measure = Omit<PackageIn28Days, 'rows'> & { rows: MeasureRow[] };

// ---------------------------------------------------------------- reviews and MDT

export type Review = z.output<typeof reviewSchema>;
export type CompletedReview = z.output<typeof completedReviewSchema>;
export type TeamReview = z.output<typeof teamReviewSchema>;

export type MdtAction = z.output<typeof mdtActionSchema>;
export type MdtMeetingSummary = z.output<typeof mdtMeetingSummarySchema>;
export type MdtMeeting = z.output<typeof mdtMeetingSchema>;
export type HeldMeeting = z.output<typeof heldMeetingSchema>;
export type DiscussedCase = z.output<typeof discussedCaseSchema>;
