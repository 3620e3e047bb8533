import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber, nhsCheckDigit, nhsNumberProblem, testNhsNumberAt, testNhsNumbers } from './nhs-number.js';

describe('NHS number', () => {
  it('accepts the worked example from the NHS specification, with or without spaces', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
  });

  it('refuses a wrong check digit and says why', () => {
    expect(nhsNumberProblem('9434765918')).toBe('check digit does not match');
  });

  it('refuses anything that is not ten digits', () => {
    expect(nhsNumberProblem('943476591')).toBe('not ten digits');
    expect(nhsNumberProblem('94347659199')).toBe('not ten digits');
    expect(nhsNumberProblem('94347659a9')).toBe('not ten digits');
  });

  it('refuses a number whose check digit would be 10', () => {
    // Find a stem whose remainder makes the check 10: such numbers do not exist.
    let stem = 999_000_000;
    while (nhsCheckDigit(String(stem)) !== null) stem++;
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`${stem}${d}`)).toBe(false);
  });

  it('generates only valid numbers in the 999 range reserved for testing, never twice', () => {
    const numbers: string[] = [];
    const gen = testNhsNumbers();
    for (let i = 0; i < 5000; i++) numbers.push(gen.next().value as string);
    expect(new Set(numbers).size).toBe(5000);
    for (const n of numbers) {
      expect(n.startsWith('999')).toBe(true);
      expect(isValidNhsNumber(n)).toBe(true);
    }
    expect(isValidNhsNumber(testNhsNumberAt(999_950_000))).toBe(true);
  });

  it('prints as 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
