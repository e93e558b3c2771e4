import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

export interface TagFollowDoc extends Doc {
  accountId: string;
  tag: string;
  createdAt: string;
}

export function tagFollowsCollection(store: ReadModelStore): Collection<TagFollowDoc> {
  return store.collection<TagFollowDoc>('tag_follows', { indexes: [['tag'], ['accountId']] });
}

/** Local accounts following any of these tags: they get matching public statuses in their home timeline. */
export async function tagFollowers(store: ReadModelStore, tags: string[]): Promise<string[]> {
  if (tags.length === 0) return [];
  return (await tagFollowsCollection(store).find({ where: { tag: { $in: tags } } })).map((f) => f.accountId);
}
