import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueToken, openVault } from '@strata/auth';
import { loadConfig } from '@strata/config';
import { systemClock } from '@strata/kernel';
import { createLogger } from '@strata/logging';
import { createLocalMediaStorage } from '@strata/media';
import { createMemoryPubSub } from '@strata/pubsub';
import { type ReadModelStore, openSqliteReadModels } from '@strata/read-models';
import { makeTempDir } from '@strata/testkit';
import { channels } from '@strata/views';
import { sseRoutes } from './sse.ts';

let temp: ReturnType<typeof makeTempDir>;
let readModels: ReadModelStore;
let server: ReturnType<ReturnType<typeof express>['listen']>;
let url: string;
const pubsub = createMemoryPubSub();

beforeEach(async () => {
  temp = makeTempDir('strata-streaming-sse-');
  readModels = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
  const config = loadConfig({ STRATA_DATA: temp.path });
  const app = express();
  app.use(
    sseRoutes({
      presenters: { config, media: createLocalMediaStorage({ root: temp.path, publicBaseUrl: config.publicUrl }), readModels: async () => readModels },
      freshReadModels: async () => readModels,
      vault: async () => openVault(readModels),
      pubsub,
      logger: createLogger({ level: 'silent' }),
    }),
  );
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await readModels.close();
  temp.remove();
});

describe('Server-Sent Events', () => {
  it('writes nothing once a revoked token has ended the stream, even what was already on its way', async () => {
    const { accessToken, doc } = await issueToken(openVault(readModels), systemClock, { appId: 'app', accountId: null, scopes: ['read'], withRefreshToken: false });
    const response = await fetch(`${url}/api/v1/streaming/public`, { headers: { authorization: `Bearer ${accessToken}` } });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(':)\n');
    // the revocation ends the response; the deletion published right after is rendered a moment later
    void pubsub.publish(channels.token(doc.id), 'revoked');
    void pubsub.publish(channels.public(false), JSON.stringify({ event: 'delete', statusId: '1' }));
    // a write after the end would be an unhandled 'error' event and fail this run
    expect((await reader.read()).done).toBe(true);
    const again = await fetch(`${url}/api/v1/streaming/public`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(again.status).toBe(200);
    await again.body!.cancel();
  });
});
