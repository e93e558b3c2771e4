import type { ReadModelStore } from '@strata/read-models';
import { excludingSuspended } from '../accounts/hidden-accounts.ts';
import { marksCollection, statusesCollection } from './statuses.collection.ts';

/** Boosts and favourites are counted, never incremented, and suspended accounts' ones are left out. */
export async function recountReblogs(store: ReadModelStore, statusId: string) {
  const reblogsCount = await statusesCollection(store).count({ reblogOfId: statusId, ...(await excludingSuspended(store)) });
  await statusesCollection(store).patch(statusId, { reblogsCount });
}

/** `suspended`: the suspended accounts when the caller has them already (the projector remembers them per batch). */
export async function recountFavourites(store: ReadModelStore, statusId: string, suspended?: readonly string[]) {
  const notSuspended = suspended ? (suspended.length ? { accountId: { $nin: [...suspended] } } : {}) : await excludingSuspended(store);
  const favouritesCount = await marksCollection(store, 'favourite').count({ statusId, ...notSuspended });
  await statusesCollection(store).patch(statusId, { favouritesCount });
}

/** The statuses an account boosted or favourited: their counts change when it is suspended or deleted. */
async function reactedTo(store: ReadModelStore, accountId: string) {
  const boosts = await statusesCollection(store).find({ where: { accountId, reblogOfId: { $ne: null } } });
  const favourites = await marksCollection(store, 'favourite').find({ where: { accountId } });
  return { boosts, boosted: [...new Set(boosts.map((b) => b.reblogOfId!))], favourited: favourites.map((f) => f.statusId) };
}

export async function recountReactionsOf(store: ReadModelStore, accountId: string) {
  const { boosted, favourited } = await reactedTo(store, accountId);
  for (const statusId of boosted) await recountReblogs(store, statusId);
  for (const statusId of favourited) await recountFavourites(store, statusId);
}

/** A deleted account's boosts, favourites, bookmarks, pins and conversation mutes go, and the counts they made. */
export async function forgetReactionsOf(store: ReadModelStore, accountId: string) {
  const { boosts, boosted, favourited } = await reactedTo(store, accountId);
  for (const boost of boosts) await statusesCollection(store).delete(boost.id);
  for (const kind of ['favourite', 'bookmark', 'pin', 'mute'] as const) await marksCollection(store, kind).deleteWhere({ accountId });
  for (const statusId of boosted) await recountReblogs(store, statusId);
  for (const statusId of favourited) await recountFavourites(store, statusId);
}
