import type { Collection, Doc, ReadModelStore } from '@strata/read-models';

/** One entry of one account's home timeline: fan-out on write puts it there. */
export interface FeedEntryDoc extends Doc {
  ownerId: string;
  statusId: string;
  authorId: string;
  /** The boosted status, for entries that are boosts. */
  reblogOfId: string | null;
}

export function homeFeed(store: ReadModelStore): Collection<FeedEntryDoc> {
  return store.collection<FeedEntryDoc>('home_feed', {
    // two indexes only, since every fan-out writes them all: purges by author scan one
    // owner's bounded feed, and boosts are found through their statuses
    indexes: [['ownerId', 'statusId'], ['statusId']],
    numericStringFields: ['statusId'],
  });
}

const BATCH = 1000;

/** Entries kept per home timeline, as Mastodon keeps 800; older pages come from a query over statuses. */
export const HOME_FEED_MAX = 800;
/**
 * One push in about this many trims its owner's feed, chosen by a hash of the entry so a
 * redelivery trims the same feeds: the cost of trimming is shared between pushes and a
 * feed overshoots the bound by about this many entries before it is cut back.
 */
const TRIM_EVERY = 128;

function trimDue(entryId: string): boolean {
  // FNV-1a: cheap and well spread over the low bits
  let hash = 0x811c9dc5;
  for (let i = 0; i < entryId.length; i++) hash = Math.imul(hash ^ entryId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % TRIM_EVERY === 0;
}

/** Cuts one owner's feed back to its newest `HOME_FEED_MAX` entries. */
export async function trimFeed(store: ReadModelStore, ownerId: string) {
  const feed = homeFeed(store);
  const [edge] = await feed.find({ where: { ownerId }, sort: { field: 'statusId', direction: 'desc' }, offset: HOME_FEED_MAX - 1, limit: 1 });
  if (edge) await feed.deleteWhere({ ownerId, statusId: { $lt: edge.statusId } });
}

/**
 * Writes one status into many home timelines, in batches so a large audience stays one
 * quick pass; each write is an indexed insert, so the cost does not grow with the feeds.
 */
export async function fanOut(
  store: ReadModelStore,
  owners: Iterable<string>,
  entry: { statusId: string; authorId: string; reblogOfId: string | null },
) {
  const feed = homeFeed(store);
  let batch: FeedEntryDoc[] = [];
  for (const ownerId of new Set(owners)) {
    batch.push({ id: `${ownerId}:${entry.statusId}`, ownerId, ...entry });
    if (batch.length >= BATCH) {
      await feed.upsertMany(batch);
      batch = [];
    }
  }
  if (batch.length) await feed.upsertMany(batch);
  for (const ownerId of new Set(owners)) if (trimDue(`${ownerId}:${entry.statusId}`)) await trimFeed(store, ownerId);
}

/** How far back a boost counts as "already seen" in a home timeline. */
export const BOOST_DEDUPE_WINDOW = 40;

/**
 * The owners who have not seen `statusId` (or a boost of it) among their most recent
 * entries. One indexed query finds the few owners holding it at all; only those are
 * checked for recency, so the cost does not grow with the audience's feeds.
 */
export async function notYetSeenBoost(store: ReadModelStore, owners: string[], statusId: string, boostIds: string[]): Promise<string[]> {
  const feed = homeFeed(store);
  const holders = new Set<string>();
  for (const entry of await feed.find({ where: { statusId: { $in: [statusId, ...boostIds] } } })) holders.add(entry.ownerId);
  const seen = new Set<string>();
  for (const ownerId of owners) {
    if (!holders.has(ownerId)) continue;
    const recent = await feed.find({ where: { ownerId }, sort: { field: 'statusId', direction: 'desc' }, limit: BOOST_DEDUPE_WINDOW });
    if (recent.some((entry) => entry.statusId === statusId || entry.reblogOfId === statusId)) seen.add(ownerId);
  }
  return owners.filter((owner) => !seen.has(owner));
}
