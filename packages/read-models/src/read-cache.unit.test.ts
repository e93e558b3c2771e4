import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { withReadCache } from './read-cache.ts';
import { openSqliteReadModels } from './sqlite/sqlite-read-models.ts';

describe('withReadCache', () => {
  it('serves repeated reads from memory until they expire, and passes the rest through', async () => {
    const temp = makeTempDir('strata-read-cache-');
    const store = openSqliteReadModels({ path: join(temp.path, 'rm.db') });
    try {
      const cached = withReadCache(store, ['statuses'], 60_000);
      const direct = store.collection('statuses');
      await direct.upsert({ id: '1', text: 'first' });
      expect(await cached.collection('statuses').get('1')).toMatchObject({ text: 'first' });
      await direct.upsert({ id: '1', text: 'changed' });
      await direct.upsert({ id: '2', text: 'second' });
      expect(await cached.collection('statuses').get('1')).toMatchObject({ text: 'first' });
      expect((await cached.collection('statuses').getMany(['2', '1', '3'])).map((d) => d['text'])).toEqual(['second', 'first']);
      expect(await cached.collection('statuses').count()).toBe(2);
      expect(await cached.collection('accounts').get('1')).toBeNull();

      const short = withReadCache(store, ['statuses'], 0);
      expect(await short.collection('statuses').get('1')).toMatchObject({ text: 'changed' });
    } finally {
      await store.close();
      temp.remove();
    }
  });
});
