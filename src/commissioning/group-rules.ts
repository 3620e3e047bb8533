/** What a commissioning group's budget lines, members and decisions must satisfy (no I/O). */
import { parseBudgetLineCode } from '../finance/budget-lines.js';
import type { ErrorDetail } from '../platform/errors.js';

/** Each code must be a budget line (BL/<area>/<group>/<zone|ALL>) of one of the group's client groups, named once. */
export function budgetLineProblems(codes: readonly string[], clientGroups: readonly string[], field = 'budgetLineCodes'): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const key = parseBudgetLineCode(code);
    if (!key) out.push({ field: `${field}.${i}`, problem: `"${code}" is not a budget line code: write BL/<service area>/<client group>/<zone code or ALL>, e.g. BL/home_care/older_people/ALL` });
    else if (!clientGroups.includes(key.clientGroup)) out.push({ field: `${field}.${i}`, problem: `"${code}" is a budget line of ${key.clientGroup}, not of the group's client groups (${clientGroups.join(', ')})` });
    if (seen.has(code)) out.push({ field: `${field}.${i}`, problem: `"${code}" is named twice` });
    seen.add(code);
  });
  return out;
}

export function periodProblems(from: string, to: string | null, fromField: string, toField: string): ErrorDetail[] {
  return to !== null && to < from ? [{ field: toField, problem: `must not be before ${fromField} (${from})` }] : [];
}

/**
 * A held line's figure: its own account, and for a line of all zones (…/ALL) the zone lines of the
 * same service area and client group too, since packages post by the person's zone.
 */
export function accountsOfHeldLine(held: string, accountCodes: readonly string[]): string[] {
  if (!held.endsWith('/ALL')) return accountCodes.filter((c) => c === held);
  const stem = held.slice(0, -'ALL'.length);
  return accountCodes.filter((c) => c.startsWith(stem));
}
