import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@strata/config';
import { createLogger } from '@strata/logging';
import { createLocalMediaStorage } from '@strata/media';
import { createMemoryPubSub } from '@strata/pubsub';
import { openSqliteReadModels } from '@strata/read-models';
import { eventually, makeTempDir } from '@strata/testkit';
import { channels } from '@strata/views';
import { ClientSubscriptions, MAX_PENDING } from './subscriptions.ts';

describe('ClientSubscriptions', () => {
  it('lets go of a client whose announcements pile up instead of buffering without end', async () => {
    const temp = makeTempDir('strata-streaming-');
    const readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
    const pubsub = createMemoryPubSub();
    const config = loadConfig({ STRATA_DATA: temp.path });
    let overflowed = 0;
    const subscriptions = new ClientSubscriptions({
      pubsub,
      deps: { config, media: createLocalMediaStorage({ root: temp.path, publicBaseUrl: config.publicUrl }), readModels: async () => readModels },
      viewer: { accountId: null, scopes: [] },
      logger: createLogger({ level: 'silent' }),
      send: () => {},
      onOverflow: () => overflowed++,
    });
    try {
      const stream = await subscriptions.subscribe({ stream: 'public' });
      expect(stream.label).toEqual(['public']);
      // published in one go, faster than they can be rendered
      for (let i = 0; i < MAX_PENDING + 50; i++) void pubsub.publish(channels.public(false), JSON.stringify({ event: 'update', statusId: String(i + 1) }));
      await eventually(() => overflowed > 0);
      await expect(subscriptions.subscribe({ stream: 'user' })).rejects.toThrow('Missing access token');
    } finally {
      await subscriptions.close();
      await readModels.close();
      temp.remove();
    }
  });
});
