import type { Duplex } from 'node:stream';
import type { PubSub } from '@strata/pubsub';
import { channels } from '@strata/views';
import type { StreamingCaller } from './auth.ts';
import type { StreamRequest } from './streams.ts';

/** A client's WebSocket message, or the error Mastodon answers it with. */
export type ClientMessage = { type: 'subscribe' | 'unsubscribe'; request: StreamRequest } | { error: string; status: number };

export function parseMessage(text: string): ClientMessage {
  let message: { type?: unknown; stream?: unknown; tag?: unknown; list?: unknown };
  try {
    message = JSON.parse(text);
  } catch {
    return { error: 'Invalid JSON', status: 400 };
  }
  if (typeof message !== 'object' || message === null || typeof message.stream !== 'string') return { error: 'Unknown stream type', status: 400 };
  if (message.type !== 'subscribe' && message.type !== 'unsubscribe') return { error: 'Unknown message type', status: 400 };
  const request: StreamRequest = {
    stream: message.stream,
    tag: typeof message.tag === 'string' ? message.tag : undefined,
    list: typeof message.list === 'string' || typeof message.list === 'number' ? String(message.list) : undefined,
  };
  return { type: message.type, request };
}

/** The stream named on connect (`?stream=...&tag=...&list=...`), if any. */
export function initialStream(url: URL): StreamRequest | null {
  const stream = url.searchParams.get('stream');
  return stream ? { stream, tag: url.searchParams.get('tag') ?? undefined, list: url.searchParams.get('list') ?? undefined } : null;
}

/**
 * Follows the caller's token and account channels; resolves to the function that stops
 * following them, so a connection that closes before they are in place still ends them.
 */
export async function watchCaller(pubsub: PubSub, caller: StreamingCaller, onRevoked: () => void, onSuspended: () => void): Promise<() => void> {
  const watches = await Promise.allSettled([
    caller.tokenId ? pubsub.subscribe(channels.token(caller.tokenId), onRevoked) : undefined,
    caller.accountId ? pubsub.subscribe(channels.account(caller.accountId), onSuspended) : undefined,
  ]);
  return () => {
    for (const watch of watches) if (watch.status === 'fulfilled') void watch.value?.().catch(() => {});
  };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 500: 'Internal Server Error' };

/** Answers an upgrade that is not accepted with a plain HTTP error, if the client is still there. */
export function refuse(socket: Duplex, status: number, message: string) {
  if (socket.destroyed || !socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nX-Error-Message: ${message}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
