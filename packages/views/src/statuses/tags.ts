import type { RecordedEvent } from '@strata/kernel';
import { strataEvents } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { Projection, ProjectionContext } from '../projection/projection.ts';
import { anyErased } from '../accounts/hidden-accounts.ts';

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

/** A hashtag someone used: what hashtag search and the tag entity read. */
export interface TagDoc extends Doc {
  name: string;
  lastUsedAt: string;
}

export function tagsCollection(store: ReadModelStore): Collection<TagDoc> {
  return store.collection<TagDoc>('tags', { searchFields: ['name'], indexes: [['lastUsedAt']] });
}

export async function recordTags(store: ReadModelStore, tags: string[], at: string) {
  const collection = tagsCollection(store);
  for (const name of tags) {
    const existing = await collection.get(name);
    if (!existing || existing.lastUsedAt < at) await collection.upsert({ id: name, name, lastUsedAt: at });
  }
}

export const tagFollowsProjection: Projection = {
  name: 'tag-follows',
  handles: new Set(['TagFollowChanged', 'AccountDeleted']),
  async apply(recorded: RecordedEvent, context: ProjectionContext) {
    const event = strataEvents.decode(recorded);
    if (event?.type === 'AccountDeleted') {
      await tagFollowsCollection(context.readModels).deleteWhere({ accountId: event.data.accountId });
      return;
    }
    if (event?.type !== 'TagFollowChanged') return;
    const { accountId, tag, following, at } = event.data;
    const follows = tagFollowsCollection(context.readModels);
    if (following && !(await anyErased(context.readModels, [accountId]))) await follows.upsert({ id: `${accountId}:${tag}`, accountId, tag, createdAt: at });
    else await follows.delete(`${accountId}:${tag}`);
  },
};
