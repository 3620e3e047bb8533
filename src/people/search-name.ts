/**
 * The text that name search runs over: every name a person goes by, lower-cased, accents
 * folded, so "Zoë" is found by "zoe". Kept in person.search_name and indexed with trigrams.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // O'Brien, O’Brien and OBrien are all found by "obrien".
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9 -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchNameOf(p: { givenName: string; familyName: string; otherNames?: string; preferredName?: string }): string {
  return foldName([p.givenName, p.familyName, p.otherNames ?? '', p.preferredName ?? ''].join(' '));
}
