import { join } from 'node:path';
import { Temporal } from '@js-temporal/polyfill';
import type { KvStoreSetOptions } from '@fedify/fedify';
import { testMessageQueue, waitFor } from '@fedify/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteJobQueue } from '@strata/job-queue';
import { openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { JobMessageQueue } from './job-message-queue.ts';
import { KeylessMessageQueue } from './keyless-message-queue.ts';
import { ReadModelKvStore } from './read-model-kv-store.ts';

const temps: ReturnType<typeof makeTempDir>[] = [];
const temp = () => {
  const dir = makeTempDir('strata-federation-ports-');
  temps.push(dir);
  return dir;
};
afterEach(() => temps.splice(0).forEach((dir) => dir.remove()));

describe('JobMessageQueue over the SQLite job queue', () => {
  it('passes Fedify\'s message-queue conformance suite', async () => {
    const path = join(temp().path, 'jobs.db');
    const queues = [openSqliteJobQueue({ path, pollIntervalMs: 20 }), openSqliteJobQueue({ path, pollIntervalMs: 20 })];
    let opened = 0;
    await testMessageQueue(
      () => new JobMessageQueue(queues[opened++ % 2]!, 'fedify-test'),
      async ({ controller }) => {
        controller.abort();
        await Promise.all(queues.map((queue) => queue.close()));
      },
    );
  }, 60_000);
});

describe('KeylessMessageQueue', () => {
  it('keeps private keys out of the job queue and puts them back when a message runs', async () => {
    const jobs = openSqliteJobQueue({ path: join(temp().path, 'jobs.db'), pollIntervalMs: 20 });
    const privateKey = { kty: 'OKP', crv: 'Ed25519', d: 'secret', x: 'public' };
    const queue = new KeylessMessageQueue(new JobMessageQueue(jobs, 'outbox'), async (keyId) => (keyId === 'https://a.example/users/a#main-key' ? privateKey : null));
    await queue.enqueue({ type: 'outbox', keys: [{ keyId: 'https://a.example/users/a#main-key', privateKey }, { keyId: 'https://a.example/users/a#gone', privateKey }] });

    const stored: unknown[] = [];
    const raw = await jobs.work('outbox', async (job) => void stored.push(job.payload));
    await waitFor(() => stored.length === 1, 5000);
    await raw.stop();
    expect(JSON.stringify(stored)).not.toContain('secret');

    await queue.enqueue({ type: 'outbox', keys: [{ keyId: 'https://a.example/users/a#main-key', privateKey }, { keyId: 'https://a.example/users/a#gone', privateKey }] });
    const handled: unknown[] = [];
    const controller = new AbortController();
    const listening = queue.listen(async (message) => void handled.push(message), { signal: controller.signal });
    await waitFor(() => handled.length === 1, 5000);
    controller.abort();
    await listening;
    expect(handled[0]).toEqual({ type: 'outbox', keys: [{ keyId: 'https://a.example/users/a#main-key', privateKey }] });
    await jobs.close();
  });
});

describe('ReadModelKvStore over SQLite read models', () => {
  it('gets, sets, deletes and lists by prefix', async () => {
    const store = openSqliteReadModels({ path: join(temp().path, 'kv.db') });
    const kv = new ReadModelKvStore(store);
    await kv.set(['a', 'b'], { n: 1 });
    await kv.set(['a', 'b', 'c'], 2);
    await kv.set(['a', 'b/c'], 3);
    await kv.set(['ab'], 4);
    expect(await kv.get(['a', 'b'])).toEqual({ n: 1 });
    const listed = [];
    for await (const entry of kv.list(['a', 'b'])) listed.push(entry.key);
    expect(listed).toEqual([['a', 'b'], ['a', 'b', 'c']]);
    const all = [];
    for await (const entry of kv.list(['a'])) all.push(entry.value);
    expect(all.sort()).toEqual([2, 3, { n: 1 }].sort());
    await kv.delete(['a', 'b']);
    expect(await kv.get(['a', 'b'])).toBeUndefined();
    await store.close();
  });

  it('forgets an entry once its time to live has passed', async () => {
    const store = openSqliteReadModels({ path: join(temp().path, 'kv.db') });
    let now = 1_000;
    const kv = new ReadModelKvStore(store, { now: () => now });
    // Fedify's types name the global Temporal; at run time it uses this polyfill
    const ttl = Temporal.Duration.from({ seconds: 10 }) as unknown as NonNullable<KvStoreSetOptions['ttl']>;
    await kv.set(['key'], 'value', { ttl });
    expect(await kv.get(['key'])).toBe('value');
    now += 10_001;
    expect(await kv.get(['key'])).toBeUndefined();
    const listed = [];
    for await (const entry of kv.list()) listed.push(entry);
    expect(listed).toEqual([]);
    await store.close();
  });
});
