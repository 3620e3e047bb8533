import type { relationships } from '../access/schema.js';
import type { Random } from './random.js';
import { addDays, instantOn } from './dates.js';

type NewRelationship = typeof relationships.$inferInsert;
type PersonRef = { placeId: string; id: string };

/**
 * Legitimate relationships for a generated person on a zone team's caseload: health (district
 * nursing, therapy), social care, or both. Most people get none, so that opening their record
 * needs break-glass.
 */
export function caseloadsFor(rng: Random, p: PersonRef, teamId: string, asOf: string, nextId: () => string): NewRelationship[] {
  const r = rng.next();
  const sectors: ('health' | 'social_care')[] = r < 0.45 ? ['health'] : r < 0.85 ? ['social_care'] : ['health', 'social_care'];
  const since = addDays(asOf, -rng.int(1, 730));
  return sectors.map((sector) => ({
    placeId: p.placeId,
    id: nextId(),
    personId: p.id,
    kind: 'caseload',
    teamId,
    userId: null,
    sector,
    reason: sector === 'health' ? 'Allocated to the zone team (community health)' : 'Allocated to the zone team (adult social care)',
    validFrom: instantOn(since, 9, 30),
    validTo: null,
  }));
}

/**
 * Mrs Smith: a referral is open at the front door (triage, held by the single point of entry
 * so the co-ordinator can open her record) and zone 1's team has her on its caseload for both
 * her health and her social care.
 */
export function mrsSmithRelationships(
  p: PersonRef,
  zoneTeamId: string | null,
  triageTeamId: string | null,
  asOf: string,
  nextId: () => string,
): NewRelationship[] {
  const out: NewRelationship[] = [];
  if (triageTeamId) {
    out.push({
      placeId: p.placeId,
      id: nextId(),
      personId: p.id,
      kind: 'triage',
      teamId: triageTeamId,
      userId: null,
      sector: 'integrated',
      reason: 'Referral from her GP: two falls at home this month, struggling with medicines and meals, daughter worried',
      validFrom: instantOn(addDays(asOf, -1), 10, 15),
      validTo: null,
    });
  }
  if (zoneTeamId) {
    for (const sector of ['health', 'social_care'] as const) {
      out.push({
        placeId: p.placeId,
        id: nextId(),
        personId: p.id,
        kind: 'caseload',
        teamId: zoneTeamId,
        userId: null,
        sector,
        reason: sector === 'health' ? 'Heart failure and diabetes: district nursing and community matron' : "Care and support plan: home care, and a carer's assessment for her daughter",
        validFrom: instantOn(addDays(asOf, -400), 9, 30),
        validTo: null,
      });
    }
  }
  return out;
}
