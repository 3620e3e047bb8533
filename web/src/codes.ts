/**
 * The Adult Social Care Client Level Data code lists, read from the same file the server
 * validates against (src/pathway/cld-codes.json), so a select never offers a code the server
 * refuses. The server has no endpoint for the lists yet.
 */
import cld from '../../src/pathway/cld-codes.json';

const codes = cld.codes as Record<string, string[]>;
const list = (name: string): readonly string[] => codes[name] ?? [];

export const routesOfAccess = list('Request_Route_of_Access (Release 1 wording; check Release 2)');
export const eventOutcomes = list('Event_Outcome (in priority order)');
export const serviceTypes = list('Service_Type');
export const serviceComponents = list('Service_Component');
export const deliveryMechanisms = list('Delivery_Mechanism');
export const costFrequencyUnitTypes = list('Cost_Frequency_Unit_Type');

/** What a co-ordinator may resolve a referral with at the front door (as the server's codes.ts). */
export const frontDoorOutcomes = eventOutcomes.filter(
  (o) => o.startsWith('NFA:') || o === 'Progress to support planning or services',
);

/** "NFA: Information and advice or signposting" reads as "No further action: information …". */
export function outcomeLabel(code: string): string {
  if (code.startsWith('NFA: ')) {
    const rest = code.slice(5);
    return `No further action: ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
  }
  if (code === 'Progress to support planning or services') return 'Simple equipment or services ordered now (progress to support planning or services)';
  return code;
}
