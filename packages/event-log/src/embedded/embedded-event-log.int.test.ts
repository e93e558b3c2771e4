import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@strata/event-store';
import { makeTempDir } from '@strata/testkit';
import { eventLogContract } from '../contract.ts';
import { createEmbeddedEventLog } from './embedded-event-log.ts';

function embedded(maxAttempts?: number) {
  const temp = makeTempDir('strata-log-');
  const store = openSqliteEventStore({ path: join(temp.path, 'events.db'), pollIntervalMs: 20 });
  const log = createEmbeddedEventLog({ store, checkpointsPath: join(temp.path, 'checkpoints.db'), retryDelayMs: 10, maxAttempts });
  return {
    store,
    log,
    append: async (stream: string, events: Parameters<typeof store.append>[1]) => void (await store.append(stream, events, { expectedRevision: 'any' })),
    cleanup: async () => {
      await log.close();
      await store.close();
      temp.remove();
    },
  };
}

describe('embedded event log', () => {
  eventLogContract(async () => embedded());

  it('gives up on a poison event after bounded attempts, naming it', async () => {
    const { log, append, cleanup } = embedded(3);
    try {
      await append('poison', [{ type: 'Poison', data: {}, metadata: { correlationId: 'c' } }]);
      const consumer = await log.consume('group', async () => {
        throw new Error('cannot project');
      });
      await expect(consumer.done).rejects.toThrow(/gave up on event Poison at position 1 .*after 3 attempts/);
    } finally {
      await cleanup();
    }
  });

  it('allows one consumer per group per process', async () => {
    const { log, cleanup } = embedded();
    try {
      const consumer = await log.consume('only', async () => {});
      await expect(log.consume('only', async () => {})).rejects.toThrow(/already consuming/);
      await consumer.stop();
    } finally {
      await cleanup();
    }
  });
});
