import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { readModelContract } from '../contract.ts';
import { readModelVersionsContract } from '../versions-contract.ts';
import { openSqliteReadModels } from './sqlite-read-models.ts';

describe('SQLite read models', () => {
  readModelContract(async () => {
    const temp = makeTempDir('strata-read-models-');
    // versioned, as the read models are: every call goes through the active version's lookup
    const store = openSqliteReadModels({ path: join(temp.path, 'read-models.db'), versioned: true });
    return { store, cleanup: async () => (await store.close(), temp.remove()) };
  });
});

describe('SQLite read-model versions', () => {
  const opened: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of opened.splice(0)) await close();
  });
  readModelVersionsContract(async () => {
    const temp = makeTempDir('strata-read-model-versions-');
    const path = join(temp.path, 'read-models.db');
    // two connections, as two processes: the record and the tables are shared through the file
    const readers = openSqliteReadModels({ path, versioned: true });
    const rebuilder = openSqliteReadModels({ path, versioned: true });
    opened.push(async () => (await readers.close(), await rebuilder.close(), temp.remove()));
    return { readers, rebuilder };
  });
});

describe('SQLite feeds', () => {
  it('converts a feed kept before as a collection of the same name, once', async () => {
    const temp = makeTempDir('strata-read-model-feeds-');
    const path = join(temp.path, 'read-models.db');
    const before = openSqliteReadModels({ path, versioned: true });
    await before.collection('home_feed', { indexes: [['ownerId', 'statusId']] }).upsert({ id: '1:20', ownerId: '1', statusId: '20', authorId: '3', reblogOfId: '4' });
    await before.close();
    const after = openSqliteReadModels({ path, versioned: true });
    try {
      expect(await after.feed('home_feed').page('1', { direction: 'desc', limit: 5 })).toEqual([{ ownerId: '1', statusId: '20', authorId: '3', reblogOfId: '4' }]);
    } finally {
      await after.close();
      temp.remove();
    }
  });
});
