/**
 * NHS number: ten digits, the last a modulus-11 check digit over the first nine
 * (weights 10..2; 11 → 0; 10 → the number is invalid).
 */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Spaces and dashes as people type them ("943 476 5919") are allowed and removed. */
export function normaliseNhsNumber(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export type NhsNumberProblem = 'not ten digits' | 'check digit does not match';

export function nhsNumberProblem(text: string): NhsNumberProblem | null {
  const n = normaliseNhsNumber(text);
  if (!/^\d{10}$/.test(n)) return 'not ten digits';
  const check = nhsCheckDigit(n.slice(0, 9));
  if (check === null || check !== Number(n[9])) return 'check digit does not match';
  return null;
}

export function isValidNhsNumber(text: string): boolean {
  return nhsNumberProblem(text) === null;
}

/** "9434765919" → "943 476 5919", the way it is printed on NHS letters. */
export function formatNhsNumber(n: string): string {
  return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
}

/** The range reserved for testing: 999 000 000x to 999 999 999x (about 909,000 valid numbers). */
export const TEST_RANGE_FIRST_STEM = 999_000_000;
export const TEST_RANGE_LAST_STEM = 999_999_999;

/**
 * Valid test NHS numbers in order from a stem, for synthetic people. Deterministic, so the same
 * seed gives the same numbers; it ends when the reserved range is used up.
 */
export function* testNhsNumbers(fromStem = TEST_RANGE_FIRST_STEM): Generator<string> {
  for (let stem = fromStem; stem <= TEST_RANGE_LAST_STEM; stem++) {
    const s = String(stem);
    const check = nhsCheckDigit(s);
    if (check !== null) yield s + String(check);
  }
}

/** The first valid test number at or after a stem. */
export function testNhsNumberAt(stem: number): string {
  const next = testNhsNumbers(stem).next();
  if (next.done) throw new Error(`no valid test NHS number at or after ${stem}`);
  return next.value;
}
