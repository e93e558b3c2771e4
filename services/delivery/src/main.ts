import { composeFederation, remoteResolver, startFederationQueues } from '@strata/federation';
import { createMediaStorage } from '@strata/media';
import express from 'express';
import { listen } from '@strata/http';
import { runService, serviceOps } from '@strata/runtime';
import { deliveryWork, startDelivery } from './index.ts';

// Distributed mode: reactions, job workers and Fedify's outgoing queues; scale out by running more copies.
await runService('delivery', async ({ config, logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const { deps, federation } = await composeFederation(config, logger, engines);
  const queues = startFederationQueues(federation, deps, ['outbox', 'fanout']);
  const work = await deliveryWork({ config, engines, federation, deps, storage: createMediaStorage(config), jobs, logger, remote: remoteResolver(federation, deps) });
  const delivery = await startDelivery({ log, jobs, logger, ...work });
  delivery.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'delivery stopped');
    process.exit(1);
  });
  // no API here: the port answers only /metrics and /health/* for Prometheus and the orchestrator
  const ops = serviceOps('delivery', engines, config);
  ops.metrics.watchJobQueues(engines.jobQueue);
  const http = await listen(express().use(ops.router), config.http.port, config.http.host);
  return {
    done: delivery.done,
    async stop() {
      await http.stop();
      work.stopTimers();
      await delivery.stop();
      work.close();
      await queues.stop();
    },
  };
});
