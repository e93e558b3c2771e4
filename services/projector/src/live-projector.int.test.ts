import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedEventLog, createEmbeddedEventLog } from '@strata/event-log';
import { type SqliteEventStore, openSqliteEventStore } from '@strata/event-store';
import { type LogConsumer } from '@strata/event-log';
import { createLogger } from '@strata/logging';
import { type MemoryPubSub, createMemoryPubSub } from '@strata/pubsub';
import { type SqliteReadModels, openSqliteReadModels } from '@strata/read-models';
import type { Projection } from '@strata/views';
import { startLiveProjector } from './live-projector.ts';
import { rebuildReadModels } from './rebuild.ts';

/**
 * The live projector and a rebuild on one SQLite store (the e2e runs them as two
 * processes): the hand-over moves readers to the rebuilt version with every event in it,
 * streaming hears each event once, and a switch made without the live projector is
 * followed.
 */
const noted: Projection = {
  name: 'noted',
  handles: new Set(['Noted']),
  async apply(event, context) {
    await context.readModels.collection('notes').upsert({ id: event.stream, position: event.position });
    context.publish('notes', { event: 'update', statusId: event.stream });
  },
};

let dir: string;
let store: SqliteEventStore;
let log: EmbeddedEventLog;
let readModels: SqliteReadModels;
let vault: SqliteReadModels;
let pubsub: MemoryPubSub;
let live: LogConsumer | undefined;
const heard: string[] = [];
const logger = createLogger({ level: 'silent' });
let n = 0;
const note = () => store.append(`note-${++n}`, [{ type: 'Noted', data: {}, metadata: { correlationId: `c${n}` } }], { expectedRevision: 'any' });
const notes = () => readModels.collection('notes');

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strata-live-projector-'));
  store = openSqliteEventStore({ path: join(dir, 'events.db') });
  log = createEmbeddedEventLog({ store, checkpointsPath: join(dir, 'log-checkpoints.db') });
  readModels = openSqliteReadModels({ path: join(dir, 'read-models.db'), versioned: true });
  vault = openSqliteReadModels({ path: join(dir, 'vault.db') });
  pubsub = createMemoryPubSub();
  heard.length = 0;
  await pubsub.subscribe('notes', (message) => void heard.push((JSON.parse(message) as { statusId: string }).statusId));
});
afterEach(async () => {
  await live?.stop();
  live = undefined;
  await log.close();
  for (const closeable of [readModels, vault, store, pubsub]) await closeable.close();
  rmSync(dir, { recursive: true, force: true });
});

const startLive = async () => (live = await startLiveProjector({ log, readModels, vault, pubsub, logger, publicUrl: 'http://localhost', projections: [noted], pollMs: 20 }));
const rebuild = (options: { takeoverMs: number }) =>
  rebuildReadModels({ log, readModels, vault, logger, publicUrl: 'http://localhost', projections: [noted] }, { graceMs: 0, ...options });

describe('the live projector', () => {
  it('takes a rebuilt version over while events keep coming, and streaming hears each event once', async () => {
    await startLive();
    for (let i = 0; i < 20; i++) await note();
    await until(async () => (await notes().count()) === 20);

    const rebuilding = rebuild({ takeoverMs: 10_000 });
    for (let i = 0; i < 20; i++) await note();
    const result = await rebuilding;
    expect(result).toMatchObject({ version: 2, from: 1 });
    const state = await readModels.versions.state();
    expect(state).toEqual({ active: 2, last: 2 });

    await note();
    await until(async () => (await notes().count()) === 41);
    // the rebuilt version holds every note, each at its own position
    expect((await notes().find()).map((doc) => doc['position']).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    await until(async () => heard.length >= 41);
    expect(new Set(heard).size).toBe(41);
    expect(heard).toHaveLength(41);
  });

  it('follows a switch made by a rebuild that nobody took over from', async () => {
    await startLive();
    await note();
    await until(async () => (await notes().count()) === 1);
    // no takeover window: the rebuild activates its version itself
    await rebuild({ takeoverMs: 0 });
    expect((await readModels.versions.state()).active).toBe(2);
    await note();
    await until(async () => (await notes().count()) === 2);
    expect((await readModels.versions.at(2).collection('notes').count())).toBe(2);
  });
});
