import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@strata/config';
import { createLogger } from '@strata/logging';
import { createLocalMediaStorage } from '@strata/media';
import { type PubSub, createMemoryPubSub } from '@strata/pubsub';
import { type ReadModelStore, openSqliteReadModels } from '@strata/read-models';
import { eventually, makeTempDir } from '@strata/testkit';
import { channels } from '@strata/views';
import { ClientSubscriptions, MAX_PENDING, MAX_SUBSCRIPTIONS } from './subscriptions.ts';

let temp: ReturnType<typeof makeTempDir>;
let readModels: ReadModelStore;
beforeEach(() => {
  temp = makeTempDir('strata-streaming-');
  readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
});
afterEach(async () => {
  await readModels.close();
  temp.remove();
});

function subscriptionsOn(pubsub: PubSub, onOverflow = () => {}) {
  const config = loadConfig({ STRATA_DATA: temp.path });
  return new ClientSubscriptions({
    pubsub,
    deps: { config, media: createLocalMediaStorage({ root: temp.path, publicBaseUrl: config.publicUrl }), readModels: async () => readModels },
    viewer: { accountId: null, scopes: [] },
    logger: createLogger({ level: 'silent' }),
    send: () => {},
    onOverflow,
  });
}

/**
 * A pub/sub that takes a while to subscribe, as Redis does, and counts what is still
 * subscribed; with `gate`, a subscription waits until the test opens it.
 */
function slowCountingPubSub(gate: Promise<void> = Promise.resolve()) {
  const inner = createMemoryPubSub();
  let live = 0;
  let waiting = 0;
  const pubsub: PubSub = {
    publish: (channel, message) => inner.publish(channel, message),
    async subscribe(channel, handler) {
      waiting++;
      await Promise.all([delay(1), gate]);
      waiting--;
      const stop = await inner.subscribe(channel, handler);
      live++;
      return async () => {
        live--;
        await stop();
      };
    },
    close: () => inner.close(),
  };
  return { pubsub, live: () => live, waiting: () => waiting };
}

describe('ClientSubscriptions', () => {
  it('lets go of a client whose announcements pile up instead of buffering without end', async () => {
    const pubsub = createMemoryPubSub();
    let overflowed = 0;
    const subscriptions = subscriptionsOn(pubsub, () => overflowed++);
    try {
      const stream = await subscriptions.subscribe({ stream: 'public' });
      expect(stream.label).toEqual(['public']);
      // published in one go, faster than they can be rendered
      for (let i = 0; i < MAX_PENDING + 50; i++) void pubsub.publish(channels.public(false), JSON.stringify({ event: 'update', statusId: String(i + 1) }));
      await eventually(() => overflowed > 0);
      await expect(subscriptions.subscribe({ stream: 'user' })).rejects.toThrow('Missing access token');
    } finally {
      await subscriptions.close();
    }
  });

  it('registers a stream asked for many times at once only once, and keeps the cap under a burst', async () => {
    const { pubsub, live } = slowCountingPubSub();
    const subscriptions = subscriptionsOn(pubsub);
    const asked = [
      ...Array.from({ length: 5 }, () => ({ stream: 'public' })),
      ...Array.from({ length: MAX_SUBSCRIPTIONS + 9 }, (_, i) => ({ stream: 'hashtag', tag: `t${i}` })),
      { stream: 'public' },
    ];
    const results = await Promise.allSettled(asked.map((request) => subscriptions.subscribe(request)));
    expect(live()).toBe(MAX_SUBSCRIPTIONS);
    expect(subscriptions.size).toBe(MAX_SUBSCRIPTIONS);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as Error).message)).toEqual(Array(10).fill('Too many subscriptions'));
    await Promise.all([subscriptions.unsubscribe({ stream: 'public' }), subscriptions.unsubscribe({ stream: 'public' })]);
    expect(live()).toBe(MAX_SUBSCRIPTIONS - 1);
    await subscriptions.close();
    expect(live()).toBe(0);
  });

  it('leaves nothing subscribed when the client goes while a subscription is being set up', async () => {
    let open = () => {};
    const { pubsub, live, waiting } = slowCountingPubSub(new Promise<void>((resolve) => (open = resolve)));
    const subscriptions = subscriptionsOn(pubsub);
    const underway = subscriptions.subscribe({ stream: 'public:local' });
    await eventually(() => waiting() === 1);
    const closed = subscriptions.close();
    const late = subscriptions.subscribe({ stream: 'public' });
    open();
    await expect(underway).resolves.toMatchObject({ label: ['public:local'] });
    await closed;
    await expect(late).rejects.toThrow('The connection is closed');
    expect(live()).toBe(0);
    expect(subscriptions.size).toBe(0);
  });
});
