import { Temporal as Polyfill } from '@js-temporal/polyfill';

/**
 * Fedify's types name the global Temporal (TypeScript's lib) while at run time, on a
 * Node without Temporal, Fedify itself uses this polyfill: the casts live here only.
 */
export function instant(iso: string): Temporal.Instant {
  return Polyfill.Instant.from(iso) as unknown as Temporal.Instant;
}

export function duration(like: { seconds?: number; minutes?: number; hours?: number }): Temporal.Duration {
  return Polyfill.Duration.from(like) as unknown as Temporal.Duration;
}
