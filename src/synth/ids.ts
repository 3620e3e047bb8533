import { hash128 } from './random.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Identifiers for generated rows: shaped like UUID v7 (time-ordered, so inserts stay local in
 * the primary-key index) but derived from (seed, kind, key) instead of the clock and a random
 * source, so the same preset, seed and population give the same rows in every database.
 */
export class SynthIds {
  private readonly baseMs: number;

  constructor(
    private readonly seed: number,
    /** The generator's "as of" instant: the time part of every identifier starts there. */
    asOf: Date,
  ) {
    this.baseMs = asOf.getTime();
  }

  /** `order` spreads the time part (people by their index) so ids sort in generation order. */
  id(kind: string, key: string | number, order = 0): string {
    const [h1, h2, h3, h4] = hash128(`${this.seed}|${kind}|${key}`);
    const ms = this.baseMs + order;
    const timeHigh = Math.floor(ms / 0x10000);
    const timeLow = ms % 0x10000;
    const randA = h1 & 0xfff;
    const variant = 0x8000 | (h2 & 0x3fff);
    return (
      `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-7${hex(randA, 3)}-${hex(variant, 4)}-` +
      `${hex(h3 & 0xffff, 4)}${hex(h4, 8)}`
    );
  }
}
