import type { ReadModelStore } from '@strata/read-models';
import { type AccountDoc, accountsCollection } from '../accounts/accounts.view.ts';
import { shownAccountFilter, shownAccounts } from '../accounts/hidden-accounts.ts';
import { followsCollection } from '../relationships/relationships.collection.ts';
import { canSeeAccount, type ViewerRelations } from '../visibility/visibility-policy.ts';
import { dismissedSuggestionsCollection } from './account-marks.projection.ts';

export type SuggestionSource = 'friends_of_friends' | 'most_followed';

export interface FollowSuggestion {
  account: AccountDoc;
  sources: SuggestionSource[];
}

/** How many of the viewer's follows are asked who they follow: enough to suggest well, bounded per request. */
const FRIENDS_SAMPLE = 200;

/**
 * Accounts to follow, from the follow graph: first those followed by the most of the
 * accounts the viewer follows (friends of friends), then the most followed local
 * accounts. Only discoverable accounts the viewer may see, not the viewer, not one it
 * follows or asked to, not one it dismissed, not one it muted.
 */
export async function followSuggestions(store: ReadModelStore, viewer: ViewerRelations & { viewerId: string }, limit: number): Promise<FollowSuggestion[]> {
  const me = viewer.viewerId;
  const follows = followsCollection(store);
  const [mine, dismissed] = await Promise.all([
    follows.find({ where: { followerId: me } }),
    dismissedSuggestionsCollection(store).find({ where: { accountId: me } }),
  ]);
  const excluded = new Set([me, ...mine.map((f) => f.followedId), ...dismissed.map((d) => d.targetId), ...viewer.muted]);
  const eligible = (a: AccountDoc) => a.discoverable && !excluded.has(a.id) && canSeeAccount(viewer, a.id);

  const friends = mine.filter((f) => f.state === 'following').slice(0, FRIENDS_SAMPLE).map((f) => f.followedId);
  const theirs = friends.length ? await follows.find({ where: { followerId: { $in: friends }, state: 'following' } }) : [];
  const tally = new Map<string, number>();
  for (const f of theirs) tally.set(f.followedId, (tally.get(f.followedId) ?? 0) + 1);
  const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const result = new Map<string, FollowSuggestion>();
  for (const account of await shownAccounts(store, ranked)) {
    if (eligible(account)) result.set(account.id, { account, sources: ['friends_of_friends'] });
  }

  const popular = await accountsCollection(store).find({
    where: { ...shownAccountFilter, domain: null, discoverable: true },
    sort: { field: 'followersCount', direction: 'desc' },
    limit: limit + excluded.size + result.size,
  });
  for (const account of popular) {
    if (!eligible(account) || account.followersCount === 0) continue;
    const known = result.get(account.id);
    if (known) known.sources.push('most_followed');
    else result.set(account.id, { account, sources: ['most_followed'] });
  }
  return [...result.values()].slice(0, limit);
}
