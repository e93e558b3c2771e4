import { Router } from 'express';
import type { Vault } from '@strata/auth';
import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { requestUrl } from './auth.ts';
import { sseRoutes } from './sse.ts';
import { createWebSocketStreaming } from './websocket.ts';


export interface StreamingDeps {
  presenters: PresenterDeps;
  /** Read models without any cache the presenters' may have (edits are read fresh). */
  freshReadModels: () => Promise<ReadModelStore>;
  vault(): Promise<Vault>;
  pubsub: PubSub;
  logger: Logger;
}

/**
 * The Mastodon streaming API: WebSocket at /api/v1/streaming (mount `handleUpgrade` on
 * the HTTP server's upgrade event) and Server-Sent Events under /api/v1/streaming/*.
 */
export function createStreaming(deps: StreamingDeps) {
  const websocket = createWebSocketStreaming(deps);
  const router = Router();
  router.get('/api/v1/streaming/health', (_req, res) => {
    res.type('text/plain').send('OK');
  });
  router.use(sseRoutes(deps));
  return {
    router,
    handleUpgrade: websocket.handleUpgrade,
    get connections() {
      return websocket.connections;
    },
    close: () => websocket.close(),
  };
}

/** Whether an upgrade request is for the streaming API. */
export function isStreamingUpgrade(url: string | undefined): boolean {
  return requestUrl({ url })?.pathname.replace(/\/+$/, '') === '/api/v1/streaming';
}
