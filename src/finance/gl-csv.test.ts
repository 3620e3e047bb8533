import { describe, expect, it } from 'vitest';
import { lineKeys, poundsToPence, readGlFile } from './gl-csv.js';

describe('reading a GL file', () => {
  it('turns pounds into pence exactly, refusing more than two decimals, symbols and zero', () => {
    expect(poundsToPence('1234.56')).toEqual({ pence: 123456 });
    expect(poundsToPence('-12.00')).toEqual({ pence: -1200 });
    expect(poundsToPence('0.1')).toEqual({ pence: 10 });
    expect(poundsToPence('7')).toEqual({ pence: 700 });
    // 0.29 * 100 is 28.999999999999996 in floating point; the digits give 29.
    expect(poundsToPence('0.29')).toEqual({ pence: 29 });
    expect(poundsToPence('12.345')).toEqual({ problem: expect.stringMatching(/more than 2 decimal places/) });
    expect(poundsToPence('£5.00')).toEqual({ problem: expect.stringMatching(/no £ sign/) });
    expect(poundsToPence('1,234.00')).toEqual({ problem: expect.stringMatching(/no commas/) });
    expect(poundsToPence('1e3')).toHaveProperty('problem');
    expect(poundsToPence('0.00')).toEqual({ problem: expect.stringMatching(/zero/) });
  });

  it('numbers lines as a spreadsheet does, header first, and keys identical lines apart', () => {
    const file = readGlFile(Buffer.from('transaction_date,cost_centre,subjective,description,amount,reference\n2026-10-01,C1,S1,"two\nlines",1.00,R1\n\n2026-10-01,C1,S1,x,1.00,R1\n2026-10-01,C1,S1,x,1.00,R1\n2026-10-01,C1\n'));
    expect(file.rowsRead).toBe(4);
    expect(file.lines.map((l) => l.lineNo)).toEqual([3, 5, 6]);
    expect(file.rejected).toEqual([{ line: 7, field: 'row', problem: 'has 2 fields, not 6' }]);
    const keys = lineKeys('p', file.lines);
    expect(new Set(keys).size).toBe(3);
    // A later file with the same two identical lines finds the same keys, so neither posts again.
    expect(lineKeys('p', file.lines.slice(1))).toEqual(keys.slice(1));
    expect(lineKeys('q', file.lines)[0]).not.toBe(keys[0]);
  });
});
