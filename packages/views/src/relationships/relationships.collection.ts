import type { Collection, Doc, ReadModelStore } from '@strata/read-models';
import { suspendedAccounts } from '../accounts/hidden-accounts.ts';

export interface FollowDoc extends Doc {
  followerId: string;
  followedId: string;
  state: 'requested' | 'following';
  reblogs: boolean;
  notify: boolean;
  languages: string[] | null;
  /** Time-ordered id of the follow or request, for paging followers and requests. */
  pageId: string;
  createdAt: string;
}

export interface BlockDoc extends Doc {
  accountId: string;
  targetId: string;
  pageId: string;
  createdAt: string;
}

export interface MuteDoc extends BlockDoc {
  notifications: boolean;
  expiresAt: string | null;
}

export const pairId = (a: string, b: string) => `${a}:${b}`;
/** The first account of a pair id (the follower of a follow), as account ids hold no colon. */
export const firstOfPair = (id: string) => id.slice(0, id.indexOf(':'));

export function followsCollection(store: ReadModelStore): Collection<FollowDoc> {
  return store.collection<FollowDoc>('follows', {
    // the third serves every post: who asked to be notified of it, without reading each follower's document
    indexes: [['followedId', 'state', 'pageId'], ['followerId', 'state', 'pageId'], ['followedId', 'notify', 'state']],
    numericStringFields: ['pageId'],
  });
}

export function blocksCollection(store: ReadModelStore): Collection<BlockDoc> {
  return store.collection<BlockDoc>('blocks', { indexes: [['accountId', 'pageId'], ['targetId']], numericStringFields: ['pageId'] });
}

export function mutesCollection(store: ReadModelStore): Collection<MuteDoc> {
  return store.collection<MuteDoc>('mutes', { indexes: [['accountId', 'pageId'], ['targetId']], numericStringFields: ['pageId'] });
}

/** Accounts `viewer` must not see: blocked by them, blocking them, and (for timelines) muted. */
export async function hiddenAccounts(store: ReadModelStore, viewer: string, now: Date, includeMutes = true): Promise<Set<string>> {
  const [blocked, blockedBy, muted, suspended] = await Promise.all([
    blocksCollection(store).find({ where: { accountId: viewer } }),
    blocksCollection(store).find({ where: { targetId: viewer } }),
    includeMutes ? mutesCollection(store).find({ where: { accountId: viewer } }) : Promise.resolve([]),
    suspendedAccounts(store),
  ]);
  const live = muted.filter((mute) => !mute.expiresAt || Date.parse(mute.expiresAt) > now.getTime());
  return new Set([...blocked.map((b) => b.targetId), ...blockedBy.map((b) => b.accountId), ...live.map((m) => m.targetId), ...suspended]);
}

export async function isFollowing(store: ReadModelStore, followerId: string, followedId: string): Promise<boolean> {
  return (await followsCollection(store).get(pairId(followerId, followedId)))?.state === 'following';
}
