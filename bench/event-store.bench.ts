import { join } from 'node:path';
import { openSqliteEventStore } from '@strata/event-store';
import type { NewEvent } from '@strata/kernel';
import { inTempDir, perSecond } from './measure.ts';
import type { Benchmark } from './suites.ts';

const event = (i: number): NewEvent => ({
  type: 'BenchmarkEventRecorded',
  data: { i, text: 'a status of ordinary length, with a #tag and a mention of @someone' },
  metadata: { correlationId: `bench-${i}` },
});

/** Appends/s to the embedded store: one event per append (each its own stream), and batches of 100. */
export const appendBenchmarks: Benchmark[] = [
  {
    name: 'event-store-append-single',
    run: (scale, progress) =>
      inTempDir(async (dir) => {
        const store = openSqliteEventStore({ path: join(dir, 'events.db') });
        const total = Math.round(20_000 * scale);
        const started = process.hrtime.bigint();
        for (let i = 0; i < total; i++) {
          await store.append(`bench-${i}`, [event(i)], { expectedRevision: 'no_stream' });
          if (i % 5000 === 4999) progress(`${i + 1}/${total} appended`);
        }
        const result = perSecond(total, started);
        await store.close();
        return { eventsPerSecond: result.perSecond, events: total, seconds: result.seconds };
      }),
  },
  {
    name: 'event-store-append-batched',
    run: (scale, progress) =>
      inTempDir(async (dir) => {
        const store = openSqliteEventStore({ path: join(dir, 'events.db') });
        const batches = Math.round(1000 * scale);
        const batchSize = 100;
        const started = process.hrtime.bigint();
        for (let b = 0; b < batches; b++) {
          const events = Array.from({ length: batchSize }, (_, i) => event(b * batchSize + i));
          await store.append(`bench-batch-${b}`, events, { expectedRevision: 'no_stream' });
          if (b % 250 === 249) progress(`${b + 1}/${batches} batches appended`);
        }
        const result = perSecond(batches * batchSize, started);
        await store.close();
        return { eventsPerSecond: result.perSecond, events: batches * batchSize, batchSize, seconds: result.seconds };
      }),
  },
];
