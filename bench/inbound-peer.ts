import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '@fedify/fedify';

/**
 * A remote server for the inbound benchmark, in a process of its own: it serves `actors`
 * actor documents (one RSA key for all) and, when told, POSTs `count` signed
 * Create(Note) activities to a Strata inbox, `concurrency` at a time.
 */
const actors = Number(process.argv[2] ?? '50');
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const signingKey = await crypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);

const server = createServer((req, res) => {
  const match = /^\/users\/(p\d+)$/.exec(req.url ?? '');
  if (!match) return void res.writeHead(404).end();
  const id = `${origin}/users/${match[1]}`;
  res.writeHead(200, { 'content-type': 'application/activity+json' }).end(
    JSON.stringify({
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id, type: 'Person', preferredUsername: match[1], inbox: `${id}/inbox`, followers: `${id}/followers`,
      publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: pem },
    }),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.5', resolve));
const origin = `http://127.0.0.5:${(server.address() as AddressInfo).port}`;

async function send(inbox: string, n: number) {
  const actor = `${origin}/users/p${n % actors}`;
  const note = { id: `${origin}/notes/${n}`, type: 'Note', attributedTo: actor, content: `<p>benchmark note ${n}</p>`, to: ['https://www.w3.org/ns/activitystreams#Public'], cc: [`${actor}/followers`], published: new Date().toISOString() };
  const body = JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${note.id}/activity`, type: 'Create', actor, object: note, to: note.to, cc: note.cc });
  const request = await signRequest(new Request(inbox, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body }), signingKey, new URL(`${actor}#main-key`), { spec: 'draft-cavage-http-signatures-12' });
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body });
  await response.arrayBuffer();
  return response.status;
}

process.on('message', async (message: { type: string; inbox?: string; count?: number; concurrency?: number }) => {
  if (message.type === 'stop') process.exit(0);
  if (message.type !== 'send') return;
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: message.concurrency! }, async () => {
      while (next < message.count!) {
        const status = await send(message.inbox!, next++);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  process.send!({ type: 'sent', statuses });
});
process.send!({ type: 'ready', origin });
