import type { Collection, Doc, Filter, ReadModelStore } from '@strata/read-models';

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
    indexes: [['ownerId', 'statusId'], ['statusId'], ['reblogOfId'], ['ownerId', 'authorId']],
    numericStringFields: ['statusId'],
  });
}

const BATCH = 1000;

/** Writes one status into many home timelines, in batches so a large audience stays one quick pass. */
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
}

/** How far back a boost counts as "already seen" in a home timeline. */
export const BOOST_DEDUPE_WINDOW = 40;

/**
 * The owners who have not seen `statusId` (or a boost of it) among their most recent
 * entries. One indexed query finds the few owners holding it at all; only those are
 * checked for recency, so the cost does not grow with the audience's feeds.
 */
export async function notYetSeenBoost(store: ReadModelStore, owners: string[], statusId: string): Promise<string[]> {
  const feed = homeFeed(store);
  const holders = new Set<string>();
  for (const where of [{ statusId }, { reblogOfId: statusId }] as Filter[]) for (const entry of await feed.find({ where })) holders.add(entry.ownerId);
  const seen = new Set<string>();
  for (const ownerId of owners) {
    if (!holders.has(ownerId)) continue;
    const recent = await feed.find({ where: { ownerId }, sort: { field: 'statusId', direction: 'desc' }, limit: BOOST_DEDUPE_WINDOW });
    if (recent.some((entry) => entry.statusId === statusId || entry.reblogOfId === statusId)) seen.add(ownerId);
  }
  return owners.filter((owner) => !seen.has(owner));
}
