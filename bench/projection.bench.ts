import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { registerAccount } from '@strata/commands';
import { createEmbeddedEventLog } from '@strata/event-log';
import { openSqliteEventStore } from '@strata/event-store';
import { snowflakes, systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { createMemoryPubSub } from '@strata/pubsub';
import { openSqliteReadModels } from '@strata/read-models';
import { startProjector } from '@strata/projector';
import { inTempDir, perSecond } from './measure.ts';
import type { Benchmark } from './suites.ts';

/**
 * Projection catch-up: the projector starts on a store that already holds every event
 * and reads, projects and checkpoints them from position 0, as a rebuild does.
 */
export const catchUpBenchmark: Benchmark = {
  name: 'projection-catch-up',
  run: (scale, progress) =>
    inTempDir(async (dir) => {
      const store = openSqliteEventStore({ path: join(dir, 'events.db') });
      const accounts = Math.round(5000 * scale);
      const deps = { store, ids: snowflakes, clock: systemClock };
      for (let i = 0; i < accounts; i++) {
        await registerAccount(deps, { username: `user${i}`, role: 'user', approved: true }, { correlationId: randomUUID() });
        if (i % 2500 === 2499) progress(`${i + 1}/${accounts} accounts registered`);
      }
      const head = await store.headPosition();
      const events = (await store.readAll()).length;
      const readModels = openSqliteReadModels({ path: join(dir, 'read-models.db') });
      const log = createEmbeddedEventLog({ store, checkpointsPath: join(dir, 'log.db') });
      const pubsub = createMemoryPubSub();
      const started = process.hrtime.bigint();
      let reached!: () => void;
      const caughtUp = new Promise<void>((resolve) => (reached = resolve));
      const consumer = await startProjector({
        log,
        readModels,
        vault: readModels,
        publicUrl: 'http://localhost:3000',
        pubsub,
        logger: createLogger({ level: 'silent' }),
        onProjected: (event) => {
          if (event.position >= head) reached();
        },
      });
      await caughtUp;
      const result = perSecond(events, started);
      await consumer.stop();
      const projected = await readModels.collection('accounts').count();
      await Promise.all([log.close(), readModels.close(), pubsub.close()]);
      await store.close();
      return { eventsPerSecond: result.perSecond, events, accountsProjected: projected, seconds: result.seconds };
    }),
};
