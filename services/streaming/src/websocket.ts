import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Vault } from '@strata/auth';
import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { type StreamingCaller, authenticate, requestUrl } from './auth.ts';
import { initialStream, parseMessage, refuse, watchCaller } from './connection.ts';
import type { Outgoing } from './render.ts';
import { ClientSubscriptions } from './subscriptions.ts';
import { StreamError, type StreamRequest, resolveStream } from './streams.ts';

export const PING_INTERVAL_MS = 30_000;
/** A client that lets this much pile up unread is too slow and is let go. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MAX_MESSAGES_PER_10S = 100;

export interface WebSocketDeps {
  presenters: PresenterDeps;
  /** Read models without the shared read cache of `presenters`. */
  freshReadModels: () => Promise<ReadModelStore>;
  vault(): Promise<Vault>;
  pubsub: PubSub;
  logger: Logger;
  /** Told each time a client too slow to keep up is let go (metrics). */
  onSlowClientDropped?: () => void;
}

/** The last shared rendering's frame per stream and event: made once, sent to every connection it goes to. */
const sharedFrames = new Map<string, { payload: string | undefined; frame: Buffer }>();

function frameOf(stream: string[], outgoing: Outgoing): string | Buffer {
  const frame = () => JSON.stringify({ stream, event: outgoing.event, payload: outgoing.payload });
  if (!outgoing.shared) return frame();
  const key = `${stream.join('\u0000')}\u0000${outgoing.event}`;
  const hit = sharedFrames.get(key);
  if (hit && hit.payload === outgoing.payload) return hit.frame;
  if (sharedFrames.size >= 1000) sharedFrames.clear();
  const made = { payload: outgoing.payload, frame: Buffer.from(frame()) };
  sharedFrames.set(key, made);
  return made.frame;
}

/** The Mastodon streaming API over WebSocket at /api/v1/streaming. */
export function createWebSocketStreaming(deps: WebSocketDeps) {
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // the token may come as the subprotocol; Mastodon echoes it back
    handleProtocols: (protocols) => [...protocols][0] ?? false,
  });
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const socket of server.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  /**
   * Takes an upgrade request from the HTTP server's `upgrade` event. From here on the HTTP
   * server no longer watches the socket: any error on it (a reset while the caller is being
   * authenticated, a write to a peer that left) would be unhandled and stop the process, so
   * it is handled before anything else, and nothing this does can reject unhandled.
   */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => {
      deps.logger.debug({ err: error }, 'a streaming socket failed before the upgrade');
      socket.destroy();
    });
    upgrade(req, socket, head).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not upgrade a streaming connection');
      refuse(socket, 500, 'Internal server error');
    });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = requestUrl(req);
    if (!url) return refuse(socket, 400, 'Bad request');
    const caller = await authenticate(req, await deps.vault()).catch(() => 'invalid' as const);
    if (caller === 'invalid') return refuse(socket, 401, 'Invalid access token');
    // a stream named on connect is checked before the upgrade: a refusal is a plain HTTP error
    const initial = initialStream(url);
    if (initial) {
      // a refusal is told; any other failure is ours and answered 500 by handleUpgrade
      const refused = await resolveStream(await deps.presenters.readModels(), caller, initial).then(
        () => null,
        (error: unknown) => {
          if (error instanceof StreamError) return error;
          throw error;
        },
      );
      if (refused) return refuse(socket, refused.status, refused.message);
    }
    if (socket.destroyed) return;
    server.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serve(ws, caller, initial);
    });
  }

  /** Everything a connection listens to is in place before this returns: no frame, error or close can come first. */
  function serve(ws: WebSocket, caller: StreamingCaller, initial: StreamRequest | null) {
    const logger = deps.logger.child({ component: 'streaming', accountId: caller.accountId });
    // ws has already answered a bad frame with its close code (1007 bad UTF-8, 1009 too big); the rest is ours to log
    ws.on('error', (error) => logger.debug({ err: error }, 'closed a streaming connection on a protocol error'));
    const sendFrame = (frame: string | Buffer) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        logger.warn({ buffered: ws.bufferedAmount }, 'closing a client that does not keep up');
        ws.terminate();
        return;
      }
      ws.send(frame, { binary: false });
    };
    const send = (payload: object) => sendFrame(JSON.stringify(payload));
    // what the client asked wrong is told as Mastodon tells it; a failure of ours is logged, not described
    const refusal = (error: unknown) => {
      if (error instanceof StreamError) return { error: error.message, status: error.status };
      logger.warn({ err: error }, 'a subscription change failed');
      return { error: 'Internal server error', status: 500 };
    };
    const sendError = (error: unknown) => send(refusal(error));
    const subscriptions = new ClientSubscriptions({
      pubsub: deps.pubsub,
      deps: deps.presenters,
      viewer: caller,
      logger,
      send: (stream, outgoing) => sendFrame(frameOf(stream, outgoing)),
      freshReadModels: deps.freshReadModels,
      onOverflow: () => {
        deps.onSlowClientDropped?.();
        ws.terminate();
      },
    });
    // a stream named on connect (?stream=...) is the first change, before any message; a refusal closes the socket
    if (initial) {
      subscriptions.subscribe(initial).catch((error: unknown) => {
        const refused = refusal(error);
        send(refused);
        ws.close(refused.status === 500 ? 1011 : 1008, refused.error);
      });
    }
    const revoke = () => ws.close(1008, 'The access token was revoked');
    const watches = watchCaller(deps.pubsub, caller, revoke, () => ws.close(1008, 'The account was suspended'));
    // a revocation announced where this process cannot hear it (another process's bus) is caught here
    const recheck = caller.tokenId ? setInterval(() => void stillValid(caller.tokenId!).then((valid) => valid || revoke()), PING_INTERVAL_MS) : undefined;
    let recent = 0;
    const window = setInterval(() => (recent = 0), 10_000);
    ws.on('close', () => {
      clearInterval(recheck);
      clearInterval(window);
      void subscriptions.close();
      void watches.then((stop) => stop());
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(1003, 'Binary messages are not accepted');
      if (++recent > MAX_MESSAGES_PER_10S) return ws.close(1008, 'Too many messages');
      const message = parseMessage(String(data));
      if ('error' in message) return send(message);
      const change = message.type === 'subscribe' ? subscriptions.subscribe(message.request) : subscriptions.unsubscribe(message.request);
      change.catch(sendError);
    });
  }

  /** Whether the token is still good; a vault that cannot answer now is asked again next time. */
  async function stillValid(tokenId: string): Promise<boolean> {
    const token = await deps
      .vault()
      .then((vault) => vault.tokens.get(tokenId))
      .catch(() => undefined);
    return token === undefined || Boolean(token && !token.revokedAt);
  }

  return {
    handleUpgrade,
    /** Clients connected to this process (for health and benchmarks). */
    get connections() {
      return server.clients.size;
    },
    async close() {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.close(1001, 'Server shutting down');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
