import { describe, expect, it } from 'vitest';
import { pdfOfLines } from './remittance-pdf.js';
import { maskedAccount } from './remittances.js';

describe('a remittance PDF', () => {
  it('is a PDF whose cross-reference table points at each object, with £ printable and brackets escaped', () => {
    const pdf = pdfOfLines('Remittance RA-1', [{ text: 'Total paid: £245.40 (two lines)', bold: true }, ...Array.from({ length: 120 }, (_, i) => ({ text: `INV-${i} / 1` }))]);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain('Total paid: \xa3245.40 \\(two lines\\)');
    expect(text).toContain('/Count 3');
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
  it('shows only the last four digits of an account', () => {
    expect(maskedAccount('41234567')).toBe('****4567');
    expect(maskedAccount(null)).toBeNull();
  });
});
