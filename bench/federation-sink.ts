import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for many remote servers, in a process of its own: one HTTP server per
 * "host" on 127.0.0.4, each answering every POST with 202 and counting it. The parent
 * asks for the count over IPC.
 */
const hosts = Number(process.argv[2] ?? '50');
let count = 0;
const ports: number[] = [];
for (let i = 0; i < hosts; i++) {
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      if (req.method === 'POST') count++;
      res.writeHead(202).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.4', resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send!({ type: 'count', count });
  if (message.type === 'stop') process.exit(0);
});
process.send!({ type: 'ready', ports });
