import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StrataConfig } from '@strata/config';
import { systemClock, type Clock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { type Engines, openEngines, serviceOps } from '@strata/runtime';
import { composeApi, createApiRouter } from '@strata/api';
import { createInboxRouter } from '@strata/inbox';
import { federationOver, startFederationQueues } from '@strata/federation';
import { createWebRouter } from '@strata/web';
import { startLiveProjector } from '@strata/projector';
import { deliveryWork, startDelivery } from '@strata/delivery';
import { createStreaming, streamingUpgradeListener } from '@strata/streaming';
import { openVault } from '@strata/auth';
import type { PubSub } from '@strata/pubsub';
import { type ReadModelStore, withReadCache } from '@strata/read-models';
import { accountsCollection } from '@strata/views';
import { createGatewayApp } from './app.ts';
import { answerClientErrors } from '@strata/http';

export interface EmbeddedStrata {
  /** Base URL it listens on (with the real port when PORT was 0). */
  url: string;
  server: Server;
  engines: Engines;
  stop(): Promise<void>;
}

/**
 * The gateway with every service mounted in-process, not yet listening and with no
 * projector: what `startEmbedded` serves, and what tests walk to list every route.
 */
export async function createEmbeddedApp(
  config: StrataConfig,
  logger: Logger,
  engines: Engines,
  opened: { readModels: ReadModelStore; pubsub: PubSub },
  clock: Clock = systemClock,
) {
  const deps = composeApi(config, logger, engines, clock);
  const federation = await federationOver(deps, engines);
  // a change goes to many clients at once: the streaming service reads each status and account once a second
  const streamingReads = withReadCache(opened.readModels, ['statuses', 'accounts'], 1000);
  const ops = serviceOps('embedded', engines, config);
  const streaming = createStreaming({
    onSlowClientDropped: () => ops.metrics.streamingDropped.inc(),
    presenters: { ...deps, readModels: async () => streamingReads },
    freshReadModels: engines.readModels,
    vault: async () => openVault(await engines.vault()),
    pubsub: opened.pubsub,
    logger,
  });
  ops.metrics.watchConnections(() => streaming.connections);
  ops.metrics.watchJobQueues(engines.jobQueue);
  const app = createGatewayApp({
    logger,
    ops,
    // the inbox first: Fedify reads inbox bodies itself, before the API's body parser;
    // the public pages come last: ActivityPub requests for the same URLs reach federation first
    routers: [createInboxRouter(federation, deps), streaming.router, createApiRouter(deps), createWebRouter(deps)],
    health: {
      eventStore: async () => void (await (await engines.eventStore()).headPosition()),
      readModels: async () => void (await accountsCollection(await engines.readModels()).count()),
    },
  });
  return { app, streaming, deps, federation };
}

/**
 * One process, every service: the gateway mounts the API and inbox routers in-process
 * and the projector consumes the embedded log. This is the composition root of
 * `pnpm start`; the distributed mode runs the same parts as separate processes.
 */
export async function startEmbedded(config: StrataConfig, logger: Logger, clock: Clock = systemClock): Promise<EmbeddedStrata> {
  const engines = openEngines(config, 'strata-embedded', logger);
  const [log, readModels, vault, pubsub] = await Promise.all([engines.eventLog(), engines.readModels(), engines.vault(), engines.pubsub()]);
  const projector = await startLiveProjector({ log, readModels, vault, pubsub, logger, publicUrl: config.publicUrl });
  projector.done.catch((error: unknown) => logger.fatal({ err: error }, 'projector stopped'));

  const { app, streaming, deps, federation } = await createEmbeddedApp(config, logger, engines, { readModels, pubsub }, clock);
  // the delivery service's work, in-process: Fedify's queues, ActivityPub reactions, media processing and cleanup
  const federationQueues = startFederationQueues(federation, deps, ['inbox', 'outbox', 'fanout']);
  const jobs = await engines.jobQueue();
  const work = await deliveryWork({ config, engines, federation, deps, storage: deps.media, jobs, logger, remote: await deps.remote(), clock });
  const delivery = await startDelivery({ log, jobs, logger, ...work });
  delivery.done.catch((error: unknown) => logger.fatal({ err: error }, 'delivery stopped'));

  const server = app.listen(config.http.port, config.http.host);
  answerClientErrors(server);
  await once(server, 'listening');
  server.on('upgrade', streamingUpgradeListener(streaming.handleUpgrade));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
  logger.info({ url, domain: config.domain, mode: config.mode, data: config.dataDir }, 'strata is serving');

  return {
    url,
    server,
    engines,
    async stop() {
      // stop taking requests and let in-flight ones finish, then save the projector's checkpoint
      await streaming.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await projector.stop();
      work.stopTimers();
      await delivery.stop();
      work.close();
      await federationQueues.stop();
      await deps.close();
      await engines.close();
    },
  };
}
