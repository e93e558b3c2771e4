import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { afterAll, beforeAll, describe } from 'vitest';
import type { RecordedEvent } from '@strata/kernel';
import { engineSuiteRuns, engineSuiteTitle, uniqueName } from '@strata/testkit';
import { eventLogContract } from '../contract.ts';
import { createKafkaEventLog, createKafkaPublisher } from './kafka-event-log.ts';

const runs = await engineSuiteRuns('Kafka');

describe.skipIf(!runs)(engineSuiteTitle('Kafka', runs), () => {
  let container: StartedKafkaContainer;
  let brokers: string[];
  beforeAll(async () => {
    container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    brokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
  });
  afterAll(async () => container?.stop());

  // the relay is what appends to Kafka: here the fixture plays it, numbering positions itself
  eventLogContract(async () => {
    const topic = uniqueName('strata-events');
    const log = createKafkaEventLog({ brokers, topic, partitions: 3 });
    const publisher = createKafkaPublisher({ brokers, topic, partitions: 3 });
    const revisions = new Map<string, number>();
    let position = 0;
    return {
      log,
      async append(stream, events) {
        const recorded: RecordedEvent[] = events.map((event) => {
          const revision = (revisions.get(stream) ?? -1) + 1;
          revisions.set(stream, revision);
          return {
            id: crypto.randomUUID(),
            type: event.type,
            version: 1,
            stream,
            revision,
            position: position++,
            time: new Date().toISOString(),
            data: event.data,
            metadata: event.metadata,
          };
        });
        await publisher.publish(recorded);
      },
      cleanup: async () => {
        await publisher.close();
        await log.close();
      },
    };
  });
});
