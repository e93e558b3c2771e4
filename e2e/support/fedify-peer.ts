import { once } from 'node:events';
import type { webcrypto } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { type Federation, MemoryKvStore, createFederation, generateCryptoKeyPair } from '@fedify/fedify';
import { Activity, Endpoints, Person } from '@fedify/vocab';

/**
 * An independent ActivityPub server for tests, built from Fedify's own API only (no
 * Strata code): one actor `peer` with its own keys, its inbox on a loopback port, and
 * a record of every verified activity it receives.
 */
export interface FedifyPeer {
  origin: string;
  actorUri: URL;
  federation: Federation<void>;
  /** The peer actor's RSA key pair, to sign requests by hand. */
  rsaKey: webcrypto.CryptoKeyPair;
  received: Activity[];
  /** More actors besides `peer` (each with its own keys), with their extra actor fields (aliases, icon, featured…). */
  actors: Map<string, PeerActorFields>;
  /** Documents the peer serves as JSON-LD at a path (notes, collections), for Strata's fetches. */
  documents: Map<string, unknown>;
  /** Files the peer serves at a path (media), and how often each was fetched; `status` set answers that instead (a server in trouble). */
  files: Map<string, PeerFile>;
  /** Paths of actor documents asked for without a signature (refused when `signedFetchOnly`). */
  unsignedActorFetches: string[];
  close(): Promise<void>;
}

export interface PeerFile {
  contentType: string;
  body: Buffer;
  fetched: number;
  status?: number;
}

export interface FedifyPeerOptions {
  /** The loopback address to listen on (127.0.0.1 unless given). */
  host?: string;
  /** Authorized-fetch mode, as Mastodon's secure mode: actors (and so their keys) are served only to signed GETs, others get 401. */
  signedFetchOnly?: boolean;
}

/** Fields of an actor beyond the ones every peer actor has. */
export type PeerActorFields = Partial<Pick<ConstructorParameters<typeof Person>[0], 'aliases' | 'icon' | 'image' | 'featured' | 'outbox' | 'successor'>>;

export async function startFedifyPeer(options: FedifyPeerOptions = {}): Promise<FedifyPeer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const received: Activity[] = [];
  const actors = new Map<string, PeerActorFields>([['peer', {}]]);
  const documents = new Map<string, unknown>();
  const files = new Map<string, PeerFile>();
  const unsignedActorFetches: string[] = [];
  const keys = [await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), await generateCryptoKeyPair('Ed25519')];
  const keysOf = new Map<string, webcrypto.CryptoKeyPair[]>([['peer', keys]]);
  const actorKeys = async (identifier: string) => {
    if (!keysOf.has(identifier)) keysOf.set(identifier, [await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), await generateCryptoKeyPair('Ed25519')]);
    return keysOf.get(identifier)!;
  };

  const federation = createFederation<void>({ kv: new MemoryKvStore(), origin, allowPrivateAddress: true });
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      const extra = actors.get(identifier);
      if (!extra) return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Person({
        ...extra,
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: 'A Fedify peer',
        summary: '<p>Testing <b>federation</b></p>',
        inbox: ctx.getInboxUri(identifier),
        // named, so that addressing a post to it makes it followers-only
        followers: new URL(`${origin}/users/${identifier}/followers`),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]!.cryptographicKey,
        assertionMethods: pairs.map((pair) => pair.multikey),
      });
    })
    .setKeyPairsDispatcher((_ctx, identifier) => (actors.has(identifier) ? actorKeys(identifier) : []))
    .authorize(async (ctx) => !options.signedFetchOnly || (await ctx.getSignedKey()) !== null);
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Activity, (_ctx, activity) => void received.push(activity));

  server.on('request', (req, res) => {
    const path = new URL(req.url!, origin).pathname;
    const file = req.method === 'GET' ? files.get(path) : undefined;
    if (file) {
      file.fetched++;
      if (file.status) return void res.writeHead(file.status).end();
      return void res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length }).end(file.body);
    }
    if (req.method === 'GET' && path.startsWith('/users/') && !req.headers['signature'] && !req.headers['signature-input']) unsignedActorFetches.push(path);
    const document = req.method === 'GET' ? documents.get(new URL(req.url!, origin).pathname) : undefined;
    if (document) return void res.writeHead(200, { 'content-type': 'application/activity+json' }).end(JSON.stringify(document));
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(new URL(req.url!, origin), {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])) as [string, string][],
      ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' }),
    } as RequestInit);
    void federation.fetch(request, { contextData: undefined }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });

  return {
    origin,
    actorUri: new URL(`${origin}/users/peer`),
    federation,
    rsaKey: keys[0]!,
    received,
    actors,
    documents,
    files,
    unsignedActorFetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
