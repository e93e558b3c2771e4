import express from 'express';
import { listen } from '@strata/http';
import { runService, serviceOps } from '@strata/runtime';
import { startLiveProjector } from './index.ts';

// Distributed mode: run as many copies as the log has partitions; they share the group's work
// and follow the read-model version a rebuild switches to.
await runService('projector', async ({ config, logger, engines }) => {
  const [log, readModels, vault, pubsub] = await Promise.all([engines.eventLog(), engines.readModels(), engines.vault(), engines.pubsub()]);
  const consumer = await startLiveProjector({ log, readModels, vault, pubsub, logger, publicUrl: config.publicUrl });
  consumer.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'projector stopped');
    process.exit(1);
  });
  // no API here: the port answers only /metrics and /health/* for Prometheus and the orchestrator
  const http = await listen(express().use(serviceOps('projector', engines, config).router), config.http.port, config.http.host);
  return {
    async stop() {
      await consumer.stop();
      await http.stop();
    },
  };
});
