import type { ReadModelStore } from '@strata/read-models';
import { accountsCollection } from '../accounts/accounts.view.ts';
import type { NotificationDoc } from '../notifications/notifications.ts';
import { followsCollection, pairId } from '../relationships/relationships.collection.ts';
import type { StatusDoc } from '../statuses/statuses.collection.ts';
import type { ViewerRelations } from '../visibility/visibility-policy.ts';
import { type NotificationPolicy, notificationPermissionsCollection, notificationPolicyOf } from './notification-policy.projection.ts';

export type NotificationOutcome = 'accept' | 'filter' | 'drop';

/** Types a policy may hold back, as in Mastodon; a status, poll or edit one subscribed to always comes through. */
const FILTERABLE = new Set(['mention', 'reblog', 'follow', 'follow_request', 'favourite']);
const DAY_MS = 86_400_000;
const NEW_ACCOUNT_MS = 30 * DAY_MS;
/** A follower of less than three days counts as not yet following (Mastodon's rule against follow-then-spam). */
const SETTLED_FOLLOWER_MS = 3 * DAY_MS;

/**
 * What the recipient's notification policy does to each notification: shown, set aside
 * as a request from its sender, or dropped. Staff and accepted senders always pass; the
 * strictest condition that applies wins (drop over filter over accept).
 */
export async function notificationOutcomes(
  store: ReadModelStore,
  recipient: ViewerRelations & { viewerId: string },
  docs: readonly NotificationDoc[],
  statuses: ReadonlyMap<string, StatusDoc>,
): Promise<Map<string, NotificationOutcome>> {
  const outcomes = new Map<string, NotificationOutcome>();
  const held = docs.filter((d) => FILTERABLE.has(d.type));
  for (const doc of docs) outcomes.set(doc.id, 'accept');
  if (held.length === 0) return outcomes;
  const viewer = recipient.viewerId;
  const senders = [...new Set(held.map((d) => d.fromAccountId))];
  const [policy, permissions, accounts, following, followers] = await Promise.all([
    notificationPolicyOf(store, viewer),
    notificationPermissionsCollection(store).getMany(senders.map((s) => `${viewer}:${s}`)),
    accountsCollection(store).getMany(senders),
    followsCollection(store).getMany(senders.map((s) => pairId(viewer, s))),
    followsCollection(store).getMany(senders.map((s) => pairId(s, viewer))),
  ]);
  const accepted = new Set(permissions.map((p) => p.fromAccountId));
  const staff = new Set(accounts.filter((a) => a.role === 'admin' || a.role === 'moderator').map((a) => a.id));
  const createdAt = new Map(accounts.map((a) => [a.id, Date.parse(a.createdAt)]));
  const followed = new Set(following.filter((f) => f.state === 'following').map((f) => f.followedId));
  const followerSince = new Map(followers.filter((f) => f.state === 'following').map((f) => [f.followerId, Date.parse(f.createdAt)]));
  for (const doc of held) {
    const sender = doc.fromAccountId;
    if (accepted.has(sender) || staff.has(sender)) continue;
    const at = Date.parse(doc.createdAt);
    const since = followerSince.get(sender);
    const status = doc.statusId ? statuses.get(doc.statusId) : undefined;
    const applies: (keyof NotificationPolicy)[] = [];
    if (!followed.has(sender)) applies.push('forNotFollowing');
    if (since === undefined || at - since < SETTLED_FOLLOWER_MS) applies.push('forNotFollowers');
    if (at - (createdAt.get(sender) ?? 0) < NEW_ACCOUNT_MS) applies.push('forNewAccounts');
    // a private mention from someone the recipient does not follow, not an answer to the recipient
    if (doc.type === 'mention' && status?.visibility === 'direct' && !followed.has(sender) && status.inReplyToAccountId !== viewer) applies.push('forPrivateMentions');
    if (recipient.silenced.has(sender)) applies.push('forLimitedAccounts');
    const values = applies.map((condition) => policy[condition]);
    outcomes.set(doc.id, values.includes('drop') ? 'drop' : values.includes('filter') ? 'filter' : 'accept');
  }
  return outcomes;
}
