import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StrataConfig } from '@strata/config';
import { type EventStore, openSqliteEventStore } from '@strata/event-store';
import { type EventLog, createEmbeddedEventLog } from '@strata/event-log';
import { type ReadModelStore, openSqliteReadModels } from '@strata/read-models';
import { type PubSub, createMemoryPubSub } from '@strata/pubsub';
import { type JobQueue, observeJobQueue, openSqliteJobQueue } from '@strata/job-queue';
import type { Logger } from '@strata/logging';
import { type JobOutcomeListener, jobObserver } from './job-outcomes.ts';
import type { Closeable } from '@strata/kernel';

/*
 * The distributed engines' adapters (and their clients: EventStoreDB's gRPC, Kafka, MongoDB,
 * Redis, RabbitMQ) are imported only when configured: loading them all cost an embedded
 * start about a second before its first answer.
 */
const mongo = () => import('@strata/read-models/mongodb');

/**
 * The engines behind every port, chosen by configuration and opened on first use, so a
 * service that needs only the read models never connects to the event store.
 */
export interface Engines extends Closeable {
  eventStore(): Promise<EventStore>;
  eventLog(): Promise<EventLog>;
  readModels(): Promise<ReadModelStore>;
  /** Secrets and personal-data keys: a store apart from the rebuildable read models. */
  vault(): Promise<ReadModelStore>;
  pubsub(): Promise<PubSub>;
  jobQueue(): Promise<JobQueue>;
  /** Fedify's key–value store (caches, idempotency): neither read models nor secrets. */
  federationKv(): Promise<ReadModelStore>;
  /** Tells the listener what became of each job this process runs (metrics). */
  onJobOutcome(listener: JobOutcomeListener): void;
}

/** With a logger, failed jobs are logged (job id, queue, attempt, correlation id). */
export function openEngines(config: StrataConfig, clientId = 'strata', logger?: Logger): Engines {
  const opened: Closeable[] = [];
  const jobListeners: JobOutcomeListener[] = [];
  const data = (file: string) => {
    mkdirSync(config.dataDir, { recursive: true });
    return join(config.dataDir, file);
  };
  function once<T extends Closeable>(open: () => Promise<T> | T): () => Promise<T> {
    let value: Promise<T> | undefined;
    return () =>
      (value ??= Promise.resolve()
        .then(open)
        .then((engine) => {
          opened.push(engine);
          return engine;
        }));
  }
  const { adapters, engines } = config;

  const eventStore = once<EventStore>(() =>
    adapters.eventStore === 'sqlite'
      ? openSqliteEventStore({ path: data('events.db') })
      : import('@strata/event-store/eventstoredb').then((m) => m.connectEventStoreDb({ connectionString: engines.eventStoreUrl })),
  );
  const eventLog = once<EventLog>(async () =>
    adapters.eventLog === 'embedded'
      ? createEmbeddedEventLog({ store: await eventStore(), checkpointsPath: data('log-checkpoints.db') })
      : (await import('@strata/event-log/kafka')).createKafkaEventLog({ brokers: engines.kafkaBrokers, topic: engines.kafkaTopic, clientId }),
  );
  const readModels = once<ReadModelStore>(() =>
    adapters.readModels === 'sqlite'
      ? openSqliteReadModels({ path: data('read-models.db'), versioned: true })
      : mongo().then((m) => m.connectMongoReadModels({ url: engines.mongoUrl, versioned: true })),
  );
  const vault = once<ReadModelStore>(() =>
    adapters.readModels === 'sqlite'
      ? openSqliteReadModels({ path: data('vault.db') })
      : mongo().then((m) => m.connectMongoReadModels({ url: engines.mongoUrl, dbName: 'strata_vault' })),
  );
  const pubsub = once<PubSub>(() =>
    adapters.pubsub === 'memory'
      ? createMemoryPubSub()
      : import('@strata/pubsub/redis').then((m) => m.connectRedisPubSub({ url: engines.redisUrl, keyPrefix: `strata:${config.domain}:` })),
  );
  const jobQueue = once<JobQueue>(async () =>
    observeJobQueue(
      adapters.jobQueue === 'sqlite'
        ? openSqliteJobQueue({ path: data('jobs.db') })
        : await import('@strata/job-queue/rabbitmq').then((m) => m.connectRabbitJobQueue({ url: engines.rabbitmqUrl, prefix: engines.jobQueuePrefix })),
      jobObserver(jobListeners, logger),
    ),
  );

  const federationKv = once<ReadModelStore>(() =>
    adapters.readModels === 'sqlite'
      ? openSqliteReadModels({ path: data('federation-kv.db') })
      : mongo().then((m) => m.connectMongoReadModels({ url: engines.mongoUrl, dbName: 'strata_federation' })),
  );

  return {
    eventStore,
    eventLog,
    readModels,
    vault,
    pubsub,
    jobQueue,
    federationKv,
    onJobOutcome: (listener) => void jobListeners.push(listener),
    async close() {
      // close in reverse order of opening: the log before the store it tails
      for (const engine of opened.reverse()) await engine.close();
      opened.length = 0;
    },
  };
}
