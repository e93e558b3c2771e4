import type { InboxContext } from '@fedify/fedify';
import { type Move, isActor } from '@fedify/vocab';
import { ForbiddenError } from '@strata/kernel';
import { changeFollow, commandDeps, commandMetadata, followAccount, recordRemoteMove } from '@strata/commands';
import { accountsCollection, findRemoteAccountByUri, followsCollection } from '@strata/views';
import { type FederationDeps, instanceLoaders } from '../deps.ts';
import { remoteAccountFor } from './remote-actor.ts';

/**
 * Move of a remote account to another one, as Mastodon handles it: only the actor moves
 * itself; the target is fetched from its own server (never trusted as embedded) and must
 * name the old account in its `alsoKnownAs`. The old account is marked moved, and each
 * local follower follows the new account (a request until the peer accepts) and unfollows the old.
 */
export async function onMove(ctx: InboxContext<FederationDeps>, move: Move) {
  if (!move.actorId || !move.objectId || !move.targetId || move.objectId.href !== move.actorId.href) return;
  const store = await ctx.data.readModels();
  const origin = await findRemoteAccountByUri(store, move.actorId.href);
  if (!origin || move.targetId.href === move.actorId.href) return;
  const documentLoader = (await instanceLoaders(ctx)).documentLoader;
  const target = await ctx.lookupObject(move.targetId.href, { documentLoader, contextLoader: ctx.contextLoader }).catch(() => null);
  if (!isActor(target) || target.id?.href !== move.targetId.href) return;
  if (!target.aliasIds.some((alias) => alias.href === move.actorId!.href)) {
    ctx.data.logger.info({ from: move.actorId.href, to: move.targetId.href }, 'move to an account that does not name the old one as an alias ignored');
    return;
  }
  const targetId = await remoteAccountFor(ctx, ctx.data, target);
  if (!targetId || (await accountsCollection(store).get(targetId))?.suspended) return;
  const deps = await commandDeps(ctx.data);
  const moved = await recordRemoteMove(deps, { accountId: origin.id, movedToAccountId: targetId }, commandMetadata(origin.id));
  // a Move delivered again, or for a move already made, migrates nobody twice
  if (moved.appended === 0) return;
  const follows = await followsCollection(store).find({ where: { followedId: origin.id, state: 'following' } });
  const locals = new Set((await accountsCollection(store).getMany(follows.map((follow) => follow.followerId))).filter((a) => !a.remote).map((a) => a.id));
  for (const follow of follows.filter((f) => locals.has(f.followerId))) {
    const options = { reblogs: follow.reblogs, notify: follow.notify, languages: follow.languages };
    try {
      await followAccount(deps, { followerId: follow.followerId, followedId: targetId, locked: true, options }, commandMetadata(follow.followerId));
    } catch (error) {
      // a block between the follower and the new account: the follower stays where it was
      if (error instanceof ForbiddenError) continue;
      throw error;
    }
    await changeFollow(deps, 'Unfollow', { followerId: follow.followerId, followedId: origin.id }, commandMetadata(follow.followerId));
  }
}
