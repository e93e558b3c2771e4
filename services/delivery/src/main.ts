import { composeFederation, startFederationQueues } from '@strata/federation';
import { createMediaStorage } from '@strata/media';
import express from 'express';
import { listen } from '@strata/http';
import { runService, serviceOps } from '@strata/runtime';
import { activityPubDelivery, combineWork, pollExpiryWork, scheduledPublishWork, previewCards, startDelivery, webPushDelivery } from './index.ts';
import { mediaWork } from './media-worker.ts';
import { mailWork } from './mail-worker.ts';
import { importWork } from './import-worker.ts';

// Distributed mode: reactions, job workers and Fedify's outgoing queues; scale out by running more copies.
await runService('delivery', async ({ config, logger, engines }) => {
  const [log, jobs] = await Promise.all([engines.eventLog(), engines.jobQueue()]);
  const { deps, federation } = await composeFederation(config, logger, engines);
  const queues = startFederationQueues(federation, deps, ['outbox', 'fanout']);
  const media = await mediaWork(config, engines, createMediaStorage(config), logger);
  const mail = await mailWork(config, engines, logger);
  const imports = await importWork(config, engines, createMediaStorage(config), logger);
  const delivery = await startDelivery({
    log,
    jobs,
    logger,
    ...combineWork(activityPubDelivery(federation, deps), media, mail, imports, pollExpiryWork(deps, jobs), scheduledPublishWork(deps, jobs), webPushDelivery(deps, jobs), previewCards({ ...deps, logger })),
  });
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
      media.stop();
      await delivery.stop();
      mail.stop();
      await queues.stop();
    },
  };
});
