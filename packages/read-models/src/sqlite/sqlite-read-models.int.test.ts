import { join } from 'node:path';
import { afterEach, describe } from 'vitest';
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
