import { expect, it } from 'vitest';
import { eventually } from '@strata/testkit';
import type { Doc, ReadModelStore } from './port.ts';

interface Entry extends Doc {
  text: string;
}

/**
 * The versions of a read-model store, on every adapter: a rebuild's version is out of
 * readers' sight until activated, then readers move to it; kept collections are shared
 * by every version; dropping a version takes only its own collections.
 */
export function readModelVersionsContract(open: () => Promise<{ readers: ReadModelStore; rebuilder: ReadModelStore }>) {
  it('hides a version from readers until it is activated, then moves them all to it', async () => {
    const { readers: readerStore, rebuilder: store } = await open();
    const readers = readerStore.collection<Entry>('entries', { searchFields: ['text'] });
    const kept = readerStore.collection<Entry>('requests', { keptAcrossRebuilds: true });
    await store.versions.at(1).collection<Entry>('entries', { searchFields: ['text'] }).upsert({ id: 'a', text: 'old version' });
    await kept.upsert({ id: 'r', text: 'an archive request' });

    const state = await store.versions.update((current) => ({ ...current, last: current.last + 1, building: { version: current.last + 1, leaseUntil: Date.now() + 60_000 } }));
    const next = state!.building!.version;
    const rebuilt = store.versions.at(next);
    await rebuilt.collection<Entry>('entries', { searchFields: ['text'] }).upsert({ id: 'a', text: 'new version' });
    await rebuilt.collection<Entry>('entries', { searchFields: ['text'] }).upsert({ id: 'b', text: 'new version' });
    expect(await readers.get('a')).toMatchObject({ text: 'old version' });
    expect(await readers.count()).toBe(1);

    await store.versions.update(({ building: _building, ...current }) => ({ ...current, active: next, retired: current.active }));
    await eventually(async () => ((await readers.count()) === 2 ? true : null), 5000);
    expect(await readers.get('a')).toMatchObject({ text: 'new version' });
    expect((await readers.search('version')).map((entry) => entry.id).sort()).toEqual(['a', 'b']);
    // the kept collection is the same in both versions
    expect(await rebuilt.collection<Entry>('requests', { keptAcrossRebuilds: true }).get('r')).toMatchObject({ text: 'an archive request' });

    await expect(store.versions.drop(next)).rejects.toThrow(/active/);
    await store.versions.drop(1, ['requests']);
    expect(await store.versions.at(1).collection<Entry>('entries', { searchFields: ['text'] }).count()).toBe(0);
    expect(await readers.count()).toBe(2);
    expect(await kept.get('r')).toMatchObject({ text: 'an archive request' });
  });

  it('changes the version record by compare-and-set', async () => {
    const { rebuilder: store } = await open();
    expect(await store.versions.state()).toMatchObject({ active: 1, last: 1 });
    expect(await store.versions.update(() => null)).toBeNull();
    const claims = await Promise.all(
      [1, 2, 3].map(() => store.versions.update((state) => (state.building ? null : { ...state, last: state.last + 1, building: { version: state.last + 1, leaseUntil: 0 } }))),
    );
    // one claim wins; the others saw it taken
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await store.versions.state()).last).toBe(2);
  });
}
