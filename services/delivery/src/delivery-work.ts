import type { StrataConfig } from '@strata/config';
import type { FederationDeps, StrataFederation } from '@strata/federation';
import type { JobQueue } from '@strata/job-queue';
import { type Clock, systemClock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import type { MediaStorage } from '@strata/media';
import type { RemoteLookup } from '@strata/portability';
import type { Engines } from '@strata/runtime';
import { activityPubDelivery } from './activitypub/index.ts';
import { type DeliveryDeps, combineWork } from './index.ts';
import { importWork } from './import-worker.ts';
import { mailWork } from './mail-worker.ts';
import { mediaWork } from './media-worker.ts';
import { previewCards } from './preview-cards/preview-card.work.ts';
import { profileLinks } from './profile-links/profile-link.work.ts';
import { webPushDelivery } from './push/index.ts';
import { pollExpiryWork } from './timers/poll-expiry.ts';
import { scheduledPublishWork } from './timers/scheduled-publish.ts';

export interface DeliveryWorkInput {
  config: StrataConfig;
  engines: Engines;
  federation: StrataFederation;
  deps: FederationDeps;
  storage: MediaStorage;
  jobs: JobQueue;
  logger: Logger;
  /** How imports resolve accounts and statuses of other servers (the federation's remote resolver). */
  remote: RemoteLookup;
  clock?: Clock;
}

/**
 * Every reaction and job processor of the delivery service, assembled once for the two
 * places that run it: the delivery process and the embedded process.
 */
export async function deliveryWork(input: DeliveryWorkInput): Promise<Pick<DeliveryDeps, 'reactions' | 'processors'> & { stopTimers(): void; close(): void }> {
  const { config, engines, federation, deps, storage, jobs, logger, remote, clock = systemClock } = input;
  const media = await mediaWork(config, engines, storage, logger, clock);
  const mail = await mailWork(config, engines, logger, clock);
  const imports = await importWork(config, engines, storage, logger, remote, clock);
  const work = combineWork(
    activityPubDelivery(federation, deps),
    media,
    mail,
    imports,
    pollExpiryWork(deps, jobs),
    scheduledPublishWork(deps, jobs),
    webPushDelivery(deps, jobs),
    previewCards({ ...deps, logger }),
    profileLinks({ ...deps, logger }),
  );
  return {
    ...work,
    /** Before delivery stops: no new timed work. */
    stopTimers: () => media.stop(),
    /** After delivery stops: the mail transport, once no job is sending. */
    close: () => mail.stop(),
  };
}
