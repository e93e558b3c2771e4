import { composeFederation, startFederationQueues } from '@strata/federation';
import { runService } from '@strata/runtime';
import { activityPubDelivery, startDelivery } from './index.ts';

// Distributed mode: reactions, job workers and Fedify's outgoing queues; scale out by running more copies.
await runService('delivery', async ({ config, logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const { deps, federation } = await composeFederation(config, logger, engines);
  const queues = startFederationQueues(federation, deps, ['outbox', 'fanout']);
  const delivery = await startDelivery({ log, jobs, logger, ...activityPubDelivery(federation, deps) });
  delivery.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'delivery stopped');
    process.exit(1);
  });
  return {
    done: delivery.done,
    async stop() {
      await delivery.stop();
      await queues.stop();
    },
  };
});
