import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { Vault } from '@strata/auth';
import type { Logger } from '@strata/logging';
import type { PresenterDeps } from '@strata/presenters';
import type { PubSub } from '@strata/pubsub';
import type { ReadModelStore } from '@strata/read-models';
import { channels } from '@strata/views';
import { type StreamingCaller, authenticate } from './auth.ts';
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

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const caller = await authenticate(req, await deps.vault()).catch(() => 'invalid' as const);
    if (caller === 'invalid') return refuse(socket, 401, 'Invalid access token');
    // a stream named on connect is checked before the upgrade: a refusal is a plain HTTP error
    const url = new URL(req.url ?? '/', 'http://localhost');
    const initial = url.searchParams.get('stream');
    if (initial) {
      const request = { stream: initial, tag: url.searchParams.get('tag') ?? undefined, list: url.searchParams.get('list') ?? undefined };
      const problem = await resolveStream(await deps.presenters.readModels(), caller, request).then(
        () => null,
        (error: unknown) => error as Error,
      );
      if (problem) return refuse(socket, problem instanceof StreamError ? problem.status : 400, problem.message);
    }
    server.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      void serve(ws, req, caller);
    });
  }

  async function serve(ws: WebSocket, req: IncomingMessage, caller: StreamingCaller) {
    const logger = deps.logger.child({ component: 'streaming', accountId: caller.accountId });
    const send = (payload: object) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        logger.warn({ buffered: ws.bufferedAmount }, 'closing a client that does not keep up');
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(payload));
    };
    const subscriptions = new ClientSubscriptions({
      pubsub: deps.pubsub,
      deps: deps.presenters,
      viewer: caller,
      logger,
      send: (stream, outgoing) => send({ stream, event: outgoing.event, payload: outgoing.payload }),
      freshReadModels: deps.freshReadModels,
      onOverflow: () => ws.terminate(),
    });
    const revoke = () => ws.close(1008, 'The access token was revoked');
    const revoked = caller.tokenId ? await deps.pubsub.subscribe(channels.token(caller.tokenId), revoke) : undefined;
    const suspended = caller.accountId ? await deps.pubsub.subscribe(channels.account(caller.accountId), () => ws.close(1008, 'The account was suspended')) : undefined;
    // a revocation announced where this process cannot hear it (another process's bus) is caught here
    const recheck = caller.tokenId ? setInterval(() => void stillValid(caller.tokenId!).then((valid) => valid || revoke()), PING_INTERVAL_MS) : undefined;
    ws.on('close', () => {
      clearInterval(recheck);
      void subscriptions.close();
      void revoked?.();
      void suspended?.();
    });

    let recent = 0;
    const window = setInterval(() => (recent = 0), 10_000);
    ws.on('close', () => clearInterval(window));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(1003, 'Binary messages are not accepted');
      if (++recent > MAX_MESSAGES_PER_10S) return ws.close(1008, 'Too many messages');
      void handleMessage(String(data));
    });

    async function handleMessage(text: string) {
      let message: { type?: unknown; stream?: unknown; tag?: unknown; list?: unknown };
      try {
        message = JSON.parse(text);
      } catch {
        return send({ error: 'Invalid JSON', status: 400 });
      }
      if (typeof message !== 'object' || message === null || typeof message.stream !== 'string') return send({ error: 'Unknown stream type', status: 400 });
      const request: StreamRequest = {
        stream: message.stream,
        tag: typeof message.tag === 'string' ? message.tag : undefined,
        list: typeof message.list === 'string' || typeof message.list === 'number' ? String(message.list) : undefined,
      };
      try {
        if (message.type === 'subscribe') await subscriptions.subscribe(request);
        else if (message.type === 'unsubscribe') await subscriptions.unsubscribe(request);
        else send({ error: 'Unknown message type', status: 400 });
      } catch (error) {
        send({ error: (error as Error).message, status: error instanceof StreamError ? error.status : 400 });
      }
    }

    // a stream named on connect (?stream=...) is subscribed at once; a refusal closes the socket
    const url = new URL(req.url ?? '/', 'http://localhost');
    const initial = url.searchParams.get('stream');
    if (initial) {
      try {
        await subscriptions.subscribe({ stream: initial, tag: url.searchParams.get('tag') ?? undefined, list: url.searchParams.get('list') ?? undefined });
      } catch (error) {
        send({ error: (error as Error).message, status: error instanceof StreamError ? error.status : 400 });
        ws.close(1008, (error as Error).message.slice(0, 100));
      }
    }
  }

  async function stillValid(tokenId: string): Promise<boolean> {
    const token = await (await deps.vault()).tokens.get(tokenId).catch(() => undefined);
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

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found' };

function refuse(socket: Duplex, status: number, message: string) {
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nX-Error-Message: ${message}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
