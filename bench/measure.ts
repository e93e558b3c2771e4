import { makeTempDir } from '@strata/testkit';

/** Events (or operations) per second over a timed run. */
export function perSecond(count: number, startedAt: bigint): { count: number; seconds: number; perSecond: number } {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { count, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(count / seconds) };
}

/** A throw-away data folder for one benchmark. */
export async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const temp = makeTempDir('strata-bench-');
  try {
    return await work(temp.path);
  } finally {
    temp.remove();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
