import { composeFederation, startFederationQueues } from '@strata/federation';
import { createMediaStorage } from '@strata/media';
import { runService } from '@strata/runtime';
import { activityPubDelivery, combineWork, previewCards, startDelivery } from './index.ts';
import { mediaWork } from './media-worker.ts';

// Distributed mode: reactions, job workers and Fedify's outgoing queues; scale out by running more copies.
await runService('delivery', async ({ config, logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const { deps, federation } = await composeFederation(config, logger, engines);
  const queues = startFederationQueues(federation, deps, ['outbox', 'fanout']);
  const media = await mediaWork(config, engines, createMediaStorage(config), logger);
  const delivery = await startDelivery({ log, jobs, logger, ...combineWork(activityPubDelivery(federation, deps), media, previewCards({ ...deps, logger })) });
  delivery.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'delivery stopped');
    process.exit(1);
  });
  return {
    done: delivery.done,
    async stop() {
      media.stop();
      await delivery.stop();
      await queues.stop();
    },
  };
});
