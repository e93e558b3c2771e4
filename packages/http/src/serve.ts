import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Express } from 'express';

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers or a request
 * line over its size limit, malformed framing) get Mastodon's error shape too, not an
 * empty answer; the socket is closed after it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (error.code === 'ECONNRESET')) return void socket.destroy();
    const [status, text] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const body = JSON.stringify({ error: text });
    socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** Listens and resolves once bound; `stop` lets in-flight requests finish first. */
export async function listen(app: Express, port: number, host: string): Promise<{ server: Server; stop(): Promise<void> }> {
  const server = app.listen(port, host);
  answerClientErrors(server);
  await once(server, 'listening');
  return {
    server,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
