/**
 * The text of a PDF that Chromium (Skia) prints, for a journey to read back what it printed: each
 * page's content stream, its hex-coded glyph strings mapped through the ToUnicode table of the
 * font in use. Enough for Skia's output (Type0 fonts, Identity-H, Flate streams), not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

type PdfObject = { dict: string; stream: Buffer | null };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = at + (body[at + 6] === '\r' ? 8 : 7);
    const length = Number(/\/Length (\d+)(?! 0 R)/.exec(dict)?.[1] ?? body.lastIndexOf('endstream') - start);
    const raw = Buffer.from(body.slice(start, start + length), 'latin1');
    out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return out;
}

const hexText = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** Glyph code (hex) → text, from a ToUnicode CMap. */
function cmapOf(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toUpperCase(), hexText(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const [from, to, base] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
      for (let c = from; c <= to; c += 1) map.set(c.toString(16).toUpperCase().padStart(m[1]!.length, '0'), String.fromCodePoint(base + c - from));
    }
  }
  return map;
}

export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const cmaps = new Map<number, Map<string, string>>();
  const fontCmap = (id: number) => {
    if (!cmaps.has(id)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
      cmaps.set(id, cmapOf(ref ? (objects.get(Number(ref))?.stream?.toString('latin1') ?? '') : ''));
    }
    return cmaps.get(id)!;
  };
  const pages: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const fonts = new Map([.../\/Font <<([^>]*)>>/.exec(page.dict)?.[1]?.matchAll(/\/(\S+) (\d+) 0 R/g) ?? []].map((m) => [m[1]!, Number(m[2])]));
    const contents = [...(/\/Contents (?:\[([^\]]*)\]|(\d+ 0 R))/.exec(page.dict)?.slice(1).join(' ') ?? '').matchAll(/(\d+) 0 R/g)].map((m) => objects.get(Number(m[1]))?.stream?.toString('latin1') ?? '');
    let map = new Map<string, string>();
    let out = '';
    for (const m of contents.join('\n').matchAll(/\/(\S+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(T\*|Td|TD|Tm|ET)\b/g)) {
      if (m[1]) map = fontCmap(fonts.get(m[1]) ?? -1);
      else if (m[2] !== undefined || m[3] !== undefined) {
        for (const h of (m[2] ?? `<${m[3]}>`).matchAll(/<([0-9a-fA-F]*)>/g)) out += (h[1]!.toUpperCase().match(/.{4}/g) ?? []).map((g) => map.get(g) ?? '').join('');
      } else out += ' ';
    }
    pages.push(out);
  }
  return pages.join('\n');
}
