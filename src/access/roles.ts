/** The roles a user can hold. Each demo place has one account per role: <role>@<preset>.demo */
export const roles = [
  'coordinator',
  'social_worker',
  'nurse',
  'therapist',
  'team_manager',
  'finance_officer',
  'pooled_fund_manager',
  'commissioner',
  'board_member',
  'auditor',
  'administrator',
  'integration',
  'provider_staff',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  coordinator: 'Health and social care co-ordinator',
  social_worker: 'Social worker',
  nurse: 'District nurse',
  therapist: 'Therapist',
  team_manager: 'Team manager',
  finance_officer: 'Finance officer',
  pooled_fund_manager: 'Pooled fund manager',
  commissioner: 'Commissioner',
  board_member: 'Board member',
  auditor: 'Auditor',
  administrator: 'Administrator',
  integration: 'Partner system (integration account)',
  provider_staff: 'Provider staff (provider portal)',
};

/** Roles that work with people's care and may open a record through a relationship or break-glass. */
export const practitionerRoles: readonly Role[] = ['coordinator', 'social_worker', 'nurse', 'therapist', 'team_manager'];

/** Roles that see money, contracts and measures but no clinical or care detail about a person. */
export const nonClinicalRoles: readonly Role[] = ['finance_officer', 'pooled_fund_manager', 'commissioner', 'board_member', 'administrator', 'integration'];

/** Roles that may send referrals (and, later, hospital events) into the front door. */
export const referrerRoles: readonly Role[] = ['coordinator', 'social_worker', 'nurse', 'therapist', 'team_manager', 'integration'];

/** Who reviews break-glass access and reads the audit log. */
export const reviewerRoles: readonly Role[] = ['team_manager', 'auditor'];
export const auditReaderRoles: readonly Role[] = ['auditor'];

export function isPractitioner(role: string): boolean {
  return (practitionerRoles as readonly string[]).includes(role);
}

export type Sector = 'health' | 'social_care' | 'integrated';

/** Which side of the partnership a profession's information belongs to. */
export function sectorOfProfession(profession: string | null | undefined): Sector {
  switch (profession) {
    case 'social_worker':
    case 'approved_social_worker':
    case 'community_care_worker':
    case 'mental_health_worker':
    case 'occupational_therapist_social_care':
      return 'social_care';
    case 'district_nurse':
    case 'nurse':
    case 'community_matron':
    case 'physiotherapist':
    case 'occupational_therapist':
    case 'community_psychiatric_nurse':
      return 'health';
    default:
      // Co-ordinators at the single point of entry and team managers work across both.
      return 'integrated';
  }
}
