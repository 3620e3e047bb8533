import { describe, expect, it } from 'vitest';
import { parseSearch } from './search.js';
import { foldName, searchNameOf } from './search-name.js';

describe('what the search box understands', () => {
  it('reads an NHS number typed with spaces', () => {
    expect(parseSearch('943 476 5919')).toEqual({ nhsNumber: '9434765919', fragments: [], birthDate: null });
  });

  it('reads name fragments and a date of birth in either order and format', () => {
    expect(parseSearch('smi 12/03/1941 ma')).toEqual({ nhsNumber: null, fragments: ['smi', 'ma'], birthDate: '1941-03-12' });
    expect(parseSearch('1941-03-12')).toEqual({ nhsNumber: null, fragments: [], birthDate: '1941-03-12' });
  });

  it('folds accents and case so Zoë is found by zoe', () => {
    expect(foldName('Zoë  O’Brien-SMITH')).toBe('zoe obrien-smith');
    expect(searchNameOf({ givenName: 'Zoë', familyName: 'Smith', preferredName: 'Zo' })).toBe('zoe smith zo');
  });
});
