import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@strata/event-store';
import type { RecordedEvent } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { openSqliteReadModels } from '@strata/read-models';
import { eventually, makeTempDir } from '@strata/testkit';
import { readModelCheckpoint } from './checkpoint.ts';
import { startRelay } from './index.ts';

describe('relay', () => {
  it('publishes the store in order and resumes after its checkpoint', async () => {
    const temp = makeTempDir('strata-relay-');
    const store = openSqliteEventStore({ path: join(temp.path, 'events.db'), pollIntervalMs: 20 });
    const checkpoints = openSqliteReadModels({ path: join(temp.path, 'relay.db') });
    const published: RecordedEvent[] = [];
    const publisher = { publish: async (events: RecordedEvent[]) => void published.push(...events) };
    const append = (type: string) => store.append('s', [{ type, data: {}, metadata: { correlationId: type } }], { expectedRevision: 'any' });
    const logger = createLogger({ level: 'silent' });
    try {
      await append('A');
      await append('B');
      const relay = await startRelay({ store, publisher, checkpoint: readModelCheckpoint(checkpoints), logger });
      await eventually(() => published.length === 2);
      await relay.stop();
      await append('C');
      const resumed = await startRelay({ store, publisher, checkpoint: readModelCheckpoint(checkpoints), logger });
      await eventually(() => published.length === 3);
      expect(published.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      await resumed.stop();
    } finally {
      await store.close();
      await checkpoints.close();
      temp.remove();
    }
  });
});
