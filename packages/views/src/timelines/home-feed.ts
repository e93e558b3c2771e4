import type { Feed, ReadModelStore } from '@strata/read-models';

/**
 * The home timelines: one entry per owner and status, written by fan-out. A feed rather
 * than a collection, since every post writes one entry per follower (see `Feed`).
 */
export function homeFeed(store: ReadModelStore): Feed {
  return store.feed('home_feed');
}

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
  await homeFeed(store).trim(ownerId, HOME_FEED_MAX);
}

/** Writes one status into many home timelines at once, trimming the few feeds whose turn it is. */
export async function fanOut(store: ReadModelStore, audience: Iterable<string>, entry: { statusId: string; authorId: string; reblogOfId: string | null }) {
  const owners = new Set(audience);
  await homeFeed(store).push(owners, entry);
  for (const ownerId of owners) if (trimDue(`${ownerId}:${entry.statusId}`)) await trimFeed(store, ownerId);
}

/** How far back a boost counts as "already seen" in a home timeline. */
export const BOOST_DEDUPE_WINDOW = 40;

/**
 * The owners who have not seen `statusId` (or a boost of it) among their most recent
 * entries. One indexed query finds the few owners holding it at all; only those are
 * checked for recency, so the cost does not grow with the audience's feeds.
 */
export async function notYetSeenBoost(store: ReadModelStore, owners: readonly string[], statusId: string, boostIds: string[]): Promise<string[]> {
  const feed = homeFeed(store);
  const holders = new Set<string>();
  for (const entry of await feed.find({ statusIds: [statusId, ...boostIds] })) holders.add(entry.ownerId);
  const seen = new Set<string>();
  for (const ownerId of owners) {
    if (!holders.has(ownerId)) continue;
    const recent = await feed.page(ownerId, { direction: 'desc', limit: BOOST_DEDUPE_WINDOW });
    if (recent.some((entry) => entry.statusId === statusId || entry.reblogOfId === statusId)) seen.add(ownerId);
  }
  return owners.filter((owner) => !seen.has(owner));
}
