import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@strata/testkit';
import { openSqliteReadModels } from '@strata/read-models';
import { BatchMemo } from '../projection/batch-memo.ts';
import { blocksCollection, mutesCollection } from '../relationships/relationships.collection.ts';
import { stampRelationsChanged } from './relations-cache.ts';
import { loadViewer, loadViewers } from './viewer-relations.ts';

describe('the relations cache', () => {
  it('serves a viewer the relations of the current stamp, and a new stamp the changed ones', async () => {
    const temp = makeTempDir('strata-relations-cache-');
    const store = openSqliteReadModels({ path: join(temp.path, 'rm.db') });
    try {
      const now = new Date('2026-01-01T00:00:00Z');
      expect([...(await loadViewer(store, '1', now)).blocked]).toEqual([]);
      // a write without a new stamp is not seen (the projector always stamps with a relation change)
      await blocksCollection(store).upsert({ id: '1:2', accountId: '1', targetId: '2', pageId: '1', createdAt: now.toISOString() });
      expect([...(await loadViewer(store, '1', now)).blocked]).toEqual([]);
      await stampRelationsChanged(store);
      expect([...(await loadViewer(store, '1', now)).blocked]).toEqual(['2']);
      // blocked by someone: hidden both ways, for the one blocked too
      expect([...(await loadViewer(store, '2', now)).blocked]).toEqual(['1']);
    } finally {
      await store.close();
      temp.remove();
    }
  });

  it('loads many viewers at once as it loads each one, cached or not, and a new stamp the changed ones', async () => {
    const temp = makeTempDir('strata-relations-cache-');
    const store = openSqliteReadModels({ path: join(temp.path, 'rm.db') });
    try {
      const now = new Date('2026-01-01T00:00:00Z');
      await blocksCollection(store).upsert({ id: '1:2', accountId: '1', targetId: '2', pageId: '1', createdAt: now.toISOString() });
      await mutesCollection(store).upsert({ id: '3:1', accountId: '3', targetId: '1', pageId: '2', createdAt: now.toISOString(), notifications: true, expiresAt: null });
      await stampRelationsChanged(store);
      // viewer 1 cached alone first: the batch mixes cached and uncached viewers
      expect([...(await loadViewer(store, '1', now)).blocked]).toEqual(['2']);
      const shown = (viewers: Map<string, { blocked: ReadonlySet<string>; muted: ReadonlySet<string> }>) => [...viewers].map(([id, v]) => [id, [...v.blocked], [...v.muted]]);
      expect(shown(await loadViewers(store, ['1', '2', '3', '4'], now))).toEqual([
        ['1', ['2'], []],
        ['2', ['1'], []],
        ['3', [], ['1']],
        ['4', [], []],
      ]);
      await blocksCollection(store).upsert({ id: '4:3', accountId: '4', targetId: '3', pageId: '3', createdAt: now.toISOString() });
      await stampRelationsChanged(store);
      expect(shown(await loadViewers(store, ['3', '4'], now))).toEqual([
        ['3', ['4'], ['1']],
        ['4', ['3'], []],
      ]);
    } finally {
      await store.close();
      temp.remove();
    }
  });

  it('applies the expiry of a mute at each use, not when the cache was filled', async () => {
    const temp = makeTempDir('strata-relations-cache-');
    const store = openSqliteReadModels({ path: join(temp.path, 'rm.db') });
    try {
      await mutesCollection(store).upsert({ id: '1:3', accountId: '1', targetId: '3', pageId: '1', createdAt: '2026-01-01T00:00:00Z', notifications: true, expiresAt: '2026-01-01T01:00:00Z' });
      await stampRelationsChanged(store);
      expect([...(await loadViewer(store, '1', new Date('2026-01-01T00:30:00Z'))).muted]).toEqual(['3']);
      expect([...(await loadViewer(store, '1', new Date('2026-01-01T01:30:00Z'))).muted]).toEqual([]);
    } finally {
      await store.close();
      temp.remove();
    }
  });
});

describe('BatchMemo', () => {
  it('remembers a lookup across statuses and reactions, and forgets it at any other event', async () => {
    const memo = new BatchMemo();
    let loads = 0;
    const load = async () => ++loads;
    memo.beforeEvent('StatusPosted');
    expect(await memo.remember('k', load)).toBe(1);
    memo.forgetUnlessKept();
    memo.beforeEvent('StatusToggled');
    expect(await memo.remember('k', load)).toBe(1);
    memo.forgetUnlessKept();
    // a relation event reads afresh during it, and what follows reads afresh after it
    memo.beforeEvent('AccountBlocked');
    expect(await memo.remember('k', load)).toBe(2);
    expect(await memo.remember('k', load)).toBe(3);
    memo.forgetUnlessKept();
    memo.beforeEvent('StatusPosted');
    expect(await memo.remember('k', load)).toBe(4);
    memo.clear();
    expect(await memo.remember('k', load)).toBe(5);
  });
});
