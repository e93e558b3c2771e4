import type { ReadModelStore } from '@strata/read-models';
import { accountNotesCollection, blocksCollection, endorsementsCollection, followsCollection, mutesCollection, pairId } from '@strata/views';

/** Mastodon's Relationship: everything between the viewer and one other account. */
export async function presentRelationship(store: ReadModelStore, viewer: string, other: string, now: Date) {
  const [following, followedBy, blocking, blockedBy, muting, endorsement, note] = await Promise.all([
    followsCollection(store).get(pairId(viewer, other)),
    followsCollection(store).get(pairId(other, viewer)),
    blocksCollection(store).get(pairId(viewer, other)),
    blocksCollection(store).get(pairId(other, viewer)),
    mutesCollection(store).get(pairId(viewer, other)),
    endorsementsCollection(store).get(pairId(viewer, other)),
    accountNotesCollection(store).get(pairId(viewer, other)),
  ]);
  const muted = muting && (!muting.expiresAt || Date.parse(muting.expiresAt) > now.getTime()) ? muting : null;
  return {
    id: other,
    following: following?.state === 'following',
    showing_reblogs: following?.state === 'following' ? following.reblogs : false,
    notifying: following?.state === 'following' ? following.notify : false,
    languages: following?.languages ?? null,
    followed_by: followedBy?.state === 'following',
    blocking: Boolean(blocking),
    blocked_by: Boolean(blockedBy),
    muting: Boolean(muted),
    muting_notifications: Boolean(muted?.notifications),
    requested: following?.state === 'requested',
    requested_by: followedBy?.state === 'requested',
    domain_blocking: false,
    endorsed: Boolean(endorsement),
    note: note?.comment ?? '',
  };
}

