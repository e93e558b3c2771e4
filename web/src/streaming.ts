import { useEffect, useState } from 'preact/hooks';
import { token } from './api.ts';

/**
 * Listens to one stream of the streaming API over WebSocket (token in Sec-WebSocket-Protocol);
 * reconnects after a drop. `params` names the list or tag of those streams. Each time the
 * stream is (re)connected `onEvent` hears a `connected`: what happened while it was not is
 * read again from the REST API, so nothing falls between a page and its stream.
 */
export function listen(stream: string, onEvent: (event: string, payload: unknown) => void, params: Record<string, string> = {}): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    const bearer = token.get();
    if (!bearer || closed) return;
    const query = new URLSearchParams({ stream, ...params });
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/streaming?${query}`;
    socket = new WebSocket(url, bearer);
    // the server subscribes as it accepts the connection: what came before is read again by the screens
    socket.onopen = () => onEvent('connected', null);
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as { event: string; payload?: string };
      const payload = typeof frame.payload === 'string' && frame.payload.startsWith('{') ? JSON.parse(frame.payload) : frame.payload;
      onEvent(frame.event, payload);
    };
    socket.onclose = () => {
      if (!closed) retry = setTimeout(open, 3000);
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}

const NOTIFIED = 'strata-notification';
export const NOTIFICATIONS_READ = 'strata-notifications-read';

/** The app's one subscription to the user's notifications, passed on to every screen that wants them. */
export function shareNotifications(): () => void {
  return listen('user:notification', (event, payload) => {
    if (event === 'notification' || event === 'connected') dispatchEvent(new CustomEvent(NOTIFIED, { detail: payload }));
  });
}

/**
 * A counter that goes up each time a notification of `type` (any, for "*") arrives, and when
 * the stream (re)connects: a dependency to read a screen again.
 */
export function useNotified(type: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const onNotified = (event: Event) => {
      const detail = (event as CustomEvent).detail as { type?: string } | null;
      if (type === '*' || !detail || detail.type === type) setCount((n) => n + 1);
    };
    addEventListener(NOTIFIED, onNotified);
    return () => removeEventListener(NOTIFIED, onNotified);
  }, [type]);
  return count;
}
