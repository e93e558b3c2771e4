import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueName } from '@strata/testkit';
import { pubSubContract } from '../contract.ts';
import { PubSubUnavailableError, withoutCredentials } from '../errors.ts';
import { connectRedisPubSub } from './redis-pubsub.ts';

// CI starts Redis; when it is not there every test fails with PubSubUnavailableError naming the URL
const url = process.env['STRATA_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe(`Redis pub/sub (${withoutCredentials(url)})`, () => {
  pubSubContract(async () => {
    const keyPrefix = `${uniqueName('strata-test')}:`;
    const pubsub = await connectRedisPubSub({ url, keyPrefix });
    // another connection pair stands for another process
    const second = await connectRedisPubSub({ url, keyPrefix });
    return { pubsub, second, cleanup: async () => (await pubsub.close(), await second.close()) };
  });

  describe('on the Redis server', () => {
    let admin: Redis;
    beforeAll(async () => {
      admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await admin.connect();
    });
    afterAll(() => admin.quit());

    const subscribers = async (channel: string) => {
      const reply = (await admin.pubsub('NUMSUB', channel)) as [string, number];
      return Number(reply[1]);
    };

    it('subscribes a channel once however many local handlers, and unsubscribes after the last', async () => {
      const keyPrefix = `${uniqueName('strata-test')}:`;
      const pubsub = await connectRedisPubSub({ url, keyPrefix });
      try {
        const first = await pubsub.subscribe('timeline', () => {});
        const second = await pubsub.subscribe('timeline', () => {});
        expect(await subscribers(`${keyPrefix}timeline`)).toBe(1);
        await first();
        expect(await subscribers(`${keyPrefix}timeline`)).toBe(1);
        await second();
        expect(await subscribers(`${keyPrefix}timeline`)).toBe(0);
      } finally {
        await pubsub.close();
      }
    });

    it('resubscribes after the server drops the subscriber connection', async () => {
      const keyPrefix = `${uniqueName('strata-test')}:`;
      const pubsub = await connectRedisPubSub({ url, keyPrefix });
      try {
        const seen: string[] = [];
        await pubsub.subscribe('timeline', (m) => seen.push(m));
        const clients = (await admin.client('LIST')) as string;
        const line = clients.split('\n').find((l) => l.includes(` name=${keyPrefix}pubsub-subscriber `));
        const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
        expect(id).toBeDefined();
        await admin.client('KILL', 'ID', id!);
        // nothing is stored while it reconnects, so publish until the new subscription hears one
        await eventually(async () => {
          await pubsub.publish('timeline', 'after reconnect');
          return seen.length > 0;
        }, 10_000, 100);
        expect(seen[0]).toBe('after reconnect');
      } finally {
        await pubsub.close();
      }
    });
  });

  it('fails with a clear error when Redis cannot be reached', async () => {
    const nowhere = 'redis://user:secret@127.0.0.1:1';
    const failure = await connectRedisPubSub({ url: nowhere }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PubSubUnavailableError);
    expect(String(failure)).toContain('Redis is unreachable at redis://127.0.0.1:1');
    expect(String(failure)).not.toContain('secret');
  });
});
