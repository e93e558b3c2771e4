import { type Federation, createFederation } from '@fedify/fedify';
import { Follow, Undo } from '@fedify/vocab';
import type { JobQueue } from '@strata/job-queue';
import type { ReadModelStore } from '@strata/read-models';
import { dispatchActors } from './actors/actors.dispatch.ts';
import { dispatchCollections } from './actors/collections.dispatch.ts';
import { type FederationDeps, INSTANCE_ACTOR } from './deps.ts';
import { onFollow, onUndo } from './inbox/follow.listener.ts';
import { dispatchNodeInfo } from './nodeinfo.dispatch.ts';
import { dispatchNotes } from './outbox/notes.dispatch.ts';
import { JobMessageQueue } from './ports/job-message-queue.ts';
import { ReadModelKvStore } from './ports/read-model-kv-store.ts';

/** Fedify's three queues, each a queue of our job-queue port (and so durable, retried, dead-lettered). */
export const FEDERATION_QUEUES = { inbox: 'federation.inbox', outbox: 'federation.outbox', fanout: 'federation.fanout' } as const;

export type StrataFederation = Federation<FederationDeps>;

/**
 * Strata's ActivityPub side, built on Fedify over our own ports: its key–value store is
 * a document store (SQLite or MongoDB), its message queues are our job queue. Queues
 * are started by whichever process runs them (`startQueue`), never implicitly.
 */
export function createStrataFederation(deps: FederationDeps, engines: { jobs: JobQueue; kv: ReadModelStore }): StrataFederation {
  const federation = createFederation<FederationDeps>({
    kv: new ReadModelKvStore(engines.kv),
    queue: {
      inbox: new JobMessageQueue(engines.jobs, FEDERATION_QUEUES.inbox),
      outbox: new JobMessageQueue(engines.jobs, FEDERATION_QUEUES.outbox),
      fanout: new JobMessageQueue(engines.jobs, FEDERATION_QUEUES.fanout),
    },
    manuallyStartQueue: true,
    origin: deps.config.publicUrl,
    // private addresses and plain http peers: for tests on loopback only
    allowPrivateAddress: deps.config.federation.allowPrivateAddress,
    userAgent: { software: `Strata/${deps.config.instance.title}`, url: new URL(deps.config.publicUrl) },
  });
  dispatchActors(federation, deps);
  dispatchCollections(federation, deps);
  dispatchNotes(federation, deps);
  dispatchNodeInfo(federation, deps);
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .setSharedKeyDispatcher(() => ({ identifier: INSTANCE_ACTOR }))
    .on(Follow, onFollow)
    .on(Undo, onUndo)
    .onError((_ctx, error) => deps.logger.warn({ err: error }, 'inbox activity failed'));
  return federation;
}
