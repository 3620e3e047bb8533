import { randomFillSync } from 'node:crypto';

/**
 * Identifiers are time-ordered UUIDs (v7, RFC 9562) made by the server: 48 bits of Unix time in
 * milliseconds, then a 12-bit counter that orders the identifiers of one millisecond (method 1 of
 * the RFC; it starts at a random value below 2048 each millisecond), then 62 random bits. Random
 * bytes are drawn from the operating system a few kilobytes at a time: a feed makes hundreds of
 * thousands of identifiers, and one call to the random source each cost more than the rest.
 */
const pool = Buffer.alloc(8192);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function randomByte(): number {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]!;
}

export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = ((randomByte() << 8) | randomByte()) & 0x7ff;
  } else {
    // The same millisecond (or the clock stepped back): count on, into the next millisecond if need be.
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  }
  const high = Math.floor(ms / 0x1000000);
  const low = ms % 0x1000000;
  return (
    hex[(high >>> 16) & 0xff]! +
    hex[(high >>> 8) & 0xff]! +
    hex[high & 0xff]! +
    hex[(low >>> 16) & 0xff]! +
    '-' +
    hex[(low >>> 8) & 0xff]! +
    hex[low & 0xff]! +
    '-' +
    hex[0x70 | (counter >>> 8)]! +
    hex[counter & 0xff]! +
    '-' +
    hex[0x80 | (randomByte() & 0x3f)]! +
    hex[randomByte()]! +
    '-' +
    hex[randomByte()]! +
    hex[randomByte()]! +
    hex[randomByte()]! +
    hex[randomByte()]! +
    hex[randomByte()]! +
    hex[randomByte()]!
  );
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
