import { join } from 'node:path';
import { describe } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { readModelContract } from '../contract.ts';
import { openSqliteReadModels } from './sqlite-read-models.ts';

describe('SQLite read models', () => {
  readModelContract(async () => {
    const temp = makeTempDir('strata-read-models-');
    const store = openSqliteReadModels({ path: join(temp.path, 'read-models.db') });
    return { store, cleanup: async () => (await store.close(), temp.remove()) };
  });
});
