import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const performanceDoc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/performance.md');

const begin = (key: string) => `<!-- bench:${key}:begin (written by npm run bench -- … --write-doc; edits inside are replaced) -->`;
const end = (key: string) => `<!-- bench:${key}:end -->`;

/**
 * Replaces the generated block `key` in docs/performance.md with `markdown`. A missing block is
 * added at the end of the section headed `## <section>` (the section is added when missing);
 * everything else in the file stays as written by hand.
 */
export function writeDocBlock(section: string, key: string, markdown: string): void {
  let text = fs.existsSync(performanceDoc) ? fs.readFileSync(performanceDoc, 'utf8') : '# Performance\n';
  const block = `${begin(key)}\n${markdown.trim()}\n${end(key)}`;
  const startAt = text.indexOf(`<!-- bench:${key}:begin`);
  const endAt = text.indexOf(end(key));
  if (startAt >= 0 && endAt > startAt) {
    text = text.slice(0, startAt) + block + text.slice(endAt + end(key).length);
  } else {
    const heading = `\n## ${section}\n`;
    const at = text.indexOf(heading);
    if (at < 0) {
      text = `${text.trimEnd()}\n\n## ${section}\n\n${block}\n`;
    } else {
      const next = text.indexOf('\n## ', at + heading.length);
      const insertAt = next < 0 ? text.length : next;
      text = `${text.slice(0, insertAt).trimEnd()}\n\n${block}\n${text.slice(insertAt)}`;
    }
  }
  fs.mkdirSync(path.dirname(performanceDoc), { recursive: true });
  fs.writeFileSync(performanceDoc, text);
}
