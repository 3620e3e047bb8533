/**
 * What staff are called by profession. A staff member's profession is stored as a code (a preset
 * may bring its own); these are the words people read for the ones the presets use, so that every
 * page says "District nurse", not "district_nurse", and says it the same way.
 */
export const professionLabels: Record<string, string> = {
  health_social_care_coordinator: 'Health and social care co-ordinator',
  zone_manager: 'Zone manager',
  team_manager: 'Team manager',
  service_manager: 'Service manager',
  senior_practitioner: 'Senior practitioner',
  social_worker: 'Social worker',
  approved_social_worker: 'Approved social worker',
  community_care_worker: 'Community care worker',
  mental_health_worker: 'Mental health worker',
  occupational_therapist_social_care: 'Occupational therapist (social care)',
  district_nurse: 'District nurse',
  nurse: 'Nurse',
  community_matron: 'Community matron',
  community_psychiatric_nurse: 'Community psychiatric nurse',
  health_visitor: 'Health visitor',
  school_nurse: 'School nurse',
  physiotherapist: 'Physiotherapist',
  occupational_therapist: 'Occupational therapist',
  discharge_lead: 'Discharge lead',
  home_care_manager: 'Home care manager',
  home_care_worker: 'Home care worker',
  public_health_consultant: 'Public health consultant',
  public_health_practitioner: 'Public health practitioner',
  health_improvement_worker: 'Health improvement worker',
};

export const professions = Object.keys(professionLabels);

/** A profession's words; a code no preset has named yet reads as its words ("art_therapist" → "Art therapist"). */
export function professionLabel(code: string): string {
  const known = professionLabels[code];
  if (known) return known;
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
