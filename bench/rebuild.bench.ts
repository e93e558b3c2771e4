import { join } from 'node:path';
import { loadConfig } from '@strata/config';
import { openSqliteEventStore } from '@strata/event-store';
import { createLogger } from '@strata/logging';
import { REBUILD_BATCH, rebuildWithEngines } from '@strata/projector';
import { openEngines } from '@strata/runtime';
import { makeTempDir } from '@strata/testkit';
import { ratio } from './support/load-generator.ts';
import { seedEventLog } from './support/event-log-seed.ts';
import type { Benchmark } from './suites.ts';

/** Reads the whole log in the projector's batches without projecting: what the log can deliver. */
async function readRate(dir: string) {
  const store = openSqliteEventStore({ path: join(dir, 'events.db') });
  const started = process.hrtime.bigint();
  let read = 0;
  for (let after = -1; ; ) {
    const batch = await store.readAll({ after, limit: REBUILD_BATCH });
    if (batch.length === 0) break;
    read += batch.length;
    after = batch.at(-1)!.position;
  }
  await store.close();
  return Math.round(read / (Number(process.hrtime.bigint() - started) / 1e9));
}

async function rebuildOf(events: number, progress: (message: string) => void) {
  const temp = makeTempDir('strata-bench-');
  try {
    progress(`writing a log of ${events} events`);
    await seedEventLog(temp.path, events);
    const config = loadConfig({ STRATA_DATA: temp.path, STRATA_LOG_LEVEL: 'silent' });
    const engines = openEngines(config, 'bench-rebuild');
    // the rate over each half of the log: a rebuild that slows as the read models grow shows here
    const started = { projected: 0, at: process.hrtime.bigint() };
    let half = started;
    let last = started;
    let result;
    try {
      // nothing serves here: no live projector to wait for, no readers to give time
      result = await rebuildWithEngines(engines, config.publicUrl, createLogger({ level: 'silent' }), {
        takeoverMs: 0,
        graceMs: 0,
        onProgress: ({ phase, projected, behind }) => {
          if (phase === 'catching-up') progress(`${projected}/${projected + behind} events projected`);
        },
        onProjected: (projected) => {
          last = { projected, at: process.hrtime.bigint() };
          if (projected === Math.floor(events / 2)) half = last;
        },
      });
    } finally {
      await engines.close();
    }
    const rateBetween = (a: { projected: number; at: bigint }, b: { projected: number; at: bigint }) => Math.round((b.projected - a.projected) / (Number(b.at - a.at) / 1e9));
    const eventsPerSecond = Math.round(result.events / result.seconds);
    const limit = await readRate(temp.path);
    return {
      events: result.events,
      seconds: Math.round(result.seconds * 10) / 10,
      eventsPerSecond,
      firstHalfPerSecond: rateBetween(started, half),
      secondHalfPerSecond: rateBetween(half, last),
      limit: { name: 'reading the same log in the same batches, nothing projected', eventsPerSecond: limit },
      ratio: ratio(eventsPerSecond, limit),
    };
  } finally {
    temp.remove();
  }
}

export const rebuildBenchmark: Benchmark = {
  name: 'rebuild',
  async run(scale, progress) {
    const quick = scale < 1;
    const small = quick ? 10_000 : 100_000;
    const large = quick ? 50_000 : 1_000_000;
    const smallRun = await rebuildOf(small, progress);
    const largeRun = await rebuildOf(large, progress);
    return {
      ...(quick && { note: `--scale < 1: ${small} and ${large} events instead of 100,000 and 1,000,000` }),
      mix: '100 accounts, 500 follows, then 70 % statuses (each to ~6 home timelines) and 30 % favourites',
      small: smallRun,
      large: largeRun,
      largeOverSmall: ratio(largeRun.eventsPerSecond, smallRun.eventsPerSecond),
      goal: '≥ 30,000 events/s, largeOverSmall about 1 (linear)',
    };
  },
};
