import { connectEventStoreDb } from '@strata/event-store/eventstoredb';
import { createKafkaPublisher } from '@strata/event-log/kafka';
import { connectMongoReadModels } from '@strata/read-models/mongodb';
import { runService } from '@strata/runtime';
import { readModelCheckpoint } from './checkpoint.ts';
import { startRelay } from './index.ts';

// Distributed mode only: EventStoreDB's $all → Kafka. Run exactly one copy.
await runService('relay', async ({ config, logger }) => {
  const store = connectEventStoreDb({ connectionString: config.engines.eventStoreUrl });
  const publisher = createKafkaPublisher({ brokers: config.engines.kafkaBrokers, topic: config.engines.kafkaTopic, clientId: 'strata-relay' });
  const checkpoints = await connectMongoReadModels({ url: config.engines.mongoUrl, dbName: 'strata_relay' });
  const relay = await startRelay({ store, publisher, checkpoint: readModelCheckpoint(checkpoints), logger });
  relay.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'relay stopped');
    process.exit(1);
  });
  return {
    async stop() {
      await relay.stop();
      await Promise.all([publisher.close(), checkpoints.close(), store.close()]);
    },
  };
});
