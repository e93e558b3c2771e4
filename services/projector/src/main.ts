import { runService } from '@strata/runtime';
import { startProjector } from './index.ts';

// Distributed mode: run as many copies as the log has partitions; they share the group's work.
await runService('projector', async ({ config, logger, engines }) => {
  const [log, readModels, vault, pubsub] = await Promise.all([engines.eventLog(), engines.readModels(), engines.vault(), engines.pubsub()]);
  const consumer = await startProjector({ log, readModels, vault, pubsub, logger, publicUrl: config.publicUrl });
  consumer.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'projector stopped');
    process.exit(1);
  });
  return consumer;
});
