import { Agent, request } from 'node:http';

/**
 * The reference ceiling, in a process of its own: POSTs a body like a delivery's to the
 * given URLs, `concurrency` at a time, as fast as the receiver answers, and reports req/s.
 */
const [urlsJson, totalText, concurrencyText, bytesText] = process.argv.slice(2);
const urls = JSON.parse(urlsJson!) as string[];
const total = Number(totalText);
const concurrency = Number(concurrencyText);
const body = Buffer.alloc(Number(bytesText), 'x');
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

const post = (url: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/activity+json', 'content-length': body.length } }, (res) => {
      res.resume().on('end', resolve);
    });
    req.on('error', reject).end(body);
  });

let next = 0;
const started = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) await post(urls[next++ % urls.length]!);
  }),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.send!({ type: 'done', requests: total, seconds, perSecond: Math.round(total / seconds) });
agent.destroy();
