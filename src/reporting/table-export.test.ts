import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { poundsOf, tableToCsv, type ExportTable } from './table-export.js';

const table: ExportTable = {
  columns: [
    { header: 'Provider', kind: 'text' },
    { header: 'Started', kind: 'date' },
    { header: 'Weekly cost', kind: 'pence' },
    { header: 'Hours', kind: 'integer' },
  ],
  rows: [
    ['Bay Home Care, "South"', '2025-04-01', 123456, 14],
    ['=HYPERLINK("http://example.invalid")', '2025-05-02', -505n, -3],
    ['@SUM(A1)', null, 7, 0],
    ['+44 line\nbreak', '2025-06-03', '99', null],
    ['\tTabbed', '2025-06-04', 0, 1],
  ],
};

describe('a table as CSV', () => {
  const rows = parse(tableToCsv(table)) as string[][];

  it('reads back with the header and every row, commas, quotes and line breaks kept', () => {
    expect(rows[0]).toEqual(['Provider', 'Started', 'Weekly cost', 'Hours']);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual(['Bay Home Care, "South"', '2025-04-01', '1234.56', '14']);
    expect(rows[4]![0]).toBe("'+44 line\nbreak");
  });

  it('makes cells a spreadsheet would run as formulas into text, but not our own negative numbers', () => {
    expect(rows[2]).toEqual([`'=HYPERLINK("http://example.invalid")`, '2025-05-02', '-5.05', '-3']);
    expect(rows[3]).toEqual(["'@SUM(A1)", '', '0.07', '0']);
    expect(rows[5]![0]).toBe("'\tTabbed");
  });

  it('writes pence as pounds without floating point', () => {
    expect(poundsOf(9007199254740993n)).toBe('90071992547409.93');
    expect(poundsOf(-1)).toBe('-0.01');
  });
});
