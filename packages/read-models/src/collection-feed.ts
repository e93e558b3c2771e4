import type { Collection, Doc, Feed, FeedEntry, FeedMatch, FeedPage, Filter } from './port.ts';

/** A feed entry kept as a document, for engines whose documents are as cheap as narrower rows. */
export interface FeedEntryDoc extends Doc, FeedEntry {}

/** The collection options a document-kept feed needs: its two lookups indexed, status ids ordered as numbers. */
export const FEED_COLLECTION_OPTIONS = { indexes: [['ownerId', 'statusId'], ['statusId']], numericStringFields: ['statusId'] };

const BATCH = 1000;

/** A feed over one collection of entry documents, each with the id `owner:status` (the MongoDB adapter's). */
export function collectionFeed(entries: Collection<FeedEntryDoc>): Feed {
  const write = async (docs: Iterable<FeedEntry>) => {
    const batch: FeedEntryDoc[] = [];
    for (const entry of docs) {
      batch.push({ id: `${entry.ownerId}:${entry.statusId}`, ...entry });
      if (batch.length >= BATCH) await entries.upsertMany(batch.splice(0));
    }
    if (batch.length) await entries.upsertMany(batch);
  };
  return {
    name: entries.name,
    async push(ownerIds, entry) {
      await write([...new Set(ownerIds)].map((ownerId) => ({ ownerId, ...entry })));
    },
    add: (docs) => write(docs),
    async page(ownerId, page: FeedPage) {
      const range: Record<string, string> = {};
      if (page.below !== undefined) range['$lt'] = page.below;
      if (page.above !== undefined) range['$gt'] = page.above;
      const where: Filter = { ownerId, ...(Object.keys(range).length && { statusId: range }) };
      return (await entries.find({ where, sort: { field: 'statusId', direction: page.direction }, limit: page.limit })).map(entryOf);
    },
    find: async (match) => (await entries.find({ where: filterOf(match) })).map(entryOf),
    count: (match) => entries.count(filterOf(match)),
    remove: (match) => entries.deleteWhere(filterOf(match)),
    async trim(ownerId, keep) {
      const [edge] = await entries.find({ where: { ownerId }, sort: { field: 'statusId', direction: 'desc' }, offset: keep - 1, limit: 1 });
      if (edge) await entries.deleteWhere({ ownerId, statusId: { $lt: edge.statusId } });
    },
  };
}

function filterOf(match: FeedMatch): Filter {
  return {
    ...(match.ownerId !== undefined && { ownerId: match.ownerId }),
    ...(match.authorId !== undefined && { authorId: match.authorId }),
    ...(match.statusIds !== undefined && { statusId: { $in: match.statusIds } }),
    ...(match.reblogOfId !== undefined && { reblogOfId: match.reblogOfId }),
  };
}

function entryOf(doc: FeedEntryDoc): FeedEntry {
  return { ownerId: doc.ownerId, statusId: doc.statusId, authorId: doc.authorId, reblogOfId: doc.reblogOfId };
}
