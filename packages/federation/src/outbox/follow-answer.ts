import type { Context } from '@fedify/fedify';
import { Accept, Follow, Reject } from '@fedify/vocab';
import type { AccountDoc } from '@strata/views';

/**
 * Accept or Reject of a remote follower's Follow, naming the Follow it answers (Mastodon
 * finds the follow request by that id). `salt` keeps each answer's id distinct.
 */
export function followAnswerOf(ctx: Context<unknown>, kind: 'accept' | 'reject', followed: AccountDoc, follower: AccountDoc, activityUri: string, salt: string | number) {
  const me = ctx.getActorUri(followed.username);
  const values = { actor: me, object: new Follow({ id: new URL(activityUri), actor: new URL(follower.remote!.uri), object: me }) };
  return kind === 'accept'
    ? new Accept({ id: new URL(`${me.href}#accepts/follows/${follower.id}/${salt}`), ...values })
    : new Reject({ id: new URL(`${me.href}#rejects/follows/${follower.id}/${salt}`), ...values });
}
