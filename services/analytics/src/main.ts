import { join } from 'node:path';
import { openSqliteReadModels } from '@strata/read-models';
import { connectMongoReadModels } from '@strata/read-models/mongodb';
import { runService } from '@strata/runtime';
import { startAnalytics } from './index.ts';

// An example reader of the public event stream: one copy per consumer group is enough.
await runService('analytics', async ({ config, logger, engines }) => {
  const log = await engines.eventLog();
  const store =
    config.adapters.readModels === 'sqlite'
      ? openSqliteReadModels({ path: join(config.dataDir, 'analytics.db') })
      : await connectMongoReadModels({ url: config.engines.mongoUrl, dbName: 'strata_analytics' });
  const analytics = await startAnalytics({ log, store, logger, http: config.http });
  analytics.consumer.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'analytics consumer stopped');
    process.exit(1);
  });
  return {
    async stop() {
      await analytics.stop();
      await store.close();
    },
  };
});
