import type { JsonWebKey, webcrypto } from 'node:crypto';
import { type Federation, createFederation, exportJwk } from '@fedify/fedify';
import { Accept, Add, Announce, Block, Create, Delete, Flag, Follow, Like, Move, Reject, Remove, Undo, Update } from '@fedify/vocab';
import type { JobQueue } from '@strata/job-queue';
import type { ReadModelStore } from '@strata/read-models';
import { dispatchActors, servedActorKeys } from './actors/actors.dispatch.ts';
import { type ActorKeys, storedJwkOf } from './keys/actor-keys.ts';
import { dispatchCollections } from './actors/collections.dispatch.ts';
import { type FederationDeps, INSTANCE_ACTOR } from './deps.ts';
import { onBlock } from './inbox/block.listener.ts';
import { onFeaturedChange } from './inbox/featured.listener.ts';
import { onFlag } from './inbox/flag.listener.ts';
import { onMove } from './inbox/move.listener.ts';
import { onFollowAnswer } from './inbox/follow-answer.listener.ts';
import { onFollow, onUndo } from './inbox/follow.listener.ts';
import { onAnnounce, onLike } from './inbox/reaction.listener.ts';
import { onCreate, onDelete, onUpdate } from './inbox/status.listener.ts';
import { unlessSenderSuspended as heard } from './inbox/suspended-sender.ts';
import { dispatchNodeInfo } from './nodeinfo.dispatch.ts';
import { dispatchNotes } from './outbox/notes.dispatch.ts';
import { JobMessageQueue } from './ports/job-message-queue.ts';
import { KeylessMessageQueue, type PrivateKeyResolver } from './ports/keyless-message-queue.ts';
import { ReadModelKvStore } from './ports/read-model-kv-store.ts';
import { DomainPolicyMessageQueue } from './ports/domain-policy-message-queue.ts';
import { deliveryCircuit } from './ports/delivery-circuit.ts';
import { domainPolicyFor } from '@strata/views';
import { FEDERATION_OUTBOX_QUEUE } from '@strata/runtime';

/** Fedify's three queues, each a queue of our job-queue port (and so durable, retried, dead-lettered). */
/** The outbox's name comes from the runtime, whose metrics count its jobs as deliveries. */
export const FEDERATION_QUEUES = { inbox: 'federation.inbox', outbox: FEDERATION_OUTBOX_QUEUE, fanout: 'federation.fanout' } as const;

export type StrataFederation = Federation<FederationDeps>;

/**
 * Strata's ActivityPub side, built on Fedify over our own ports: its key–value store is
 * a document store (SQLite or MongoDB), its message queues are our job queue. Queues
 * are started by whichever process runs them (`startQueue`), never implicitly.
 */
export function createStrataFederation(deps: FederationDeps, engines: { jobs: JobQueue; kv: ReadModelStore }): StrataFederation {
  // outgoing messages carry key ids only; the keys are read from the vault when a message runs
  // a key id's JWK is looked up once while its actor keeps the same keys (actorKeys gives
  // the same pairs until the vault's change): Fedify's key-pair lookup builds key objects
  const resolved = new Map<string, { keys: ActorKeys; jwk: JsonWebKey }>();
  const privateKey: PrivateKeyResolver = async (keyId) => {
    const ctx = federation.createContext(new URL(deps.config.publicUrl), deps);
    const actor = ctx.parseUri(new URL(keyId));
    if (actor?.type !== 'actor') return null;
    const keys = await servedActorKeys(deps, actor.identifier);
    if (!keys) return null;
    const known = resolved.get(keyId);
    if (known?.keys === keys) return known.jwk;
    // ActorKeyPair extends the DOM's CryptoKeyPair, which our lib settings do not declare
    const pairs = (await ctx.getActorKeyPairs(actor.identifier)) as unknown as (webcrypto.CryptoKeyPair & { keyId: URL })[];
    const pair = pairs.find((candidate) => candidate.keyId.href === keyId);
    if (!pair) return null;
    const jwk = storedJwkOf(pair.privateKey) ?? (await exportJwk(pair.privateKey));
    if (resolved.size >= 10_000) resolved.delete(resolved.keys().next().value!);
    resolved.set(keyId, { keys, jwk });
    return jwk;
  };
  const keyless = (queue: string, concurrency?: number) => new KeylessMessageQueue(new JobMessageQueue(engines.jobs, queue, { concurrency }), privateKey);
  const federation: StrataFederation = createFederation<FederationDeps>({
    kv: new ReadModelKvStore(engines.kv),
    queue: {
      inbox: new JobMessageQueue(engines.jobs, FEDERATION_QUEUES.inbox),
      outbox: new DomainPolicyMessageQueue(
        keyless(FEDERATION_QUEUES.outbox, deps.config.federation.deliveryConcurrency),
        async (host) => (await domainPolicyFor(await deps.readModels(), host, deps.config.federation.limited)).suspended,
        (host) => deps.logger.info({ host }, 'delivery to a blocked server dropped'),
      ),
      fanout: keyless(FEDERATION_QUEUES.fanout),
    },
    manuallyStartQueue: true,
    circuitBreaker: deliveryCircuit(deps.logger),
    origin: deps.config.publicUrl,
    // private addresses and plain http peers: for tests on loopback only
    allowPrivateAddress: deps.config.federation.allowPrivateAddress,
    // a signature's Date may be an hour off either way (Mastodon allows an hour of skew);
    // older captured requests cannot be replayed
    signatureTimeWindow: { hours: 1 },
    userAgent: { software: `Strata/${deps.config.instance.title}`, url: new URL(deps.config.publicUrl) },
  });
  dispatchActors(federation, deps);
  dispatchCollections(federation, deps);
  dispatchNotes(federation, deps);
  dispatchNodeInfo(federation, deps);
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    .on(Follow, heard(onFollow))
    .on(Undo, onUndo)
    .on(Create, heard(onCreate))
    .on(Update, onUpdate)
    .on(Delete, onDelete)
    .on(Like, heard(onLike))
    .on(Announce, heard(onAnnounce))
    .on(Block, heard(onBlock))
    .on(Flag, heard(onFlag))
    .on(Move, heard(onMove))
    .on(Add, heard((ctx, add) => onFeaturedChange(ctx, add, true)))
    .on(Remove, heard((ctx, remove) => onFeaturedChange(ctx, remove, false)))
    .on(Accept, heard((ctx, accept) => onFollowAnswer(ctx, accept, 'accept')))
    .on(Reject, (ctx, reject) => onFollowAnswer(ctx, reject, 'reject'))
    .onError((_ctx, error) => deps.logger.warn({ err: error }, 'inbox activity failed'));
  return federation;
}
