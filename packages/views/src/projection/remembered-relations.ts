import { erasedAccountsCollection, suspendedAccounts } from '../accounts/hidden-accounts.ts';
import { firstOfPair, followsCollection } from '../relationships/relationships.collection.ts';
import { tagFollowers } from '../statuses/tags.ts';
import { listMembersCollection } from '../timelines/lists.ts';
import { remembered } from './batch-memo.ts';
import type { ProjectionContext } from './projection.ts';

/*
 * The relations the projections of statuses and reactions read for every event, read
 * once per batch through its memo (see BatchMemo for when it forgets them).
 */

/** Whether any of these accounts was deleted (as `anyErased`, one lookup per account per batch). */
export async function anyErasedIn(context: ProjectionContext, accountIds: string[]): Promise<boolean> {
  const erased = erasedAccountsCollection(context.readModels);
  for (const id of accountIds) if (await remembered(context, `erased:${id}`, async () => (await erased.get(id)) !== null)) return true;
  return false;
}

/**
 * The accounts following this one (accepted follows), or only those who take its boosts
 * or asked to be notified of its posts. Ids alone, read from the pair ids of the follows:
 * for a plain audience the follows' index answers without reading a document.
 */
export function followerIdsOf(context: ProjectionContext, accountId: string, only?: 'reblogs' | 'notify'): Promise<readonly string[]> {
  return remembered(context, `followers:${accountId}:${only ?? 'all'}`, async () => {
    const pairs = await followsCollection(context.readModels).ids({ where: { followedId: accountId, state: 'following', ...(only && { [only]: true }) } });
    return pairs.map(firstOfPair);
  });
}

/** Local accounts following any of these tags. */
export function tagFollowersIn(context: ProjectionContext, tags: string[]): Promise<readonly string[]> {
  if (tags.length === 0) return Promise.resolve([]);
  return remembered(context, `tag-followers:${JSON.stringify(tags)}`, () => tagFollowers(context.readModels, tags));
}

/** The lists an account is a member of. */
export async function listsHolding(context: ProjectionContext, accountId: string): Promise<readonly string[]> {
  return remembered(context, `lists:${accountId}`, async () => (await listMembersCollection(context.readModels).find({ where: { accountId } })).map((m) => m.listId));
}

/** The suspended accounts (and those on suspended servers), as reaction counts leave them out. */
export function suspendedIn(context: ProjectionContext): Promise<readonly string[]> {
  return remembered(context, 'suspended', () => suspendedAccounts(context.readModels));
}
