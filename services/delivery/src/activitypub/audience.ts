import type { Recipient } from '@fedify/vocab';
import type { FederationDeps } from '@strata/federation';
import { type AccountDoc, accountsCollection, followsCollection } from '@strata/views';

/** Remote accounts that must hear of a status: the author's followers (unless direct) and the mentioned. */
export async function remoteAudience(deps: FederationDeps, author: AccountDoc, visibility: string, mentionIds: string[]): Promise<AccountDoc[]> {
  const store = await deps.readModels();
  const followerIds = visibility === 'direct'
    ? []
    : (await followsCollection(store).find({ where: { followedId: author.id, state: 'following' } })).map((follow) => follow.followerId);
  const accounts = await accountsCollection(store).getMany([...new Set([...followerIds, ...mentionIds])]);
  return accounts.filter((account) => account.remote && !account.suspended);
}

export function recipientOf(account: AccountDoc): Recipient {
  const remote = account.remote!;
  return {
    id: new URL(remote.uri),
    inboxId: new URL(remote.inbox),
    endpoints: remote.sharedInbox ? { sharedInbox: new URL(remote.sharedInbox) } : null,
  };
}
