import { describe, expect, it } from 'vitest';
import { newId, uuidPattern } from './ids.js';

describe('identifiers', () => {
  it('are version 7 UUIDs carrying the time they were made, distinct and in order even within one millisecond', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newId());
    const after = Date.now();
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(uuidPattern);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
    // A burst may borrow a few milliseconds ahead when more than 2,048 ids share one.
    expect(ms(ids[ids.length - 1]!)).toBeLessThanOrEqual(after + ids.length / 2048 + 1);
  });
});
