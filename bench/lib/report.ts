import os from 'node:os';

export type Machine = { cpus: number; cpuModel: string; memoryGiB: number; system: string; node: string };

export function machine(): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: (os.cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    system: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** The 1-minute load average: other work on the machine shows in the figures. */
export function loadAverage(): string {
  return os.loadavg()[0]!.toFixed(2);
}

export function describeMachine(m: Machine): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.system}, Node ${m.node}`;
}

export type Align = 'left' | 'right';

/** A plain-text table for the terminal. */
export function textTable(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (v: string, i: number) => (align[i] === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!));
  const line = (r: string[]) => `  ${r.map(cell).join('  ')}`.trimEnd();
  return [line(headers), `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n');
}

/** The same table in Markdown. */
export function markdownTable(headers: string[], rows: string[][], align: Align[]): string {
  const sep = align.map((a) => (a === 'right' ? '---:' : '---'));
  const line = (r: string[]) => `| ${r.map((v) => v.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), `| ${sep.join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

/** A share in % (of one core, of a whole), or a dash when there is none. */
export function percent(v: number): string {
  return Number.isFinite(v) ? `${Math.round(v)} %` : '–';
}
