/**
 * A remittance advice as a PDF, written here rather than through a library: a few pages of text
 * lines in the standard Helvetica font (no font files, no dependency), A4 portrait. Text is
 * WinAnsi-encoded, so £ and accented letters print; anything outside it prints as "?".
 */
export type PdfLine = { text: string; bold?: boolean; size?: number; gapBefore?: number };

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 50;

function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const byte = c === 0x2019 ? 0x92 : c === 0x2013 ? 0x96 : c === 0x2014 ? 0x97 : c === 0x2212 ? 0x2d : c < 0x20 ? 0x20 : c <= 0xff ? c : 0x3f;
    const s = String.fromCharCode(byte);
    out += s === '(' || s === ')' || s === '\\' ? `\\${s}` : s;
  }
  return out;
}

/** The lines laid out top to bottom, onto as many pages as they need, each page numbered. */
export function pdfOfLines(title: string, lines: PdfLine[]): Buffer {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  const flush = () => {
    ops.push(`BT /F1 8 Tf ${MARGIN} 30 Td (${winAnsi(`${title} - page ${pages.length + 1}`)}) Tj ET`);
    pages.push(ops.join('\n'));
    ops = [];
    y = PAGE_H - MARGIN;
  };
  for (const l of lines) {
    const size = l.size ?? 10;
    const step = size + 4 + (l.gapBefore ?? 0);
    if (y - step < MARGIN) flush();
    y -= step;
    ops.push(`BT /${l.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN} ${y} Td (${winAnsi(l.text)}) Tj ET`);
  }
  flush();
  const objects: string[] = [];
  const fontObj = (name: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
  // 1 catalog, 2 pages, 3 and 4 fonts, then each page and its content stream.
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push(fontObj('Helvetica'));
  objects.push(fontObj('Helvetica-Bold'));
  for (const [i, content] of pages.entries()) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${6 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  }
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Title (${winAnsi(title)}) /Producer (Caretrust) >> >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
