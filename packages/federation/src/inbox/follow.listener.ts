import type { InboxContext } from '@fedify/fedify';
import { Announce, Block, Follow, Like, type Undo, isActor } from '@fedify/vocab';
import { changeFollow, commandDeps, commandMetadata, followAccount } from '@strata/commands';
import { type AccountDoc, blocksCollection, findRemoteAccountByUri, pairId } from '@strata/views';
import { servedAccount } from '../actors/actors.dispatch.ts';
import { type FederationDeps, INSTANCE_ACTOR, instanceLoaders } from '../deps.ts';
import { followAnswerOf } from '../outbox/follow-answer.ts';
import { undoBlock } from './block.listener.ts';
import { undoReaction } from './reaction.listener.ts';
import { remoteAccountFor } from './remote-actor.ts';

/**
 * A remote actor follows a local account: the same follow command a client issues,
 * for a remote follower. The Accept (or nothing, for a locked account, until the request
 * is authorized) is sent by delivery as a reaction to the recorded follow.
 */
export async function onFollow(ctx: InboxContext<FederationDeps>, follow: Follow) {
  const deps = ctx.data;
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== 'actor' || target.identifier === INSTANCE_ACTOR) return;
  const followed = await servedAccount(deps, target.identifier);
  if (!followed) return;
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const actor = await follow.getActor({ documentLoader, contextLoader: ctx.contextLoader });
  if (!isActor(actor) || actor.id?.href !== follow.actorId.href) return;
  const followerId = await remoteAccountFor(ctx, deps, actor);
  if (!followerId) {
    deps.logger.info({ actor: follow.actorId.href }, 'follow from an actor we cannot federate with ignored');
    return;
  }
  if (await blocksCollection(await deps.readModels()).get(pairId(followed.id, followerId))) {
    // an actor the account blocked is told no, as Mastodon does
    await answer(ctx, 'reject', followed, actor.id.href, follow.id.href);
    return;
  }
  const result = await followAccount(
    await commandDeps(deps),
    { followerId, followedId: followed.id, locked: followed.locked, options: {}, activityUri: follow.id.href },
    commandMetadata(followerId),
  );
  if (result.appended === 0 && result.state.state === 'following') {
    // a follower that lost track of its follow sends it again: Mastodon answers with Accept again
    await answer(ctx, 'accept', followed, actor.id.href, follow.id.href);
  }
}

/** Answers a Follow at once (this runs on the inbox queue; the answer goes out through the outbox queue). */
async function answer(ctx: InboxContext<FederationDeps>, kind: 'accept' | 'reject', followed: AccountDoc, actorUri: string, followUri: string) {
  const follower = await findRemoteAccountByUri(await ctx.data.readModels(), actorUri);
  if (!follower?.remote) return;
  const activity = followAnswerOf(ctx, kind, followed, follower, followUri, ctx.data.clock.now().getTime());
  await ctx.sendActivity({ identifier: followed.username }, { id: new URL(follower.remote.uri), inboxId: new URL(follower.remote.inbox) }, activity);
}

/** Undo of a Follow (the remote follower unfollows or withdraws its request), a Like or an Announce. */
export async function onUndo(ctx: InboxContext<FederationDeps>, undo: Undo) {
  const deps = ctx.data;
  const object = await undo.getObject({ ...(await instanceLoaders(ctx)), suppressError: true });
  if (!undo.actorId) return;
  if (object instanceof Like || object instanceof Announce) return undoReaction(ctx, undo.actorId, object, object instanceof Like ? 'favourite' : 'reblog');
  if (object instanceof Block) return undoBlock(ctx, undo.actorId, object);
  if (!object || !(object instanceof Follow)) return;
  const follow = object as Follow;
  if (follow.actorId?.href !== undo.actorId.href || !follow.objectId) return;
  const target = ctx.parseUri(follow.objectId);
  if (target?.type !== 'actor') return;
  const [followed, follower] = await Promise.all([servedAccount(deps, target.identifier), findRemoteAccountByUri(await deps.readModels(), undo.actorId.href)]);
  if (!followed || !follower) return;
  await changeFollow(await commandDeps(deps), 'Unfollow', { followerId: follower.id, followedId: followed.id }, commandMetadata(follower.id));
}

