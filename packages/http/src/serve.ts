import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Express } from 'express';

/** Listens and resolves once bound; `stop` lets in-flight requests finish first. */
export async function listen(app: Express, port: number, host: string): Promise<{ server: Server; stop(): Promise<void> }> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  return {
    server,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
