import { createMediaStorage } from '@strata/media';
import { runService } from '@strata/runtime';
import { startDelivery } from './index.ts';
import { mediaWork } from './media-worker.ts';

// Distributed mode: reactions and job workers; scale out by running more copies.
await runService('delivery', async ({ config, logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const media = await mediaWork(config, engines, createMediaStorage(config), logger);
  const delivery = await startDelivery({ log, jobs, logger, reactions: media.reactions, processors: media.processors });
  delivery.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'delivery stopped');
    process.exit(1);
  });
  return {
    async stop() {
      media.stop();
      await delivery.stop();
    },
  };
});
