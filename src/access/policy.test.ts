import { describe, expect, it } from 'vitest';
import { sectorsMayShare } from './policy.js';
import { sectorOfProfession } from './roles.js';

const objecting = { id: 'p', objectsToHealthSocialCareSharing: true };
const sharing = { id: 'p', objectsToHealthSocialCareSharing: false };

describe('sharing between health and social care', () => {
  it('lets any sector use any relationship when the person has not objected', () => {
    expect(sectorsMayShare(sharing, 'social_care', 'health')).toBe(true);
  });

  it('keeps health relationships from social care staff when the person objects, and the other way round', () => {
    expect(sectorsMayShare(objecting, 'social_care', 'health')).toBe(false);
    expect(sectorsMayShare(objecting, 'health', 'social_care')).toBe(false);
    expect(sectorsMayShare(objecting, 'health', 'health')).toBe(true);
  });

  it('lets the front door (integrated co-ordinators) work with an objecting person', () => {
    expect(sectorsMayShare(objecting, 'integrated', 'health')).toBe(true);
    expect(sectorsMayShare(objecting, 'social_care', 'integrated')).toBe(true);
  });

  it('places professions on their side of the partnership', () => {
    expect(sectorOfProfession('district_nurse')).toBe('health');
    expect(sectorOfProfession('social_worker')).toBe('social_care');
    expect(sectorOfProfession('health_and_social_care_coordinator')).toBe('integrated');
  });
});
