import type { StrataConfig } from '@strata/config';
import type { Clock, SnowflakeGenerator } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import type { ReadModelStore } from '@strata/read-models';
import type { EventStore } from '@strata/event-store';
import type { Vault } from '@strata/auth';
import type { PersonalDataVault } from '@strata/personal-data';
import type { MediaStorage } from '@strata/media';
import type { PubSub } from '@strata/pubsub';
import type { RemoteResolver } from '@strata/federation';
import type { JobQueue } from '@strata/job-queue';
import type { RateLimits } from './rate-limits.ts';

/** What the API needs from the outside world, passed in by the composition root. */
export interface ApiDeps {
  config: StrataConfig;
  logger: Logger;
  clock: Clock;
  ids: SnowflakeGenerator;
  readModels(): Promise<ReadModelStore>;
  eventStore(): Promise<EventStore>;
  vault(): Promise<Vault>;
  personalData(): Promise<PersonalDataVault>;
  media: MediaStorage;
  rateLimits: RateLimits;
  pubsub(): Promise<PubSub>;
  /** Finds remote accounts and statuses by handle or URL (search with resolve, lookup, mentions). */
  remote(): Promise<RemoteResolver>;
  /** The job queue: mail, imports and archives run as jobs off the request path. */
  jobs(): Promise<JobQueue>;
}
