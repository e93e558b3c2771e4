import { runService } from '@strata/runtime';
import { startDelivery } from './index.ts';

// Distributed mode: reactions and job workers; scale out by running more copies.
await runService('delivery', async ({ logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const delivery = await startDelivery({ log, jobs, logger, reactions: {}, processors: {} });
  delivery.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'delivery stopped');
    process.exit(1);
  });
  return delivery;
});
