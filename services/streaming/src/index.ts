import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
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
  /** Told each time a client too slow to keep up is let go (metrics). */
  onSlowClientDropped?: () => void;
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

/**
 * An HTTP server `upgrade` listener for the streaming API. The HTTP server stops watching
 * a socket once it emits `upgrade`: its errors are handled here first (an unhandled one
 * would stop the process), and an upgrade to any other path is let go at once.
 */
export function streamingUpgradeListener<S extends Duplex>(handle: (req: IncomingMessage, socket: S, head: Buffer) => unknown) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!isStreamingUpgrade(req.url)) return void socket.destroy();
    try {
      // a plain HTTP server's upgrade socket is a net.Socket (a TLSSocket behind TLS)
      const handled = handle(req, socket as S, head);
      if (handled instanceof Promise) handled.catch(() => socket.destroy());
    } catch {
      socket.destroy();
    }
  };
}

/** Whether an upgrade request is for the streaming API. */
export function isStreamingUpgrade(url: string | undefined): boolean {
  return requestUrl({ url })?.pathname.replace(/\/+$/, '') === '/api/v1/streaming';
}
