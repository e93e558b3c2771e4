import { randomInt } from 'node:crypto';

/**
 * Snowflake-style ids like Mastodon's: milliseconds since the Unix epoch shifted left
 * 16 bits, plus a 16-bit sequence. They sort by time as strings of equal length and as
 * numbers, and they are decimal strings in the API.
 */
export class SnowflakeGenerator {
  #lastMs = 0;
  #sequence = 0;

  next(at: number = Date.now()): string {
    let ms = Math.max(at, this.#lastMs);
    if (ms === this.#lastMs) {
      this.#sequence += 1;
      if (this.#sequence > 0xffff) {
        ms += 1;
        this.#sequence = 0;
      }
    } else {
      // a random start keeps ids made in the same millisecond by two processes apart
      this.#sequence = randomInt(0, 0x8000);
    }
    this.#lastMs = ms;
    return ((BigInt(ms) << 16n) | BigInt(this.#sequence)).toString();
  }
}

/** The smallest id made at `ms`: lets a time become a max_id/min_id bound. */
export function snowflakeAt(ms: number): string {
  return (BigInt(ms) << 16n).toString();
}

export function snowflakeTime(id: string): Date {
  return new Date(Number(BigInt(id) >> 16n));
}

/** Compares two decimal id strings numerically. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const snowflakes = new SnowflakeGenerator();
