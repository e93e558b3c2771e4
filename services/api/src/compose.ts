import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { StrataConfig } from '@strata/config';
import { openVault } from '@strata/auth';
import { snowflakes, systemClock, type Clock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { createMediaStorage } from '@strata/media';
import { PersonalDataVault } from '@strata/personal-data';
import type { Engines } from '@strata/runtime';
import { federationOver, remoteResolver } from '@strata/federation';
import type { ApiDeps } from './http/deps.ts';
import { memoryRateLimits, redisRateLimits } from './http/rate-limits.ts';

function newRedis(url: string): IORedis.Redis {
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof IORedis;
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
}

/** Builds the API's dependencies from the engines: the composition shared by main.ts and the embedded gateway. */
export function composeApi(config: StrataConfig, logger: Logger, engines: Engines, clock: Clock = systemClock): ApiDeps & { close(): Promise<void> } {
  const once = <T>(make: () => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => (value ??= make());
  };
  // the Redis client is loaded only where Redis is configured (an embedded start never needs it)
  const redis = config.adapters.pubsub === 'redis' ? newRedis(config.engines.redisUrl) : undefined;
  const deps: ApiDeps & { close(): Promise<void> } = {
    config,
    logger,
    clock,
    ids: snowflakes,
    readModels: engines.readModels,
    eventStore: engines.eventStore,
    vault: once(async () => openVault(await engines.vault())),
    personalData: once(async () => new PersonalDataVault(await engines.vault())),
    media: createMediaStorage(config),
    rateLimits: redis ? redisRateLimits(redis, `strata:${config.domain}:`, config.rateLimits) : memoryRateLimits(config.rateLimits),
    pubsub: engines.pubsub,
    // fetches only (resolving accounts and statuses): this Fedify instance never runs queues
    remote: once(async () => remoteResolver(await federationOver(deps, engines), deps)),
    jobs: engines.jobQueue,
    async close() {
      await redis?.quit();
    },
  };
  return deps;
}
