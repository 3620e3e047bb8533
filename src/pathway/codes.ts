import { z } from 'zod';
import cld from './cld-codes.json' with { type: 'json' };

/**
 * Adult Social Care Client Level Data code lists, as data (a copy of the shared reference file),
 * so referrals, assessments and packages are recorded in the codes the social care return needs.
 */
const codes = cld.codes as Record<string, string[]>;

function list(name: string): readonly [string, ...string[]] {
  const found = codes[name];
  if (!found || found.length === 0) throw new Error(`CLD code list ${name} is missing`);
  return found as [string, ...string[]];
}

export const routesOfAccess = list('Request_Route_of_Access (Release 1 wording; check Release 2)');
export const eventOutcomes = list('Event_Outcome (in priority order)');
export const serviceTypes = list('Service_Type');
export const serviceComponents = list('Service_Component');
export const deliveryMechanisms = list('Delivery_Mechanism');
export const assessmentTypes = list('Assessment_Type');
export const primarySupportReasons = list('Primary_Support_Reason');

/** Outcomes a co-ordinator can resolve a referral with at the front door: no further action of each kind, or simple equipment ordered straight away (support planning or services). */
export const frontDoorOutcomes = eventOutcomes.filter((o) => o.startsWith('NFA:') || o === 'Progress to support planning or services') as unknown as readonly [string, ...string[]];

const oneOf = (values: readonly [string, ...string[]], what: string) =>
  z.enum(values as [string, ...string[]], { message: `must be one of the CLD ${what}: ${values.join('; ')}` });

export const routeOfAccessCode = oneOf(routesOfAccess, 'routes of access');
export const eventOutcomeCode = oneOf(eventOutcomes, 'event outcomes');
export const frontDoorOutcomeCode = oneOf(frontDoorOutcomes, 'front-door (no further action) outcomes');
export const serviceTypeCode = oneOf(serviceTypes, 'service types');
export const serviceComponentCode = oneOf(serviceComponents, 'service components');
export const deliveryMechanismCode = oneOf(deliveryMechanisms, 'delivery mechanisms');
export const assessmentTypeCode = oneOf(assessmentTypes, 'assessment types');
export const costFrequencyUnitTypes = list('Cost_Frequency_Unit_Type');

/**
 * An outcome as a person reads it: "NFA: Information and advice or signposting" is "No further
 * action: information and advice or signposting"; at the front door, progress to support planning
 * is simple equipment or services ordered there and then.
 */
export function eventOutcomeLabel(code: string): string {
  if (code.startsWith('NFA: ')) {
    const rest = code.slice(5);
    return `No further action: ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
  }
  return code;
}

export function frontDoorOutcomeLabel(code: string): string {
  if (code === 'Progress to support planning or services') return 'Simple equipment or services ordered now (progress to support planning or services)';
  return eventOutcomeLabel(code);
}
