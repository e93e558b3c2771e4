import { Kafka, type Consumer, type Producer, logLevel } from 'kafkajs';
import type { RecordedEvent } from '@strata/kernel';
import type { ConsumeOptions, EventLog, GroupLag, LogConsumer } from '../port.ts';
import { decodeEvent, encodeEvent } from './codec.ts';

export interface KafkaLogOptions {
  brokers: string[];
  topic?: string;
  clientId?: string;
  /** Partitions for a topic this log creates; streams spread over them by key. */
  partitions?: number;
}

export const DEFAULT_TOPIC = 'strata.events.v1';

function kafkaClient(options: KafkaLogOptions): Kafka {
  return new Kafka({ clientId: options.clientId ?? 'strata', brokers: options.brokers, logLevel: logLevel.WARN });
}

/** Creates the topic when it is missing; harmless when it exists. */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The distributed event log on Kafka. A group is a Kafka consumer group: copies of a
 * service share its partitions, a stream stays in one partition (the key), and offsets
 * are committed only after the handler has finished with a message.
 */
export class KafkaEventLog implements EventLog {
  readonly #kafka: Kafka;
  readonly #topic: string;
  readonly #partitions: number;
  readonly #consumers = new Set<Consumer>();

  constructor(options: KafkaLogOptions) {
    this.#kafka = kafkaClient(options);
    this.#topic = options.topic ?? DEFAULT_TOPIC;
    this.#partitions = options.partitions ?? 6;
  }

  async consume(group: string, handler: (event: RecordedEvent) => Promise<void>, options: ConsumeOptions = {}): Promise<LogConsumer> {
    await ensureTopic(this.#kafka, this.#topic, this.#partitions);
    const consumer = this.#kafka.consumer({ groupId: group });
    this.#consumers.add(consumer);
    let settle!: { resolve(): void; reject(error: unknown): void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) settle.reject(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.#topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const event = decodeEvent(message.value, { topic, partition, offset: message.offset });
        await handler(event);
        await options.beforeCheckpoint?.();
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        options.onProgress?.(event);
      },
    });
    return {
      done,
      stop: async () => {
        await consumer.disconnect();
        this.#consumers.delete(consumer);
        settle.resolve();
      },
    };
  }

  /** Sums, over the topic's partitions, the messages past the group's committed offset. */
  async lag(group: string): Promise<GroupLag> {
    const admin = this.#kafka.admin();
    await admin.connect();
    try {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(this.#topic), admin.fetchOffsets({ groupId: group, topics: [this.#topic] })]);
      const offsetOf = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      let events = 0n;
      for (const end of ends) {
        const done = offsetOf.get(end.partition) ?? -1n;
        // -1: the group never committed here, so it has everything still to read
        const from = done < 0n ? BigInt(end.low) : done;
        if (BigInt(end.high) > from) events += BigInt(end.high) - from;
      }
      return { events: Number(events), oldestUnhandledAt: null };
    } finally {
      await admin.disconnect();
    }
  }

  /** Deletes the consumer group from the brokers (they refuse while it still has members). */
  async forgetGroup(group: string): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([group]);
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((consumer) => consumer.disconnect()));
    this.#consumers.clear();
  }
}

export function createKafkaEventLog(options: KafkaLogOptions): KafkaEventLog {
  return new KafkaEventLog(options);
}

/** What the relay writes with: an idempotent producer that waits for every in-sync replica. */
export class KafkaEventPublisher {
  readonly #kafka: Kafka;
  readonly #topic: string;
  readonly #partitions: number;
  #producer: Producer | undefined;

  constructor(options: KafkaLogOptions) {
    this.#kafka = kafkaClient(options);
    this.#topic = options.topic ?? DEFAULT_TOPIC;
    this.#partitions = options.partitions ?? 6;
  }

  async publish(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.#producer) {
      await ensureTopic(this.#kafka, this.#topic, this.#partitions);
      const producer = this.#kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      this.#producer = producer;
    }
    await this.#producer.send({ topic: this.#topic, acks: -1, messages: events.map(encodeEvent) });
  }

  async close(): Promise<void> {
    await this.#producer?.disconnect();
    this.#producer = undefined;
  }
}

export function createKafkaPublisher(options: KafkaLogOptions): KafkaEventPublisher {
  return new KafkaEventPublisher(options);
}
