import type { ReadModelStore } from '@strata/read-models';
import { type StatusDoc, blocksCollection, isFollowing, pairId } from '@strata/views';

/**
 * Who may see a status: public and unlisted everyone, private the author's followers and
 * the mentioned, direct only the mentioned; never across a block.
 */
export async function canSee(store: ReadModelStore, viewer: string | null, status: StatusDoc): Promise<boolean> {
  if (viewer === status.accountId) return true;
  if (viewer && (await blockedBetween(store, viewer, status.accountId))) return false;
  switch (status.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return viewer !== null && (status.mentionIds.includes(viewer) || (await isFollowing(store, viewer, status.accountId)));
    case 'direct':
      return viewer !== null && status.mentionIds.includes(viewer);
  }
}

export async function blockedBetween(store: ReadModelStore, a: string, b: string): Promise<boolean> {
  const blocks = blocksCollection(store);
  const [one, other] = await Promise.all([blocks.get(pairId(a, b)), blocks.get(pairId(b, a))]);
  return Boolean(one || other);
}
