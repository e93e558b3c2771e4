import { compareIds } from '@strata/kernel';
import type { Visibility } from '@strata/contracts';
import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import type { StatusDoc } from './statuses.collection.ts';

/**
 * One hashtag of one status (Mastodon's `statuses_tags`), with what the tag timeline
 * filters on, so that a page of a tag is an index range scan instead of reading every
 * public status's tags. Written only by the statuses projection, with the status.
 */
export interface StatusTagDoc extends Doc {
  /** Lower-cased, as tag timelines ask for it. */
  tag: string;
  statusId: string;
  accountId: string;
  visibility: Visibility;
  local: boolean;
  hasMedia: boolean;
}

export function statusTagsCollection(store: ReadModelStore): Collection<StatusTagDoc> {
  return store.collection<StatusTagDoc>('status_tags', {
    // each ends in the status id: a page is read in index order, without a sort step
    indexes: [['tag', 'visibility', 'statusId'], ['tag', 'visibility', 'local', 'statusId'], ['tag', 'visibility', 'hasMedia', 'statusId'], ['statusId']],
    numericStringFields: ['statusId'],
  });
}

/** The rows of a status as it is now: one per distinct tag of an original status, none for a boost. */
export function statusTagRows(doc: StatusDoc): StatusTagDoc[] {
  if (doc.reblogOfId) return [];
  const tags = new Set(doc.tags.map((tag) => tag.toLowerCase()));
  const { id: statusId, accountId, visibility, local, hasMedia } = doc;
  return [...tags].map((tag) => ({ id: `${tag}:${statusId}`, tag, statusId, accountId, visibility, local, hasMedia }));
}

/** Makes a status's rows match its document (posted or edited); the statuses projection's to call. */
export async function writeStatusTags(store: ReadModelStore, doc: StatusDoc, replacing: boolean) {
  const rows = statusTagsCollection(store);
  if (replacing) await rows.deleteWhere({ statusId: doc.id });
  const fresh = statusTagRows(doc);
  if (fresh.length) await rows.upsertMany(fresh);
}

export async function removeStatusTags(store: ReadModelStore, statusIds: string[]) {
  if (statusIds.length) await statusTagsCollection(store).deleteWhere({ statusId: statusIds.length === 1 ? statusIds[0]! : { $in: statusIds } });
}

export interface TagQuery {
  /** Any of these (lower-cased). */
  tags: string[];
  local?: boolean;
  hasMedia?: boolean;
}

export interface IdRange {
  $lt?: string;
  $gt?: string;
}

/**
 * Public statuses with any of the tags, by status id within `range`: one index range
 * scan per tag, merged (a status with two of the tags comes once).
 */
export async function taggedStatusIds(store: ReadModelStore, query: TagQuery, range: IdRange, direction: 'asc' | 'desc', limit: number): Promise<string[]> {
  const rows = statusTagsCollection(store);
  const bounded = Object.keys(range).length > 0;
  // the ids alone (tag:statusId) come from the index without parsing a document
  const pages = await Promise.all(
    [...new Set(query.tags)].map((tag) =>
      rows.ids({
        where: {
          tag,
          visibility: 'public',
          ...(query.local !== undefined && { local: query.local }),
          ...(query.hasMedia && { hasMedia: true }),
          ...(bounded && { statusId: range }),
        },
        sort: { field: 'statusId', direction },
        limit,
      }),
    ),
  );
  const ids = [...new Set(pages.flat().map((id) => id.slice(id.lastIndexOf(':') + 1)))];
  if (pages.length > 1) ids.sort((a, b) => (direction === 'desc' ? compareIds(b, a) : compareIds(a, b)));
  return ids.slice(0, limit);
}
