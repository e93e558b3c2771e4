import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StrataConfig } from '@strata/config';
import { systemClock, type Clock } from '@strata/kernel';
import type { Logger } from '@strata/logging';
import { type Engines, openEngines } from '@strata/runtime';
import { composeApi, createApiRouter } from '@strata/api';
import { createInboxRouter } from '@strata/inbox';
import { startProjector } from '@strata/projector';
import { mediaWork, startDelivery } from '@strata/delivery';
import { createStreaming, isStreamingUpgrade } from '@strata/streaming';
import { openVault } from '@strata/auth';
import { withReadCache } from '@strata/read-models';
import { accountsCollection } from '@strata/views';
import { createGatewayApp } from './app.ts';

export interface EmbeddedStrata {
  /** Base URL it listens on (with the real port when PORT was 0). */
  url: string;
  server: Server;
  engines: Engines;
  stop(): Promise<void>;
}

/**
 * One process, every service: the gateway mounts the API and inbox routers in-process
 * and the projector consumes the embedded log. This is the composition root of
 * `pnpm start`; the distributed mode runs the same parts as separate processes.
 */
export async function startEmbedded(config: StrataConfig, logger: Logger, clock: Clock = systemClock): Promise<EmbeddedStrata> {
  const engines = openEngines(config, 'strata-embedded');
  const [log, readModels, vault, pubsub] = await Promise.all([engines.eventLog(), engines.readModels(), engines.vault(), engines.pubsub()]);
  const projector = await startProjector({ log, readModels, vault, pubsub, logger, publicUrl: config.publicUrl });
  projector.done.catch((error: unknown) => logger.fatal({ err: error }, 'projector stopped'));

  const deps = composeApi(config, logger, engines, clock);
  // the delivery service's work, in-process: for now media processing and cleanup jobs
  const media = await mediaWork(config, engines, deps.media, logger, clock);
  const delivery = await startDelivery({ log, jobs: await engines.jobQueue(), logger, reactions: media.reactions, processors: media.processors });
  delivery.done.catch((error: unknown) => logger.fatal({ err: error }, 'delivery stopped'));
  // a change goes to many clients at once: the streaming service reads each status and account once a second
  const streamingReads = withReadCache(readModels, ['statuses', 'accounts'], 1000);
  const streaming = createStreaming({
    presenters: { ...deps, readModels: async () => streamingReads },
    freshReadModels: engines.readModels,
    vault: async () => openVault(await engines.vault()),
    pubsub,
    logger,
  });
  const app = createGatewayApp({
    logger,
    routers: [streaming.router, createApiRouter(deps), createInboxRouter(deps)],
    health: {
      eventStore: async () => void (await (await engines.eventStore()).headPosition()),
      readModels: async () => void (await accountsCollection(await engines.readModels()).count()),
    },
  });

  const server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  server.on('upgrade', (req, socket, head) => (isStreamingUpgrade(req.url) ? void streaming.handleUpgrade(req, socket, head) : socket.destroy()));
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
      media.stop();
      await delivery.stop();
      await deps.close();
      await engines.close();
    },
  };
}
