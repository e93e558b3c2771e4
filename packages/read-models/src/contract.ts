import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uniqueName } from '@strata/testkit';
import type { Collection, Doc, Feed, FeedEntry, ReadModelStore } from './port.ts';

export interface ReadModelFixture {
  store: ReadModelStore;
  cleanup(): Promise<void>;
}

interface Note extends Doc {
  owner: string;
  statusId: string;
  kind: string | null;
  score?: number;
  likes?: number;
  tags: string[];
  text: string;
  pinned: boolean;
}

const note = (id: string, fields: Partial<Note> = {}): Note => ({
  id,
  owner: 'alice',
  statusId: id,
  kind: 'post',
  tags: [],
  text: '',
  pinned: false,
  ...fields,
});

/** The behaviour every read-model adapter must have; each adapter's spec calls this with its factory. */
export function readModelContract(factory: () => Promise<ReadModelFixture>) {
  let fixture: ReadModelFixture;
  let notes: Collection<Note>;
  beforeEach(async () => {
    fixture = await factory();
    notes = fixture.store.collection<Note>(uniqueName('notes').replaceAll('-', '_'), {
      indexes: [['owner', 'statusId']],
      searchFields: ['text'],
      numericStringFields: ['statusId'],
      arrayFields: ['tags'],
    });
  });
  afterEach(async () => fixture.cleanup());

  describe('documents', () => {
    it('upserts, gets, replaces and deletes', async () => {
      await notes.upsert(note('1', { text: 'first' }));
      expect(await notes.get('1')).toEqual(note('1', { text: 'first' }));
      await notes.upsert(note('1', { text: 'second' }));
      expect((await notes.get('1'))?.text).toBe('second');
      expect(await notes.get('2')).toBeNull();
      expect(await notes.delete('1')).toBe(true);
      expect(await notes.delete('1')).toBe(false);
      expect(await notes.get('1')).toBeNull();
    });

    it('inserts only when the id is free', async () => {
      expect(await notes.insert(note('1', { text: 'first' }))).toBe(true);
      expect(await notes.insert(note('1', { text: 'second' }))).toBe(false);
      expect((await notes.get('1'))?.text).toBe('first');
      const claims = await Promise.all([notes.insert(note('2')), notes.insert(note('2')), notes.insert(note('2'))]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('gets many in the order asked, skipping missing ones', async () => {
      await notes.upsertMany([note('1'), note('2'), note('3')]);
      expect((await notes.getMany(['3', 'x', '1'])).map((n) => n.id)).toEqual(['3', '1']);
      expect(await notes.getMany([])).toEqual([]);
    });

    it('patches top-level fields and keeps the rest', async () => {
      await notes.upsert(note('1', { text: 'hello', score: 1 }));
      expect(await notes.patch('1', { text: 'bye', pinned: true, kind: null })).toBe(true);
      expect(await notes.get('1')).toEqual(note('1', { text: 'bye', pinned: true, kind: null, score: 1 }));
      expect(await notes.patch('nope', { text: 'x' })).toBe(false);
    });

    it('increments counters, missing fields counting as 0', async () => {
      await notes.upsert(note('1', { score: 5 }));
      expect(await notes.increment('1', { score: 2, likes: 1 })).toBe(true);
      expect(await notes.increment('1', { likes: -1 })).toBe(true);
      expect(await notes.get('1')).toMatchObject({ score: 7, likes: 0 });
      expect(await notes.increment('nope', { score: 1 })).toBe(false);
    });
  });

  describe('queries', () => {
    beforeEach(async () => {
      await notes.upsertMany([
        note('9', { owner: 'alice', score: 1, tags: ['a', 'b'], kind: 'post' }),
        note('10', { owner: 'alice', score: 2, tags: ['b'], kind: null }),
        note('100000000000000000', { owner: 'bob', score: 3, tags: [], kind: 'reply' }),
        note('11', { owner: 'bob', score: 4, tags: ['c'], pinned: true }),
      ]);
    });
    const ids = (docs: Note[]) => docs.map((d) => d.id);

    it('filters on equality, null, booleans and array elements', async () => {
      expect(ids(await notes.find({ where: { owner: 'alice' }, sort: { field: 'id', direction: 'asc' } }))).toEqual(['9', '10']);
      expect(ids(await notes.find({ where: { kind: null } }))).toEqual(['10']);
      expect(ids(await notes.find({ where: { pinned: true } }))).toEqual(['11']);
      expect(ids(await notes.find({ where: { tags: 'b' }, sort: { field: 'id', direction: 'asc' } }))).toEqual(['9', '10']);
      expect(ids(await notes.find({ where: { tags: { $in: ['c', 'z'] } } }))).toEqual(['11']);
    });

    it('supports $ne, $in, $nin and $exists like MongoDB', async () => {
      const sorted = { sort: { field: 'id', direction: 'asc' } } as const;
      expect(ids(await notes.find({ where: { kind: { $ne: 'post' } }, ...sorted }))).toEqual(['10', '100000000000000000']);
      expect(ids(await notes.find({ where: { owner: { $in: ['bob'] } }, ...sorted }))).toEqual(['11', '100000000000000000']);
      expect(ids(await notes.find({ where: { owner: { $nin: ['bob'] } }, ...sorted }))).toEqual(['9', '10']);
      expect(ids(await notes.find({ where: { owner: { $in: [] } } }))).toEqual([]);
      expect(await notes.count({ likes: { $exists: false } })).toBe(4);
      expect(await notes.count({ score: { $exists: true } })).toBe(4);
    });

    it('sorts and compares decimal ids numerically', async () => {
      expect(ids(await notes.find({ sort: { field: 'id', direction: 'asc' } }))).toEqual(['9', '10', '11', '100000000000000000']);
      expect(ids(await notes.find({ sort: { field: 'statusId', direction: 'desc' } }))).toEqual([
        '100000000000000000',
        '11',
        '10',
        '9',
      ]);
      expect(ids(await notes.find({ where: { id: { $gt: '9', $lt: '100000000000000000' } }, sort: { field: 'id', direction: 'asc' } }))).toEqual([
        '10',
        '11',
      ]);
      expect(ids(await notes.find({ where: { statusId: { $gte: '11' } }, sort: { field: 'statusId', direction: 'asc' } }))).toEqual([
        '11',
        '100000000000000000',
      ]);
    });

    it('pages with a cursor, a limit and an offset', async () => {
      const page1 = await notes.find({ sort: { field: 'id', direction: 'desc' }, limit: 2 });
      expect(ids(page1)).toEqual(['100000000000000000', '11']);
      const page2 = await notes.find({ where: { id: { $lt: page1.at(-1)!.id } }, sort: { field: 'id', direction: 'desc' }, limit: 2 });
      expect(ids(page2)).toEqual(['10', '9']);
      expect(ids(await notes.find({ sort: { field: 'score', direction: 'asc' }, offset: 1, limit: 2 }))).toEqual(['10', '100000000000000000']);
    });

    it('gives the ids of matches alone, sorted and paged as find', async () => {
      const found = await notes.find({ where: { owner: 'alice' }, sort: { field: 'statusId', direction: 'desc' }, limit: 2, offset: 1 });
      expect(await notes.ids({ where: { owner: 'alice' }, sort: { field: 'statusId', direction: 'desc' }, limit: 2, offset: 1 })).toEqual(found.map((n) => n.id));
      expect(await notes.ids({ where: { owner: 'nobody' } })).toEqual([]);
    });

    it('finds in any order when asked (unordered), through a named index when asked', async () => {
      const where = { owner: 'bob', statusId: { $in: ['3', '11', '100000000000000000'] } };
      const sorted = (found: Note[]) => ids(found).sort();
      expect(sorted(await notes.find({ where, unordered: true }))).toEqual(['100000000000000000', '11']);
      expect(sorted(await notes.find({ where, unordered: true, index: ['owner', 'statusId'] }))).toEqual(['100000000000000000', '11']);
      expect(ids(await notes.find({ where: { owner: 'alice' }, index: ['owner', 'statusId'], sort: { field: 'id', direction: 'asc' } }))).toEqual(['9', '10']);
    });

    it('counts and deletes by filter', async () => {
      expect(await notes.count()).toBe(4);
      expect(await notes.count({ owner: 'bob', score: { $gt: 3 } })).toBe(1);
      expect(await notes.deleteWhere({ owner: 'alice' })).toBe(2);
      expect(await notes.count()).toBe(2);
    });
  });

  describe('full-text search', () => {
    beforeEach(async () => {
      await notes.upsertMany([
        note('1', { owner: 'alice', text: 'Event sourcing with projections' }),
        note('2', { owner: 'bob', text: 'projections projections everywhere' }),
        note('3', { owner: 'alice', text: 'Cooking pasta tonight' }),
      ]);
    });

    it('finds matching documents, best first, honouring filters, limit and offset', async () => {
      const found = await notes.search('projections');
      expect(found.map((n) => n.id).sort()).toEqual(['1', '2']);
      expect(found[0]!.id).toBe('2');
      expect((await notes.search('projections', { where: { owner: 'alice' } })).map((n) => n.id)).toEqual(['1']);
      expect(await notes.search('projections', { limit: 1, offset: 1 })).toHaveLength(1);
      expect((await notes.search('pas')).map((n) => n.id)).toEqual(['3']);
    });

    it('follows updates and deletions', async () => {
      await notes.patch('3', { text: 'projections of pasta' });
      expect(await notes.search('projections')).toHaveLength(3);
      await notes.delete('1');
      expect((await notes.search('projections')).map((n) => n.id).sort()).toEqual(['2', '3']);
    });

    it('never throws on odd input', async () => {
      for (const text of ['', '   ', '"', '*', 'AND', 'OR NOT', '(a', 'a) OR (b', "'; DROP TABLE x; --", 'NEAR(a b)', '^x', '😀']) {
        await expect(notes.search(text)).resolves.toBeInstanceOf(Array);
      }
    });
  });

  it('keeps collections apart and drops everything on dropAll', async () => {
    const other = fixture.store.collection<Note>(uniqueName('other').replaceAll('-', '_'));
    await notes.upsert(note('1'));
    await other.upsert(note('2'));
    expect(await notes.count()).toBe(1);
    expect(await other.get('1')).toBeNull();
    await fixture.store.dropAll();
    expect(await notes.count()).toBe(0);
    expect(await other.count()).toBe(0);
    await notes.upsert(note('3', { text: 'after the drop' }));
    expect((await notes.search('drop')).map((n) => n.id)).toEqual(['3']);
  });

  it('keeps the writes of a batch, readable at once and after the flush', async () => {
    fixture.store.beginBatch();
    fixture.store.beginBatch();
    await notes.upsert(note('1'));
    await notes.increment('1', { likes: 2 });
    expect(await notes.count()).toBe(1);
    await fixture.store.flushBatch();
    await fixture.store.flushBatch();
    expect(await notes.get('1')).toMatchObject({ likes: 2 });
  });

  describe('feeds', () => {
    let feed: Feed;
    // ids of different lengths: they must order as numbers, not as text
    const entry = (ownerId: string, statusId: string, fields: Partial<FeedEntry> = {}): FeedEntry => ({ ownerId, statusId, authorId: '7', reblogOfId: null, ...fields });
    const ids = (entries: FeedEntry[]) => entries.map((e) => e.statusId);
    beforeEach(async () => {
      feed = fixture.store.feed(uniqueName('feed').replaceAll('-', '_'));
      await feed.push(['100', '200', '100'], { statusId: '9', authorId: '7', reblogOfId: null });
      await feed.add([entry('100', '10'), entry('100', '110', { authorId: '8', reblogOfId: '9' }), entry('200', '1000000000000000000')]);
    });

    it('pushes one status to many owners and pages each timeline by status id as a number', async () => {
      expect(ids(await feed.page('100', { direction: 'desc', limit: 10 }))).toEqual(['110', '10', '9']);
      expect(await feed.page('100', { direction: 'asc', limit: 1 })).toEqual([entry('100', '9')]);
      expect(ids(await feed.page('100', { below: '110', above: '9', direction: 'desc', limit: 10 }))).toEqual(['10']);
      expect(ids(await feed.page('200', { direction: 'desc', limit: 10 }))).toEqual(['1000000000000000000', '9']);
      expect(await feed.page('300', { direction: 'desc', limit: 10 })).toEqual([]);
    });

    it('keeps an entry pushed twice once, as it was', async () => {
      await feed.push(['100'], { statusId: '110', authorId: '7', reblogOfId: null });
      expect(await feed.find({ ownerId: '100', statusIds: ['110'] })).toEqual([entry('100', '110', { authorId: '8', reblogOfId: '9' })]);
    });

    it('finds, counts and removes by owner, author, statuses and boosted status', async () => {
      expect((await feed.find({ statusIds: ['9', '1000000000000000000'] })).map((e) => `${e.ownerId}:${e.statusId}`).sort()).toEqual(['100:9', '200:1000000000000000000', '200:9']);
      expect(await feed.count({ ownerId: '100' })).toBe(3);
      expect(await feed.count({ authorId: '8' })).toBe(1);
      expect(await feed.count({ ownerId: '100', reblogOfId: '9' })).toBe(1);
      expect(await feed.count({ statusIds: [] })).toBe(0);
      expect(await feed.remove({ ownerId: '100', authorId: '7' })).toBe(2);
      expect(ids(await feed.page('100', { direction: 'desc', limit: 10 }))).toEqual(['110']);
      expect(await feed.remove({ statusIds: ['9'] })).toBe(1);
      expect(await feed.count({})).toBe(2);
    });

    it('trims a timeline to its newest entries, leaving the others', async () => {
      await feed.trim('100', 2);
      expect(ids(await feed.page('100', { direction: 'desc', limit: 10 }))).toEqual(['110', '10']);
      await feed.trim('100', 5);
      expect(await feed.count({ ownerId: '100' })).toBe(2);
      expect(await feed.count({ ownerId: '200' })).toBe(2);
    });

    it('is emptied by dropAll', async () => {
      await fixture.store.dropAll();
      expect(await feed.count({})).toBe(0);
    });
  });

  it('refuses field names that could smuggle in a query', async () => {
    await expect(notes.find({ where: { "x') OR 1=1 --": 'a' } })).rejects.toThrow();
  });
}
