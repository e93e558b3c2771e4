import { describe, expect, it } from 'vitest';
import { openSqliteReadModels } from '@strata/read-models';
import type { StatusDoc } from './statuses.collection.ts';
import { removeStatusTags, statusTagsCollection, taggedStatusIds, writeStatusTags } from './status-tags.ts';

const status = (id: string, tags: string[], more: Partial<StatusDoc> = {}) =>
  ({ id, accountId: '1', visibility: 'public', local: true, hasMedia: false, reblogOfId: null, tags, ...more }) as StatusDoc;

describe('the status–tag read model', () => {
  it('pages a tag by status id as numbers, merges several tags once each, and filters as the tag timeline asks', async () => {
    const store = openSqliteReadModels({ path: ':memory:' });
    // ids of different lengths: the order must be numeric, not textual
    await writeStatusTags(store, status('9', ['cats']), false);
    await writeStatusTags(store, status('10', ['cats', 'dogs', 'Cats']), false);
    await writeStatusTags(store, status('11', ['dogs'], { local: false }), false);
    await writeStatusTags(store, status('12', ['cats'], { visibility: 'unlisted' }), false);
    await writeStatusTags(store, status('100', ['cats'], { hasMedia: true }), false);
    await writeStatusTags(store, status('101', ['cats'], { reblogOfId: '9' }), false);

    expect(await statusTagsCollection(store).count({ statusId: '10' })).toBe(2);
    expect(await taggedStatusIds(store, { tags: ['cats'] }, {}, 'desc', 10)).toEqual(['100', '10', '9']);
    expect(await taggedStatusIds(store, { tags: ['cats'] }, { $lt: '100' }, 'desc', 1)).toEqual(['10']);
    expect(await taggedStatusIds(store, { tags: ['cats'] }, { $gt: '9' }, 'asc', 10)).toEqual(['10', '100']);
    expect(await taggedStatusIds(store, { tags: ['cats', 'dogs'] }, {}, 'desc', 10)).toEqual(['100', '11', '10', '9']);
    expect(await taggedStatusIds(store, { tags: ['dogs'], local: false }, {}, 'desc', 10)).toEqual(['11']);
    expect(await taggedStatusIds(store, { tags: ['cats'], hasMedia: true }, {}, 'desc', 10)).toEqual(['100']);

    // an edit replaces the rows; a deletion removes them
    await writeStatusTags(store, status('10', ['birds']), true);
    expect(await taggedStatusIds(store, { tags: ['cats', 'dogs'] }, {}, 'desc', 10)).toEqual(['100', '11', '9']);
    expect(await taggedStatusIds(store, { tags: ['birds'] }, {}, 'desc', 10)).toEqual(['10']);
    await removeStatusTags(store, ['10', '100']);
    expect(await taggedStatusIds(store, { tags: ['cats', 'birds'] }, {}, 'desc', 10)).toEqual(['9']);
  });
});
