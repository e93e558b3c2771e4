import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

/*
 * The reference for streaming figures: a raw `ws` server that sends one payload to every
 * open socket when asked (POST /broadcast with the payload as body), with no auth, no
 * routing and no rendering: what Node and `ws` allow on this machine.
 */
const http = createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    res.writeHead(202).end();
    for (const socket of sockets.clients) socket.send(body);
  });
});
const sockets = new WebSocketServer({ server: http });
http.listen(0, '127.0.0.1', () => process.stdout.write(`${(http.address() as { port: number }).port}\n`));
process.on('SIGTERM', () => {
  for (const socket of sockets.clients) socket.terminate();
  http.close(() => process.exit(0));
});
