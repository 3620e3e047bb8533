/**
 * A budget line of the pool is a service area × client group × zone (or "all zones"). Its ledger
 * account code is made here and only here, so the ledger, the commitments from packages, the GL
 * mapping and the forecast all name the same line the same way: `BL/<area>/<group>/<zone|ALL>`.
 */
import type { ClientGroup } from '../partnership/functions.js';

/** The service areas a pool budgets for: social care services by kind, and the NHS side's. */
export const serviceAreas = [
  'home_care',
  'reablement',
  'residential_care',
  'nursing_care',
  'day_support',
  'direct_payments',
  'supported_living',
  'equipment',
  'carer_support',
  'other_community_support',
  'community_health',
  'mental_health_services',
  'assessment_and_care_management',
  'public_health',
] as const;
export type ServiceArea = (typeof serviceAreas)[number];

export const serviceAreaLabels: Record<ServiceArea, string> = {
  home_care: 'Home care',
  reablement: 'Reablement',
  residential_care: 'Residential care',
  nursing_care: 'Nursing care',
  day_support: 'Day support',
  direct_payments: 'Direct payments',
  supported_living: 'Supported living and Shared Lives',
  equipment: 'Equipment and adaptations',
  carer_support: 'Support for carers',
  other_community_support: 'Other community support',
  community_health: 'Community health services',
  mental_health_services: 'Mental health services',
  assessment_and_care_management: 'Assessment and care management',
  public_health: 'Public health',
};

/** Which service area pays for a care package's service line, from its CLD service component. */
export function serviceAreaOfComponent(component: string): ServiceArea {
  switch (component) {
    case 'Home support or domiciliary care':
    case 'Meals':
      return 'home_care';
    case 'Reablement':
      return 'reablement';
    case 'Short term residential care':
    case 'Long term residential care':
    case 'Extra care housing':
      return 'residential_care';
    case 'Short term nursing care':
    case 'Long term nursing care':
    case 'End of life care':
      return 'nursing_care';
    case 'Day support':
    case 'Learning, education or employment support':
    case 'Transport':
      return 'day_support';
    case 'Direct payment':
      return 'direct_payments';
    case 'Shared Lives':
    case 'Community supported living':
      return 'supported_living';
    case 'Equipment':
      return 'equipment';
    case 'Unpaid carer respite':
    case 'Unpaid carer sitting service':
    case 'Unpaid carer universal services':
    case 'Other unpaid carer support':
      return 'carer_support';
    case 'Professional support: Social worker':
      return 'assessment_and_care_management';
    default:
      return 'other_community_support';
  }
}

export type BudgetLineKey = { serviceArea: ServiceArea; clientGroup: ClientGroup; zoneCode: string | null };

/** The ledger account code of a budget line; zoneCode null is the line for all zones. */
export function budgetLineCode(k: BudgetLineKey): string {
  return `BL/${k.serviceArea}/${k.clientGroup}/${k.zoneCode ?? 'ALL'}`;
}

/** The key back from a code made by budgetLineCode; null for any other account code. */
export function parseBudgetLineCode(code: string): BudgetLineKey | null {
  const m = /^BL\/([a-z_]+)\/([a-z_]+)\/(.+)$/.exec(code);
  if (!m || !(serviceAreas as readonly string[]).includes(m[1]!)) return null;
  return { serviceArea: m[1] as ServiceArea, clientGroup: m[2] as ClientGroup, zoneCode: m[3] === 'ALL' ? null : m[3]! };
}
