import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { RateLimitSettings } from '@strata/config';
import { RateLimitedError } from '@strata/kernel';
import { uniqueName } from '@strata/testkit';
import { type RateLimits, memoryRateLimits, redisRateLimits, spend } from './rate-limits.ts';

const settings: RateLimitSettings = { periodSeconds: 60, perAccount: 3, perAddress: 5, signInsPerAddress: 2, signInsPerAccount: 2, signUpsPerAddress: 1 };
const url = process.env['STRATA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Spends until refused; the number of requests let through. */
async function allowed(limits: RateLimits[], key: string, tries: number) {
  let passed = 0;
  for (let i = 0; i < tries; i++) {
    try {
      await spend(limits[i % limits.length]!.perAccount, key);
      passed++;
    } catch (error) {
      expect(error).toBeInstanceOf(RateLimitedError);
    }
  }
  return passed;
}

describe('rate limits', () => {
  it('in memory: each key has its own points, from the settings', async () => {
    const limits = memoryRateLimits(settings);
    expect(await allowed([limits], 'account:1', 5)).toBe(3);
    expect(await allowed([limits], 'account:2', 1)).toBe(1);
    expect(limits.perAddress.points).toBe(5);
    expect(limits.signInsPerAccount.points).toBe(2);
  });

  describe('in Redis', () => {
    const connections = [new Redis(url, { lazyConnect: true }), new Redis(url, { lazyConnect: true })];
    afterAll(async () => void (await Promise.all(connections.map((c) => c.quit()))));

    it('are shared by every API process of one instance, and kept apart from another instance', async () => {
      await Promise.all(connections.map((c) => c.connect()));
      const prefix = `${uniqueName('strata-test')}:`;
      const processes = connections.map((redis) => redisRateLimits(redis, prefix, settings));
      expect(await allowed(processes, 'account:1', 6)).toBe(3);
      const otherInstance = redisRateLimits(connections[0], `${uniqueName('strata-test')}:`, settings);
      expect(await allowed([otherInstance], 'account:1', 1)).toBe(1);
    });
  });
});
