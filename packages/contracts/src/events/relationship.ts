import { z } from 'zod';
import { snowflakeId } from './account.ts';
import { defineEvent } from './registry.ts';

/** One stream per ordered pair and kind: `follow-A-B` is A following B. */
export const followStream = (followerId: string, followedId: string) => `follow-${followerId}-${followedId}`;
export const blockStream = (accountId: string, targetId: string) => `block-${accountId}-${targetId}`;
export const muteStream = (accountId: string, targetId: string) => `mute-${accountId}-${targetId}`;

const pair = { followerId: snowflakeId, followedId: snowflakeId };
const followOptions = { reblogs: z.boolean(), notify: z.boolean(), languages: z.array(z.string()).nullable() };
/** The ActivityPub id of the Follow a remote follower sent: its Accept or Reject must name it. */
const followActivity = { activityUri: z.url().optional() };

export const FollowRequested = defineEvent('FollowRequested', 1, z.object({ ...pair, ...followOptions, ...followActivity, requestId: snowflakeId, at: z.iso.datetime() }));
export const AccountFollowed = defineEvent('AccountFollowed', 1, z.object({ ...pair, ...followOptions, ...followActivity, followId: snowflakeId, at: z.iso.datetime() }));
export const FollowOptionsChanged = defineEvent('FollowOptionsChanged', 1, z.object({ ...pair, ...followOptions }));
/** Ends a follow or a pending request, whoever ended it and why. */
export const FollowEnded = defineEvent(
  'FollowEnded',
  1,
  z.object({ ...pair, ...followActivity, reason: z.enum(['unfollowed', 'rejected', 'removed', 'blocked']), at: z.iso.datetime() }),
);

export const AccountBlocked = defineEvent('AccountBlocked', 1, z.object({ accountId: snowflakeId, targetId: snowflakeId, blockId: snowflakeId, at: z.iso.datetime() }));
export const AccountUnblocked = defineEvent('AccountUnblocked', 1, z.object({ accountId: snowflakeId, targetId: snowflakeId, at: z.iso.datetime() }));
export const AccountMuted = defineEvent(
  'AccountMuted',
  1,
  z.object({ accountId: snowflakeId, targetId: snowflakeId, muteId: snowflakeId, notifications: z.boolean(), expiresAt: z.iso.datetime().nullable(), at: z.iso.datetime() }),
);
export const AccountUnmuted = defineEvent('AccountUnmuted', 1, z.object({ accountId: snowflakeId, targetId: snowflakeId, at: z.iso.datetime() }));

export const relationshipEvents = [
  FollowRequested,
  AccountFollowed,
  FollowOptionsChanged,
  FollowEnded,
  AccountBlocked,
  AccountUnblocked,
  AccountMuted,
  AccountUnmuted,
] as const;
