/** Latency summary of one measured series, in milliseconds. */
export type Summary = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentiles: p95 is a latency that 95 % of the requests did not exceed. */
export function summarise(latenciesMs: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: n, mean: sum / n, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[n - 1]! };
}

/** Runs `fn` once per input, one at a time, and times each call. */
export async function timeEach<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>): Promise<Float64Array> {
  const out = new Float64Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const started = performance.now();
    await fn(inputs[i]!);
    out[i] = performance.now() - started;
  }
  return out;
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
